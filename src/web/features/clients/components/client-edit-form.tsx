import type { FormEvent } from 'react';
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ClientView } from '../../../../contracts/clients.contract';
import { Button } from '../../../components/button';
import { FormErrorSummary } from '../../../components/form-error-summary';
import { isApiError } from '../../../lib/api';
import { useFormErrors } from '../../../lib/use-form-errors';
import { calendarDate, isEmpty, required, validate } from '../../../lib/validate';
import { clientKeys } from '../api/client-keys';
import { updateClient } from '../api/update-client';
import { ClientFormFields, useClientFieldLabels } from './client-form-fields';
import type { ClientFormField } from './client-form-values';
import { clientValuesOf, toUpdateBody } from './client-form-values';
import { StaleVersionAlert } from './stale-version-alert';

const formId = 'edit-client';

/**
 * Edit a client record. Sends only the fields that changed, with `If-Match` of the version that was
 * read; a 412 means someone else saved first, and the person is asked to reload instead of
 * overwriting their change.
 */
export function ClientEditForm({ client, onDone, onReload }: { client: ClientView; onDone: (saved: boolean) => void; onReload: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(() => clientValuesOf(client));
  const errors = useFormErrors();
  const labels = useClientFieldLabels();
  const mutation = useMutation({
    mutationFn: (body: ReturnType<typeof toUpdateBody>) => updateClient(client.id, client.version, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(clientKeys.detail(client.id), saved);
      void queryClient.invalidateQueries({ queryKey: clientKeys.lists() });
      onDone(true);
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 412) errors.clear();
      else errors.showError(error);
    },
  });
  const stale = isApiError(mutation.error) && mutation.error.status === 412 ? mutation.error : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = validate(values, { displayName: [required], dateOfBirth: [required, calendarDate] });
    if (!isEmpty(problems)) return errors.showFieldErrors(problems);
    errors.clear();
    const body = toUpdateBody(values, client);
    if (Object.keys(body).length === 0) return onDone(false);
    mutation.mutate(body);
  };

  return (
    <section className="stack" aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`}>{t('clients.edit.title')}</h2>
      {stale ? <StaleVersionAlert currentVersion={stale.currentVersion} onReload={onReload} /> : null}
      <FormErrorSummary formId={formId} fieldErrors={errors.fieldErrors} labels={labels} message={errors.message} attempt={errors.attempt} />
      <form className="stack" onSubmit={submit} noValidate>
        <ClientFormFields formId={formId} values={values} errors={errors.fieldErrors} onChange={(field: ClientFormField, value: string) => setValues((current) => ({ ...current, [field]: value }))} />
        <div className="actions">
          <Button type="submit" busy={mutation.isPending} disabled={Boolean(stale)}>
            {t('clients.edit.submit')}
          </Button>
          <Button variant="secondary" onClick={() => onDone(false)}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </section>
  );
}
