import type { MouseEvent } from 'react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldErrorMap } from '../lib/field-errors';

/**
 * The list of what is wrong with a form, shown above it after a failed submit (client-side checks or
 * the server's problem+json `errors`). It takes focus and is announced, and each problem links to
 * its field, so a keyboard or screen-reader user can go straight to it.
 */
export function FormErrorSummary({
  formId,
  fieldErrors,
  labels,
  message,
  attempt,
}: {
  /** Fields are `${formId}-${field}`; the links point there. */
  formId: string;
  fieldErrors: FieldErrorMap;
  /** Field name → visible label, for the link text. */
  labels: Partial<Record<string, string>>;
  /** A problem that belongs to no field (the server's `detail`, a network failure). */
  message?: string | null;
  /** Changes on every submit, so a repeated identical error takes focus again. */
  attempt?: number;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(fieldErrors).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  const visible = entries.length > 0 || Boolean(message);

  useEffect(() => {
    if (visible) ref.current?.focus();
  }, [visible, attempt, message]);

  if (!visible) return null;

  const focusField = (event: MouseEvent<HTMLAnchorElement>, field: string) => {
    const target = document.getElementById(`${formId}-${field}`);
    if (!target) return;
    event.preventDefault();
    target.focus();
    target.scrollIntoView({ block: 'center' });
  };

  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby={`${formId}-error-summary-title`}>
      <h2 className="error-summary__title" id={`${formId}-error-summary-title`}>
        {t('components.errorSummary.title')}
      </h2>
      {message ? <p className="error-summary__message">{message}</p> : null}
      {entries.length > 0 ? (
        <ul className="error-summary__list">
          {entries.map(([field, error]) => {
            const label = labels[field];
            return (
              <li key={field}>
                {label ? (
                  <a href={`#${formId}-${field}`} onClick={(event) => focusField(event, field)}>
                    {t('components.errorSummary.item', { label, error })}
                  </a>
                ) : (
                  t('components.errorSummary.item', { label: field, error })
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
