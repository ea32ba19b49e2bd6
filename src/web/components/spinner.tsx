import { useTranslation } from 'react-i18next';

/** A decorative spinning ring; the text next to it is what assistive technology reads. */
export function Spinner({ size = 'normal' }: { size?: 'small' | 'normal' }) {
  return <span className={`spinner spinner--${size}`} aria-hidden="true" />;
}

/** "Loading…" as a polite live region, for a page or a section waiting for the server. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="loading" role="status">
      <Spinner />
      <span>{label ?? t('components.loading')}</span>
    </div>
  );
}
