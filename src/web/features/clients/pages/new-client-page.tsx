import type { FormEvent } from 'react';
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { pathTo, routes } from '../../../app/route-paths';
import { Button } from '../../../components/button';
import { FormErrorSummary } from '../../../components/form-error-summary';
import { LinkButton } from '../../../components/link-button';
import { PageHeader } from '../../../components/page-header';
import type { EntityPicker } from '../../../lib/entity-picker';
import { useIdempotencyKey } from '../../../lib/idempotency-key';
import { useSession } from '../../../lib/session-context';
import { useFormErrors } from '../../../lib/use-form-errors';
import { calendarDate, isEmpty, required, validate } from '../../../lib/validate';
import { clientKeys } from '../api/client-keys';
import { createClient } from '../api/create-client';
import { ClientFormFields, useClientFieldLabels } from '../components/client-form-fields';
import type { ClientFormField } from '../components/client-form-values';
import { emptyClientValues, toCreateBody } from '../components/client-form-values';

const formId = 'new-client';

/**
 * Register a new client. Only name and date of birth are required. A supervisor may give the case
 * to a clinician they supervise. The submission carries an Idempotency-Key that is kept until it
 * succeeds, so pressing "Save" again after a dropped connection cannot create the client twice.
 */
export function NewClientPage({ ClinicianPicker }: { ClinicianPicker?: EntityPicker }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { can } = useSession();
  const [values, setValues] = useState(emptyClientValues);
  const [clinicianId, setClinicianId] = useState('');
  const idempotency = useIdempotencyKey();
  const errors = useFormErrors();
  const labels = { ...useClientFieldLabels(), clinicianId: t('clients.fields.clinician') };

  const mutation = useMutation({
    mutationFn: (body: ReturnType<typeof toCreateBody>) => createClient(body, idempotency.key()),
    onSuccess: (client) => {
      idempotency.renew();
      queryClient.setQueryData(clientKeys.detail(client.id), client);
      void queryClient.invalidateQueries({ queryKey: clientKeys.lists() });
      void navigate(pathTo(routes.client, { id: client.id }), { state: { created: true } });
    },
    onError: errors.showError,
  });

  const onChange = (field: ClientFormField, value: string) => setValues((current) => ({ ...current, [field]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = validate(values, { displayName: [required], dateOfBirth: [required, calendarDate] });
    if (!isEmpty(problems)) return errors.showFieldErrors(problems);
    errors.clear();
    mutation.mutate(toCreateBody(values, clinicianId || undefined));
  };

  return (
    <div className="narrow">
      <PageHeader title={t('clients.new.title')} lead={t('clients.new.lead')} />
      <FormErrorSummary formId={formId} fieldErrors={errors.fieldErrors} labels={labels} message={errors.message} attempt={errors.attempt} />
      <form className="stack" onSubmit={submit} noValidate>
        {ClinicianPicker && can('supervision.read') ? (
          <ClinicianPicker id={`${formId}-clinicianId`} label={labels.clinicianId} value={clinicianId} onChange={setClinicianId} emptyLabel={t('clients.new.myself')} hint={t('clients.new.clinicianHint')} error={errors.fieldErrors.clinicianId} />
        ) : null}
        <ClientFormFields formId={formId} values={values} errors={errors.fieldErrors} onChange={onChange} />
        <div className="actions">
          <Button type="submit" busy={mutation.isPending}>
            {t('clients.new.submit')}
          </Button>
          <LinkButton to={routes.clients}>{t('common.cancel')}</LinkButton>
        </div>
      </form>
    </div>
  );
}
