import type { FormEvent } from 'react';
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { routes } from '../../../app/route-paths';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { FormErrorSummary } from '../../../components/form-error-summary';
import { PageHeader } from '../../../components/page-header';
import { TextField } from '../../../components/text-field';
import { useFragmentToken } from '../../../lib/fragment-token';
import { useFormErrors } from '../../../lib/use-form-errors';
import { isEmpty, newPassword, validate } from '../../../lib/validate';
import { completePasswordReset } from '../api/complete-password-reset';

const formId = 'reset-password';

/** Where a password reset link lands (`/reset-password#token=…`): choose a new password, then sign in. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const token = useFragmentToken();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const errors = useFormErrors();
  const mutation = useMutation({
    mutationFn: completePasswordReset,
    onSuccess: () => void navigate(routes.signIn, { replace: true, state: { notice: 'password-changed' } }),
    onError: errors.showError,
  });
  const labels = { password: t('auth.reset.password'), confirmation: t('auth.reset.confirmation') };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = validate({ password, confirmation }, { password: [newPassword] });
    if (!problems.password && password !== confirmation) problems.confirmation = t('validation.passwordsDiffer');
    if (!isEmpty(problems)) return errors.showFieldErrors(problems);
    errors.clear();
    if (token) mutation.mutate({ token, password });
  };

  return (
    <div className="narrow">
      <PageHeader title={t('auth.reset.title')} />
      {token === null ? (
        <Alert tone="error" title={t('auth.reset.invalidTitle')}>
          <p>{t('auth.reset.invalid')}</p>
          <p>
            <Link to={routes.signIn}>{t('auth.goToSignIn')}</Link>
          </p>
        </Alert>
      ) : (
        <>
          <p>{t('auth.reset.lead')}</p>
          <FormErrorSummary formId={formId} fieldErrors={errors.fieldErrors} labels={labels} message={errors.message} attempt={errors.attempt} />
          <form className="stack card" onSubmit={submit} noValidate>
            <TextField id={`${formId}-password`} label={labels.password} hint={t('common.passwordHint', { min: 12 })} error={errors.fieldErrors.password} value={password} onChange={(event) => setPassword(event.currentTarget.value)} type="password" autoComplete="new-password" minLength={12} required />
            <TextField id={`${formId}-confirmation`} label={labels.confirmation} error={errors.fieldErrors.confirmation} value={confirmation} onChange={(event) => setConfirmation(event.currentTarget.value)} type="password" autoComplete="new-password" required />
            <div>
              <Button type="submit" busy={mutation.isPending}>
                {t('auth.reset.submit')}
              </Button>
            </div>
          </form>
        </>
      )}
    </div>
  );
}
