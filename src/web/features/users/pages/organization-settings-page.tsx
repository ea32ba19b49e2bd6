import type { FormEvent } from 'react';
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { CheckboxField } from '../../../components/checkbox-field';
import { ErrorState } from '../../../components/error-state';
import { FormErrorSummary } from '../../../components/form-error-summary';
import { PageHeader } from '../../../components/page-header';
import { Loading } from '../../../components/spinner';
import { TextField } from '../../../components/text-field';
import { isApiError } from '../../../lib/api';
import { useSession } from '../../../lib/session-context';
import { useFormErrors } from '../../../lib/use-form-errors';
import { isEmpty, required, validate } from '../../../lib/validate';
import type { Organization } from '../api/get-organization';
import { useOrganization } from '../api/get-organization';
import { updateOrganization } from '../api/update-organization';
import { RiskSettingsForm } from '../components/risk-settings-form';
import { userKeys } from '../api/user-keys';

const formId = 'organization';

function SettingsForm({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { refresh } = useSession();
  const [name, setName] = useState(organization.name);
  const [requireMfa, setRequireMfa] = useState(organization.requireMfa);
  const [saved, setSaved] = useState(false);
  const errors = useFormErrors();
  const mutation = useMutation({
    mutationFn: (body: { name?: string; requireMfa?: boolean }) => updateOrganization(organization.version, body),
    onSuccess: (next) => {
      queryClient.setQueryData(userKeys.organization, next);
      setSaved(true);
      void refresh(); // the header shows the organization name; MFA may now be required of this admin
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 412) errors.clear();
      else errors.showError(error);
    },
  });
  const stale = isApiError(mutation.error) && mutation.error.status === 412;
  const labels = { name: t('settings.name'), requireMfa: t('settings.requireMfa') };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const problems = validate({ name }, { name: [required] });
    if (!isEmpty(problems)) return errors.showFieldErrors(problems);
    errors.clear();
    const body = { ...(name.trim() !== organization.name ? { name: name.trim() } : {}), ...(requireMfa !== organization.requireMfa ? { requireMfa } : {}) };
    if (Object.keys(body).length === 0) return setSaved(true);
    mutation.mutate(body);
  };

  return (
    <>
      {saved ? <Alert tone="success">{t('settings.saved')}</Alert> : null}
      {stale ? (
        <Alert tone="error" title={t('settings.staleTitle')}>
          <p>{t('settings.stale')}</p>
          <Button variant="secondary" onClick={() => void queryClient.invalidateQueries({ queryKey: userKeys.organization })}>
            {t('clients.stale.reload')}
          </Button>
        </Alert>
      ) : null}
      <FormErrorSummary formId={formId} fieldErrors={errors.fieldErrors} labels={labels} message={errors.message} attempt={errors.attempt} />
      <form className="stack card" onSubmit={submit} noValidate>
        <TextField id={`${formId}-name`} label={labels.name} error={errors.fieldErrors.name} value={name} onChange={(event) => setName(event.currentTarget.value)} required autoComplete="organization" />
        <CheckboxField id={`${formId}-requireMfa`} label={labels.requireMfa} hint={t('settings.requireMfaHint')} error={errors.fieldErrors.requireMfa} checked={requireMfa} onChange={(event) => setRequireMfa(event.currentTarget.checked)} />
        <div>
          <Button type="submit" busy={mutation.isPending} disabled={stale}>
            {t('settings.submit')}
          </Button>
        </div>
      </form>
    </>
  );
}

/** Organization settings: its name, whether every account must use a second factor, and the risk settings. */
export function OrganizationSettingsPage() {
  const { t } = useTranslation();
  const organization = useOrganization();
  return (
    <div className="narrow">
      <PageHeader title={t('settings.title')} />
      {organization.isPending ? (
        <Loading />
      ) : organization.isError ? (
        <ErrorState error={organization.error} onRetry={() => void organization.refetch()} />
      ) : (
        <>
          <SettingsForm key={organization.data.version} organization={organization.data} />
          <RiskSettingsForm organization={organization.data} />
        </>
      )}
    </div>
  );
}
