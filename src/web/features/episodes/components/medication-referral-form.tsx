import type { FormEvent } from 'react';
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { FormErrorSummary } from '../../../components/form-error-summary';
import { SelectField } from '../../../components/select-field';
import { TextArea } from '../../../components/text-area';
import { useFormErrors } from '../../../lib/use-form-errors';
import { updateEpisode } from '../api/episodes';
import type { Episode } from '../api/types';
import { useEpisodeChange } from './use-episode-change';

const formId = 'medication-referral';
export const referralOptions = ['not-assessed', 'not-needed', 'referred', 'declined', 'already-on-medication'] as const;
type Referral = (typeof referralOptions)[number];

/** The referral for a medication evaluation, with a note; saved on the episode with If-Match. */
export function MedicationReferralForm({ episode, onStale }: { episode: Episode; onStale: () => void }) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const change = useEpisodeChange(episode.id, onStale);
  const [referral, setReferral] = useState(episode.medicationReferral as Referral);
  const [note, setNote] = useState(episode.medicationReferralNote ?? '');
  const [saved, setSaved] = useState(false);
  const labels = { medicationReferral: t('episodes.referral.label'), medicationReferralNote: t('episodes.referral.note') };
  const mutation = useMutation({
    mutationFn: () => updateEpisode(episode.id, episode.version, { medicationReferral: referral, medicationReferralNote: note.trim() }),
    onSuccess: (result) => {
      change.saved(result);
      setSaved(true);
    },
    onError: (failure) => {
      if (!change.failed(failure)) errors.showError(failure);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    errors.clear();
    mutation.mutate();
  };
  return (
    <form className="stack" onSubmit={submit} noValidate aria-labelledby={`${formId}-title`}>
      <h3 id={`${formId}-title`}>{t('episodes.referral.title')}</h3>
      {saved ? <Alert tone="success">{t('episodes.referral.saved')}</Alert> : null}
      <FormErrorSummary formId={formId} fieldErrors={errors.fieldErrors} labels={labels} message={errors.message} attempt={errors.attempt} />
      <SelectField id={`${formId}-medicationReferral`} className="field--medium" label={labels.medicationReferral} value={referral} onChange={(event) => setReferral(event.currentTarget.value as Referral)}>
        {referralOptions.map((option) => (
          <option key={option} value={option}>
            {t(`episodes.referral.options.${option}`)}
          </option>
        ))}
      </SelectField>
      <TextArea id={`${formId}-medicationReferralNote`} label={labels.medicationReferralNote} optional value={note} maxLength={2000} rows={2} error={errors.fieldErrors.medicationReferralNote} onChange={(event) => setNote(event.currentTarget.value)} />
      <div className="actions">
        <Button type="submit" variant="secondary" busy={mutation.isPending}>
          {t('episodes.referral.save')}
        </Button>
      </div>
    </form>
  );
}
