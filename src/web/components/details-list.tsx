import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Label/value pairs of a record as a <dl>; empty values say "Not recorded" rather than vanish. */
export function DetailsList({ items }: { items: readonly { label: string; value: ReactNode }[] }) {
  const { t } = useTranslation();
  return (
    <dl className="details">
      {items.map(({ label, value }) => (
        <div className="details__row" key={label}>
          <dt>{label}</dt>
          <dd>{value === null || value === undefined || value === '' ? <span className="muted">{t('common.notRecorded')}</span> : value}</dd>
        </div>
      ))}
    </dl>
  );
}
