import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** Id of the <main> element the skip link jumps to. */
export const mainContentId = 'main-content';

/** The first focusable element: lets keyboard users jump past the header and navigation. */
export function SkipLink() {
  const { t } = useTranslation();
  const jump = (event: MouseEvent<HTMLAnchorElement>) => {
    const main = document.getElementById(mainContentId);
    if (!main) return;
    event.preventDefault(); // focus without putting #main-content into the router's URL
    main.focus();
  };
  return (
    <a className="skip-link" href={`#${mainContentId}`} onClick={jump}>
      {t('app.skipToContent')}
    </a>
  );
}
