import type { FormEvent } from 'react';
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { FormErrorSummary } from '../../../components/form-error-summary';
import { TextField } from '../../../components/text-field';
import { describeError } from '../../../lib/describe-error';
import { useSession } from '../../../lib/session-context';
import { useFormErrors } from '../../../lib/use-form-errors';
import { isEmpty, totpCode, validate } from '../../../lib/validate';
import { confirmTotp } from '../api/confirm-totp';
import { enrolTotp } from '../api/enrol-totp';
import { QrCodeImage } from './qr-code-image';

const formId = 'totp-confirm';

/** Split a base32 secret into groups of four, so it can be typed by hand without losing one's place. */
function groupSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/**
 * Turning on the authenticator app: ask the server for a secret, show it as a QR code and as text
 * (for typing in, and for people who cannot scan), then confirm with one code.
 */
export function TotpEnrolment() {
  const { t } = useTranslation();
  const { signedIn } = useSession();
  const [code, setCode] = useState('');
  const errors = useFormErrors();
  const enrol = useMutation({ mutationFn: enrolTotp });
  const confirm = useMutation({ mutationFn: confirmTotp, onSuccess: signedIn, onError: errors.showError });
  const labels = { code: t('account.mfa.code') };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = validate({ code }, { code: [totpCode] });
    if (!isEmpty(problems)) return errors.showFieldErrors(problems);
    errors.clear();
    confirm.mutate(code.trim());
  };

  if (!enrol.data) {
    return (
      <div className="stack">
        <p>{t('account.mfa.offLead')}</p>
        {enrol.isError ? <Alert tone="error">{describeError(enrol.error)}</Alert> : null}
        <div>
          <Button onClick={() => enrol.mutate()} busy={enrol.isPending}>
            {t('account.mfa.start')}
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div className="stack">
      <ol className="steps">
        <li>{t('account.mfa.step1')}</li>
        <li>
          {t('account.mfa.step2')}
          <div className="totp-setup">
            <QrCodeImage value={enrol.data.otpauthUrl} alt={t('account.mfa.qrAlt')} />
            <div className="totp-setup__secret">
              <p>{t('account.mfa.manual')}</p>
              <p className="secret" translate="no">
                {groupSecret(enrol.data.secret)}
              </p>
            </div>
          </div>
        </li>
        <li>{t('account.mfa.step3')}</li>
      </ol>
      <FormErrorSummary formId={formId} fieldErrors={errors.fieldErrors} labels={labels} message={errors.message} attempt={errors.attempt} />
      <form className="stack" onSubmit={submit} noValidate>
        <TextField id={`${formId}-code`} label={labels.code} hint={t('account.mfa.codeHint')} error={errors.fieldErrors.code} value={code} onChange={(event) => setCode(event.currentTarget.value)} inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required className="field--short" />
        <div>
          <Button type="submit" busy={confirm.isPending}>
            {t('account.mfa.confirm')}
          </Button>
        </div>
      </form>
    </div>
  );
}
