import type { ComponentPropsWithRef } from 'react';
import type { FieldProps } from './form-field';
import { FieldFrame, describedBy } from './form-field';

/** A single-line input with its label, hint and error wired for assistive technology. */
export function TextField({ id, label, hint, error, optional, className, ...input }: FieldProps & Omit<ComponentPropsWithRef<'input'>, 'id'>) {
  const ids = describedBy(id, hint, error);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} optional={optional} className={className}>
      <input
        id={id}
        className="input"
        aria-describedby={ids.describedBy}
        aria-invalid={error ? true : undefined}
        {...input}
      />
    </FieldFrame>
  );
}
