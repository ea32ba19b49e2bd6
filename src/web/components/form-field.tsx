/**
 * The component library: hand-built on native HTML elements, on purpose.
 *
 * Why not a UI kit: the accessibility that matters here (labels, focus, keyboard, form semantics,
 * modal dialogs, disclosure) already comes from the platform when we use <label>, <input>, <select>,
 * <button>, <table> and <dialog> as intended; a kit would mostly re-implement those in JavaScript and
 * add weight. Counsellors use this on low-end phones, and the budget for sign-in + caseload is
 * 200 KB of gzipped JavaScript. So each component here is a thin wrapper that only wires what the
 * platform does not do by itself: the label, hint and error relationships (`aria-describedby`,
 * `aria-invalid`), the error summary, sort state on table headers (`aria-sort`), and focus on route
 * changes. Styles live in styles.css (the CSP forbids inline styles).
 *
 * This file is the centre of the form components: FieldFrame draws label, hint and error the same
 * way for every control, and `describedBy` links them to the control.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Ids of a field's hint and error, and the `aria-describedby` value that joins them. */
export function describedBy(id: string, hint?: ReactNode, error?: string): { hintId?: string; errorId?: string; describedBy?: string } {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const joined = [errorId, hintId].filter(Boolean).join(' ');
  return { hintId, errorId, describedBy: joined || undefined };
}

/** What every field component takes besides its control's own attributes. */
export interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** Show "(optional)" after the label; required fields carry `required` instead. */
  optional?: boolean;
}

/** Label, hint, control and error message, laid out and linked the same way for every field. */
export function FieldFrame({ id, label, hint, error, optional, children, className }: FieldProps & { children: ReactNode; className?: string }) {
  const { t } = useTranslation();
  const ids = describedBy(id, hint, error);
  return (
    <div className={['field', error ? 'field--error' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={id}>
        {label}
        {optional ? <span className="field__optional"> {t('components.field.optional')}</span> : null}
      </label>
      {hint ? (
        <div className="field__hint" id={ids.hintId}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p className="field__error" id={ids.errorId}>
          <span className="visually-hidden">{t('components.field.errorPrefix')} </span>
          {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}
