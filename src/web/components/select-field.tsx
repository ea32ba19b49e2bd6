import type { ComponentPropsWithRef } from 'react';
import type { FieldProps } from './form-field';
import { FieldFrame, describedBy } from './form-field';

/** A native <select> (the platform's picker is the most usable one on phones), labelled like every field. */
export function SelectField({ id, label, hint, error, optional, className, children, ...select }: FieldProps & Omit<ComponentPropsWithRef<'select'>, 'id'>) {
  const ids = describedBy(id, hint, error);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} optional={optional} className={className}>
      <select
        id={id}
        className="input input--select"
        aria-describedby={ids.describedBy}
        aria-invalid={error ? true : undefined}
        {...select}
      >
        {children}
      </select>
    </FieldFrame>
  );
}
