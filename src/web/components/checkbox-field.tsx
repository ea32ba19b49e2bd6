import type { ComponentPropsWithRef, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describedBy } from './form-field';

/** A native checkbox with the label beside it (a large touch target) and its hint and error linked. */
export function CheckboxField({ id, label, hint, error, ...input }: { id: string; label: ReactNode; hint?: ReactNode; error?: string } & Omit<ComponentPropsWithRef<'input'>, 'id' | 'type'>) {
  const { t } = useTranslation();
  const ids = describedBy(id, hint, error);
  return (
    <div className={error ? 'field field--checkbox field--error' : 'field field--checkbox'}>
      {error ? (
        <p className="field__error" id={ids.errorId}>
          <span className="visually-hidden">{t('components.field.errorPrefix')} </span>
          {error}
        </p>
      ) : null}
      <div className="checkbox">
        <input id={id} type="checkbox" className="checkbox__input" aria-describedby={ids.describedBy} aria-invalid={error ? true : undefined} {...input} />
        <label className="checkbox__label" htmlFor={id}>
          {label}
        </label>
      </div>
      {hint ? (
        <div className="field__hint field__hint--checkbox" id={ids.hintId}>
          {hint}
        </div>
      ) : null}
    </div>
  );
}
