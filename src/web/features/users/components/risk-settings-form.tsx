import type { FormEvent } from 'react';
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { FormErrorSummary } from '../../../components/form-error-summary';
import { SelectField } from '../../../components/select-field';
import { TextArea } from '../../../components/text-area';
import { TextField } from '../../../components/text-field';
import { isApiError } from '../../../lib/api';
import { formatNumber } from '../../../lib/format';
import { useFormErrors } from '../../../lib/use-form-errors';
import type { Organization } from '../api/get-organization';
import { updateOrganization } from '../api/update-organization';
import { userKeys } from '../api/user-keys';

type Risk = Organization['risk'];
const formId = 'risk-settings';

/**
 * The organization's risk settings (docs/safety.md): the level at which flags are escalated to the
 * supervisors, how often an unacknowledged escalation notifies again, the crisis lines shown with
 * every flag and prefilled in safety plans, and the referral pathway's steps.
 */
export function RiskSettingsForm({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [risk, setRisk] = useState<Risk>(organization.risk);
  const [minutes, setMinutes] = useState(String(organization.risk.renotifyMinutes));
  const [saved, setSaved] = useState(false);
  const errors = useFormErrors();
  const mutation = useMutation({
    mutationFn: (body: Risk) => updateOrganization(organization.version, { risk: body }),
    onSuccess: (next) => {
      queryClient.setQueryData(userKeys.organization, next);
      setSaved(true);
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 412) errors.clear();
      else errors.showError(error);
    },
  });
  const stale = isApiError(mutation.error) && mutation.error.status === 412;
  const labels = { escalateAtLevel: t('risk.settings.escalateAtLevel'), renotifyMinutes: t('risk.settings.renotifyMinutes') };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const renotify = Number(minutes);
    if (!Number.isInteger(renotify) || renotify < 5 || renotify > 1440) return errors.showFieldErrors({ renotifyMinutes: t('risk.settings.renotifyMinutesHint') });
    errors.clear();
    mutation.mutate({
      escalateAtLevel: risk.escalateAtLevel,
      renotifyMinutes: renotify,
      crisisResources: risk.crisisResources
        .filter((resource) => resource.name.trim() && resource.phone.trim())
        .map((resource) => ({ name: resource.name.trim(), phone: resource.phone.trim(), description: resource.description?.trim() ? resource.description.trim() : null })),
      referralPathway: risk.referralPathway.filter((step) => step.step.trim()).map((step) => ({ step: step.step.trim(), contact: step.contact?.trim() ? step.contact.trim() : null })),
    });
  };
  const setResource = (index: number, field: 'name' | 'phone' | 'description', value: string) =>
    setRisk((current) => ({ ...current, crisisResources: current.crisisResources.map((resource, i) => (i === index ? { ...resource, [field]: value } : resource)) }));
  const setStep = (index: number, field: 'step' | 'contact', value: string) =>
    setRisk((current) => ({ ...current, referralPathway: current.referralPathway.map((step, i) => (i === index ? { ...step, [field]: value } : step)) }));

  return (
    <section className="stack" aria-labelledby="risk-settings-title">
      <h2 id="risk-settings-title">{t('risk.settings.title')}</h2>
      <p>{t('risk.settings.lead')}</p>
      {saved ? <Alert tone="success">{t('risk.settings.saved')}</Alert> : null}
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
        <SelectField
          id={`${formId}-escalateAtLevel`}
          label={labels.escalateAtLevel}
          hint={t('risk.settings.escalateAtLevelHint')}
          value={risk.escalateAtLevel}
          onChange={(event) => setRisk({ ...risk, escalateAtLevel: event.currentTarget.value === 'high' ? 'high' : 'moderate' })}
        >
          <option value="moderate">{t('risk.settings.escalateModerate')}</option>
          <option value="high">{t('risk.settings.escalateHigh')}</option>
        </SelectField>
        <TextField
          id={`${formId}-renotifyMinutes`}
          label={labels.renotifyMinutes}
          hint={t('risk.settings.renotifyMinutesHint')}
          error={errors.fieldErrors.renotifyMinutes}
          inputMode="numeric"
          value={minutes}
          onChange={(event) => setMinutes(event.currentTarget.value)}
        />
        <h3>{t('risk.settings.crisisResources')}</h3>
        {risk.crisisResources.map((resource, index) => (
          <fieldset key={index} className="safety-plan__contact">
            <legend>{t('risk.settings.resource', { number: formatNumber(index + 1) })}</legend>
            <TextField id={`${formId}-resource-${index}-name`} label={t('risk.settings.resourceName')} value={resource.name} maxLength={200} onChange={(event) => setResource(index, 'name', event.currentTarget.value)} />
            <TextField id={`${formId}-resource-${index}-phone`} label={t('risk.settings.resourcePhone')} type="tel" value={resource.phone} maxLength={50} onChange={(event) => setResource(index, 'phone', event.currentTarget.value)} />
            <TextField id={`${formId}-resource-${index}-description`} label={t('risk.settings.resourceDescription')} optional value={resource.description ?? ''} maxLength={300} onChange={(event) => setResource(index, 'description', event.currentTarget.value)} />
            <div>
              <Button variant="secondary" onClick={() => setRisk({ ...risk, crisisResources: risk.crisisResources.filter((_, i) => i !== index) })}>
                {t('risk.settings.removeResource', { number: formatNumber(index + 1) })}
              </Button>
            </div>
          </fieldset>
        ))}
        <div>
          <Button variant="secondary" onClick={() => setRisk({ ...risk, crisisResources: [...risk.crisisResources, { name: '', phone: '', description: null }] })}>
            {t('risk.settings.addResource')}
          </Button>
        </div>
        <h3>{t('risk.settings.pathway')}</h3>
        {risk.referralPathway.map((step, index) => (
          <fieldset key={index} className="safety-plan__contact">
            <legend>{t('risk.settings.step', { number: formatNumber(index + 1) })}</legend>
            <TextArea id={`${formId}-step-${index}-step`} rows={2} label={t('risk.settings.stepText')} value={step.step} maxLength={300} onChange={(event) => setStep(index, 'step', event.currentTarget.value)} />
            <TextField id={`${formId}-step-${index}-contact`} label={t('risk.settings.stepContact')} optional value={step.contact ?? ''} maxLength={200} onChange={(event) => setStep(index, 'contact', event.currentTarget.value)} />
            <div>
              <Button variant="secondary" onClick={() => setRisk({ ...risk, referralPathway: risk.referralPathway.filter((_, i) => i !== index) })}>
                {t('risk.settings.removeStep', { number: formatNumber(index + 1) })}
              </Button>
            </div>
          </fieldset>
        ))}
        <div>
          <Button variant="secondary" onClick={() => setRisk({ ...risk, referralPathway: [...risk.referralPathway, { step: '', contact: null }] })}>
            {t('risk.settings.addStep')}
          </Button>
        </div>
        <div>
          <Button type="submit" busy={mutation.isPending} disabled={stale}>
            {t('risk.settings.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
