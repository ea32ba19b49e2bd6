import type { FormEvent } from 'react';
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/button';
import { FormErrorSummary } from '../../../components/form-error-summary';
import { TextArea } from '../../../components/text-area';
import { useFormErrors } from '../../../lib/use-form-errors';
import { isEmpty, required, validate } from '../../../lib/validate';
import { requestBreakGlass } from '../api/request-break-glass';

const formId = 'break-glass';

/**
 * Emergency ("break-glass") access to a record that is not in the person's caseload: a stated reason,
 * time-limited read-only access, recorded in the audit trail and shown to the clinician who holds it.
 */
export function BreakGlassRequest({ clientId, onGranted }: { clientId: string; onGranted: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const errors = useFormErrors();
  const mutation = useMutation({ mutationFn: () => requestBreakGlass(clientId, reason.trim()), onSuccess: onGranted, onError: errors.showError });
  const labels = { reason: t('clients.breakGlass.reason') };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = validate({ reason }, { reason: [required] });
    if (!isEmpty(problems)) return errors.showFieldErrors(problems);
    errors.clear();
    mutation.mutate();
  };
  return (
    <section className="card stack card--warning" aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`}>{t('clients.breakGlass.title')}</h2>
      <p>{t('clients.breakGlass.lead')}</p>
      <FormErrorSummary formId={formId} fieldErrors={errors.fieldErrors} labels={labels} message={errors.message} attempt={errors.attempt} />
      <form className="stack" onSubmit={submit} noValidate>
        <TextArea id={`${formId}-reason`} label={labels.reason} hint={t('clients.breakGlass.reasonHint')} error={errors.fieldErrors.reason} value={reason} onChange={(event) => setReason(event.currentTarget.value)} required maxLength={1000} />
        <div>
          <Button type="submit" variant="danger" busy={mutation.isPending}>
            {t('clients.breakGlass.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
