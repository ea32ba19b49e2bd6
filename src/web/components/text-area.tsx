import type { ComponentPropsWithRef } from 'react';
import type { FieldProps } from './form-field';
import { FieldFrame, describedBy } from './form-field';

/** A multi-line input (reasons, addresses) with label, hint and error wired like every field. */
export function TextArea({ id, label, hint, error, optional, className, rows = 3, ...textarea }: FieldProps & Omit<ComponentPropsWithRef<'textarea'>, 'id'>) {
  const ids = describedBy(id, hint, error);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} optional={optional} className={className}>
      <textarea
        id={id}
        className="input input--multiline"
        rows={rows}
        aria-describedby={ids.describedBy}
        aria-invalid={error ? true : undefined}
        {...textarea}
      />
    </FieldFrame>
  );
}
