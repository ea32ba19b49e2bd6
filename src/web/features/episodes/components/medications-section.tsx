import type { FormEvent } from 'react';
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/button';
import { FormErrorSummary } from '../../../components/form-error-summary';
import { TextField } from '../../../components/text-field';
import { describeError } from '../../../lib/describe-error';
import { formatCalendarDate } from '../../../lib/format';
import { useFormErrors } from '../../../lib/use-form-errors';
import { calendarDate, isEmpty, required, validate } from '../../../lib/validate';
import { addMedication, updateMedication } from '../api/episodes';
import type { Episode, Medication } from '../api/types';
import { useEpisodeChange } from './use-episode-change';

const addFormId = 'add-medication';

/** One medication, with "Record stop date" for one still being taken (If-Match of the medication's version). */
function MedicationItem({ episode, medication, editable, onStale }: { episode: Episode; medication: Medication; editable: boolean; onStale: () => void }) {
  const { t } = useTranslation();
  const change = useEpisodeChange(episode.id, onStale);
  const [stopping, setStopping] = useState(false);
  const [stopDate, setStopDate] = useState('');
  const [error, setError] = useState<string | undefined>();
  const fieldId = `medication-${medication.id}-stopDate`;
  const mutation = useMutation({
    mutationFn: () => updateMedication(episode.id, medication.id, medication.version, { stopDate }),
    onSuccess: (saved) => {
      change.saved(saved);
      setStopping(false);
    },
    onError: (failure) => {
      if (!change.failed(failure)) setError(describeError(failure));
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = calendarDate(stopDate);
    setError(problem ?? undefined);
    if (!problem) mutation.mutate();
  };
  const details = [
    medication.dose,
    medication.prescriber ? t('episodes.medications.prescribedBy', { prescriber: medication.prescriber }) : null,
    medication.startDate ? t('episodes.medications.since', { date: formatCalendarDate(medication.startDate) }) : null,
    medication.stopDate ? t('episodes.medications.stopped', { date: formatCalendarDate(medication.stopDate) }) : null,
  ].filter(Boolean);
  return (
    <li className="item-list__item">
      <div className="item-list__main">
        <span className="item-list__title">{medication.name}</span>
        {details.length > 0 ? <span className="item-list__sub">{details.join(' · ')}</span> : null}
      </div>
      {editable && !medication.stopDate && !stopping ? (
        <Button variant="secondary" onClick={() => setStopping(true)}>
          {t('episodes.medications.stop')}
          <span className="visually-hidden">: {medication.name}</span>
        </Button>
      ) : null}
      {stopping ? (
        <form className="inline-form" onSubmit={submit} noValidate>
          <TextField id={fieldId} type="date" label={t('episodes.medications.stopDate', { name: medication.name })} value={stopDate} error={error} required onChange={(event) => setStopDate(event.currentTarget.value)} />
          <div className="actions">
            <Button type="submit" busy={mutation.isPending}>
              {t('episodes.medications.saveStop')}
            </Button>
            <Button variant="secondary" onClick={() => setStopping(false)}>
              {t('common.cancel')}
            </Button>
          </div>
        </form>
      ) : null}
    </li>
  );
}

/** Add a concurrent medication: name required; dose, prescriber and dates when known. */
function AddMedicationForm({ episode, onStale, onDone }: { episode: Episode; onStale: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const change = useEpisodeChange(episode.id, onStale);
  const [values, setValues] = useState({ name: '', dose: '', prescriber: '', startDate: '', stopDate: '' });
  const labels = {
    name: t('episodes.medications.name'),
    dose: t('episodes.medications.dose'),
    prescriber: t('episodes.medications.prescriber'),
    startDate: t('episodes.medications.startDate'),
    stopDate: t('episodes.medications.stopDateField'),
  };
  const mutation = useMutation({
    mutationFn: () =>
      addMedication(episode.id, {
        name: values.name.trim(),
        ...(values.dose.trim() ? { dose: values.dose.trim() } : {}),
        ...(values.prescriber.trim() ? { prescriber: values.prescriber.trim() } : {}),
        ...(values.startDate ? { startDate: values.startDate } : {}),
        ...(values.stopDate ? { stopDate: values.stopDate } : {}),
      }),
    onSuccess: (saved) => {
      change.saved(saved);
      onDone();
    },
    onError: (failure) => {
      if (!change.failed(failure)) errors.showError(failure);
    },
  });
  const set = (field: keyof typeof values, value: string) => setValues((current) => ({ ...current, [field]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = validate(values, { name: [required] });
    for (const field of ['startDate', 'stopDate'] as const) {
      const problem = values[field] ? calendarDate(values[field]) : null;
      if (problem) problems[field] = problem;
    }
    if (!isEmpty(problems)) return errors.showFieldErrors(problems);
    errors.clear();
    mutation.mutate();
  };
  return (
    <form className="stack card card--inset" onSubmit={submit} noValidate aria-labelledby={`${addFormId}-title`}>
      <h4 id={`${addFormId}-title`}>{t('episodes.medications.addTitle')}</h4>
      <FormErrorSummary formId={addFormId} fieldErrors={errors.fieldErrors} labels={labels} message={errors.message} attempt={errors.attempt} />
      <div className="form-row">
        <TextField id={`${addFormId}-name`} label={labels.name} value={values.name} error={errors.fieldErrors.name} required maxLength={200} onChange={(event) => set('name', event.currentTarget.value)} />
        <TextField id={`${addFormId}-dose`} label={labels.dose} optional value={values.dose} error={errors.fieldErrors.dose} maxLength={200} onChange={(event) => set('dose', event.currentTarget.value)} />
      </div>
      <TextField id={`${addFormId}-prescriber`} label={labels.prescriber} optional value={values.prescriber} error={errors.fieldErrors.prescriber} maxLength={200} onChange={(event) => set('prescriber', event.currentTarget.value)} />
      <div className="form-row">
        <TextField id={`${addFormId}-startDate`} type="date" label={labels.startDate} optional value={values.startDate} error={errors.fieldErrors.startDate} onChange={(event) => set('startDate', event.currentTarget.value)} />
        <TextField id={`${addFormId}-stopDate`} type="date" label={labels.stopDate} optional value={values.stopDate} error={errors.fieldErrors.stopDate} onChange={(event) => set('stopDate', event.currentTarget.value)} />
      </div>
      <div className="actions">
        <Button type="submit" busy={mutation.isPending}>
          {t('episodes.medications.add')}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

/** Concurrent medication: what the client takes, and adding or stopping one. */
export function MedicationsList({ episode, editable, onStale }: { episode: Episode; editable: boolean; onStale: () => void }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  return (
    <div className="stack">
      <h3>{t('episodes.medications.title')}</h3>
      {episode.medications.length === 0 ? (
        <p className="muted">{t('episodes.medications.none')}</p>
      ) : (
        <ul className="item-list">
          {episode.medications.map((medication) => (
            <MedicationItem key={`${medication.id}-${medication.version}`} episode={episode} medication={medication} editable={editable} onStale={onStale} />
          ))}
        </ul>
      )}
      {editable ? adding ? <AddMedicationForm episode={episode} onStale={onStale} onDone={() => setAdding(false)} /> : (
        <div>
          <Button variant="secondary" onClick={() => setAdding(true)}>
            {t('episodes.medications.addButton')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}

