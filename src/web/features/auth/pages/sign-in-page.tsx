import type { FormEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { FormErrorSummary } from '../../../components/form-error-summary';
import { PageHeader } from '../../../components/page-header';
import { TextField } from '../../../components/text-field';
import { isApiError } from '../../../lib/api';
import { formatNumber } from '../../../lib/format';
import { useSession } from '../../../lib/session-context';
import { useFormErrors } from '../../../lib/use-form-errors';
import { isEmpty, required, totpCode, validate } from '../../../lib/validate';
import { signIn } from '../api/sign-in';

const formId = 'sign-in';

/**
 * Sign in with e-mail and password; when the server answers that a second factor is needed
 * (401 `…/mfa-required`), the same form asks for the authenticator code and submits again. Says why
 * the last session ended, and how long to wait after too many attempts (429 Retry-After).
 */
export function SignInPage() {
  const { t } = useTranslation();
  const { signedIn, endReason } = useSession();
  const [values, setValues] = useState({ email: '', password: '', totp: '' });
  const [needsTotp, setNeedsTotp] = useState(false);
  const [wait, setWait] = useState<number | null>(null);
  const errors = useFormErrors();
  const totpRef = useRef<HTMLInputElement>(null);
  const passwordChanged = (useLocation().state as { notice?: string } | null)?.notice === 'password-changed';

  const mutation = useMutation({
    mutationFn: signIn,
    onSuccess: signedIn,
    onError: (error) => {
      setWait(null);
      if (isApiError(error) && error.status === 401 && error.hasType('mfa-required')) {
        if (needsTotp) errors.showFieldErrors({ totp: t('auth.signIn.totpWrong') });
        else errors.clear();
        setNeedsTotp(true);
        return;
      }
      if (isApiError(error) && error.status === 429) {
        errors.clear();
        setWait(Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60)));
        return;
      }
      if (isApiError(error) && error.status === 401) {
        errors.clear(); // one generic message (below): never say which of the two was wrong
        return;
      }
      errors.showError(error);
    },
  });

  useEffect(() => {
    if (needsTotp) totpRef.current?.focus();
  }, [needsTotp]);

  const labels = { email: t('auth.email'), password: t('auth.password'), totp: t('auth.signIn.totp') };
  const set = (field: keyof typeof values) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setValues((current) => ({ ...current, [field]: value }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = validate(values, { email: [required], password: [required], ...(needsTotp ? { totp: [totpCode] } : {}) });
    if (!isEmpty(problems)) return errors.showFieldErrors(problems);
    errors.clear();
    mutation.mutate({ email: values.email.trim(), password: values.password, ...(needsTotp ? { totp: values.totp.trim() } : {}) });
  };

  const wrongCredentials = isApiError(mutation.error) && mutation.error.status === 401 && !mutation.error.hasType('mfa-required');

  return (
    <div className="narrow">
      <PageHeader title={t('auth.signIn.title')} />
      {endReason === 'session-ended' ? <Alert tone="info" title={t('auth.signIn.sessionEndedTitle')}>{t('auth.signIn.sessionEnded')}</Alert> : null}
      {passwordChanged ? <Alert tone="success">{t('auth.signIn.passwordChanged')}</Alert> : null}
      {endReason === 'signed-out' ? <Alert tone="success">{t('auth.signIn.signedOut')}</Alert> : null}
      {wait !== null ? <Alert tone="error">{t('auth.signIn.tooManyAttempts', { count: wait, minutes: formatNumber(wait) })}</Alert> : null}
      {wrongCredentials ? <Alert tone="error">{t('auth.signIn.wrongCredentials')}</Alert> : null}
      {!wrongCredentials ? <FormErrorSummary formId={formId} fieldErrors={errors.fieldErrors} labels={labels} message={errors.message} attempt={errors.attempt} /> : null}
      <form className="stack card" onSubmit={submit} noValidate>
        <TextField id={`${formId}-email`} label={labels.email} error={errors.fieldErrors.email} value={values.email} onChange={set('email')} type="email" autoComplete="username" required spellCheck={false} readOnly={needsTotp} />
        <TextField id={`${formId}-password`} label={labels.password} error={errors.fieldErrors.password} value={values.password} onChange={set('password')} type="password" autoComplete="current-password" required readOnly={needsTotp} />
        {needsTotp ? (
          <>
            <Alert tone="info">{t('auth.signIn.totpNeeded')}</Alert>
            <TextField ref={totpRef} id={`${formId}-totp`} label={labels.totp} hint={t('auth.signIn.totpHint')} error={errors.fieldErrors.totp} value={values.totp} onChange={set('totp')} inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required className="field--short" />
          </>
        ) : null}
        <div>
          <Button type="submit" busy={mutation.isPending}>
            {t('auth.signIn.submit')}
          </Button>
        </div>
      </form>
      <p className="muted">{t('auth.signIn.forgotPassword')}</p>
    </div>
  );
}
