import { useCallback, useState } from 'react';
import { isApiError } from './api';
import { describeError } from './describe-error';
import type { FieldErrorMap } from './field-errors';
import { fieldErrorsOf } from './field-errors';

/**
 * The error state of one form: per-field messages (from the browser-side checks or the server's
 * problem+json `errors`) and one message that belongs to no field. `attempt` changes on each failed
 * submit so that the error summary takes focus again even when the text is the same.
 */
export function useFormErrors() {
  const [fieldErrors, setFieldErrors] = useState<FieldErrorMap>({});
  const [message, setMessage] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  const showFieldErrors = useCallback((errors: FieldErrorMap) => {
    setFieldErrors(errors);
    setMessage(null);
    setAttempt((n) => n + 1);
  }, []);

  const showError = useCallback((error: unknown) => {
    const fields = fieldErrorsOf(error);
    setFieldErrors(fields);
    const hasFields = Object.keys(fields).length > 0;
    setMessage(hasFields && isApiError(error) && error.status === 400 ? null : describeError(error));
    setAttempt((n) => n + 1);
  }, []);

  const clear = useCallback(() => {
    setFieldErrors({});
    setMessage(null);
  }, []);

  return { fieldErrors, message, attempt, showFieldErrors, showError, clear };
}
