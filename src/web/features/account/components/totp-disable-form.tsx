import type { FormEvent } from 'react';
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/button';
import { FormErrorSummary } from '../../../components/form-error-summary';
import { TextField } from '../../../components/text-field';
import { useSession } from '../../../lib/session-context';
import { useFormErrors } from '../../../lib/use-form-errors';
import { isEmpty, required, validate } from '../../../lib/validate';
import { disableTotp } from '../api/disable-totp';

const formId = 'totp-disable';

/**
 * Turning the authenticator off, after re-entering the password. When the organization requires
 * MFA the server refuses (403) and its explanation is shown as it is.
 */
export function TotpDisableForm() {
  const { t } = useTranslation();
  const { signedIn, refresh } = useSession();
  const [password, setPassword] = useState('');
  const errors = useFormErrors();
  const mutation = useMutation({
    mutationFn: disableTotp,
    onSuccess: async (session) => {
      setPassword('');
      if (session && typeof session === 'object' && 'user' in session) signedIn(session);
      else await refresh();
    },
    onError: errors.showError,
  });
  const labels = { password: t('account.mfa.password') };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = validate({ password }, { password: [required] });
    if (!isEmpty(problems)) return errors.showFieldErrors(problems);
    errors.clear();
    mutation.mutate(password);
  };

  return (
    <div className="stack">
      <FormErrorSummary formId={formId} fieldErrors={errors.fieldErrors} labels={labels} message={errors.message} attempt={errors.attempt} />
      <form className="stack" onSubmit={submit} noValidate>
        <TextField id={`${formId}-password`} label={labels.password} hint={t('account.mfa.passwordHint')} error={errors.fieldErrors.password} value={password} onChange={(event) => setPassword(event.currentTarget.value)} type="password" autoComplete="current-password" required />
        <div>
          <Button type="submit" variant="danger" busy={mutation.isPending}>
            {t('account.mfa.disable')}
          </Button>
        </div>
      </form>
    </div>
  );
}
