import type { ReactNode } from 'react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { takeHeadingFocusRequest } from '../lib/heading-focus';

/**
 * The page's <h1> and the document title (so browser history and screen readers name the page). After a route change it takes focus (it is focusable with
 * tabIndex -1, not in the tab order), so screen readers announce the new page and keyboard users
 * continue from the top of the content.
 */
export function PageHeader({ title, lead, actions }: { title: string; lead?: ReactNode; actions?: ReactNode }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  const documentTitle = t('app.documentTitle', { page: title });
  useEffect(() => {
    if (takeHeadingFocusRequest()) ref.current?.focus();
  }, []);
  useEffect(() => {
    document.title = documentTitle;
  }, [documentTitle]);
  return (
    <div className="page-header">
      <div className="page-header__text">
        <h1 ref={ref} tabIndex={-1} className="page-header__title" data-page-heading="">
          {title}
        </h1>
        {lead ? <p className="page-header__lead">{lead}</p> : null}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </div>
  );
}
