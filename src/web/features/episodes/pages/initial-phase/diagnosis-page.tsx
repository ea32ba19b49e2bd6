import { useState } from 'react';
import type { FormEvent } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../../components/alert';
import { Badge } from '../../../../components/badge';
import { Button } from '../../../../components/button';
import { CheckboxField } from '../../../../components/checkbox-field';
import { ErrorState } from '../../../../components/error-state';
import { SelectField } from '../../../../components/select-field';
import { Loading } from '../../../../components/spinner';
import { TextArea } from '../../../../components/text-area';
import { TextField } from '../../../../components/text-field';
import { describeError } from '../../../../lib/describe-error';
import { useEnumLabel } from '../../../../lib/enum-label';
import { formatCalendarDate, formatDateTime } from '../../../../lib/format';
import type { Diagnosis, Psychoeducation } from '../../api/initial-phase/initial-phase-api';
import { saveDiagnosis, savePsychoeducation, useDiagnosis, useInvalidateInitialPhase, usePsychoeducation } from '../../api/initial-phase/initial-phase-api';
import { InitialPhaseFrame, RadioGroup, orNull } from '../../components/initial-phase/initial-phase-frame';

const yesNoUnknown = ['yes', 'no', 'unknown'] as const;
type Answer = (typeof yesNoUnknown)[number];
const exclusionKeys = ['substanceOrMedicalCause', 'maniaOrHypomaniaHistory', 'betterExplainedByOtherDisorder'] as const;
const topics = ['depression-is-an-illness', 'depression-is-treatable', 'not-your-fault', 'symptoms-explained', 'sick-role', 'ipt-rationale', 'measures-explained', 'medication-options', 'safety-plan', 'other'] as const;
const sickRoles = ['not-yet', 'given', 'limited', 'not-appropriate'] as const;

function Checklist({ episodeId, data, editable }: { episodeId: string; data: Diagnosis; editable: boolean }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const invalidate = useInvalidateInitialPhase(episodeId);
  const [symptoms, setSymptoms] = useState<Record<string, Answer>>(() => Object.fromEntries(data.symptomList.map((item) => [item.key, data.symptoms[item.key]?.present ?? 'unknown'])));
  const [duration, setDuration] = useState<Answer>(data.durationTwoWeeks);
  const [impairment, setImpairment] = useState<Answer>(data.impairment.present);
  const [exclusions, setExclusions] = useState<Record<string, Answer>>({ ...data.exclusions });
  const [note, setNote] = useState(data.note ?? '');
  const [confirmed, setConfirmed] = useState(data.confirmedAt !== null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const answer = (value: string) => label('initialPhase.enums.answer', value);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const finding = (key: string) => ({ present: symptoms[key] ?? 'unknown', note: data.symptoms[key as keyof typeof data.symptoms]?.note ?? null });
    saveDiagnosis(episodeId, data.version, {
      symptoms: {
        depressedMood: finding('depressedMood'),
        anhedonia: finding('anhedonia'),
        appetiteWeight: finding('appetiteWeight'),
        sleep: finding('sleep'),
        psychomotor: finding('psychomotor'),
        fatigue: finding('fatigue'),
        worthlessnessGuilt: finding('worthlessnessGuilt'),
        concentration: finding('concentration'),
        thoughtsOfDeath: finding('thoughtsOfDeath'),
      },
      durationTwoWeeks: duration,
      impairment: { present: impairment, note: data.impairment.note },
      exclusions: { substanceOrMedicalCause: exclusions.substanceOrMedicalCause ?? 'unknown', maniaOrHypomaniaHistory: exclusions.maniaOrHypomaniaHistory ?? 'unknown', betterExplainedByOtherDisorder: exclusions.betterExplainedByOtherDisorder ?? 'unknown' },
      note: orNull(note),
      confirmed,
    })
      .then(async () => {
        await invalidate();
        setMessage(t('initialPhase.diagnosis.saved'));
      })
      .catch((failure: unknown) => setError(describeError(failure)));
  };
  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby="diagnosis-checklist">
      <h2 id="diagnosis-checklist">{t('initialPhase.diagnosis.checklist')}</h2>
      {data.latestPhq9 ? (
        <p>
          {t('initialPhase.diagnosis.latestPhq9', { date: formatDateTime(data.latestPhq9.administeredAt), total: data.latestPhq9.total ?? '–' })}
          {data.prefilled ? ` ${t('initialPhase.diagnosis.prefilledLead')}` : ''}
        </p>
      ) : (
        <p>{t('initialPhase.diagnosis.noPhq9')}</p>
      )}
      <p>
        <Badge tone="info">{label('initialPhase.enums.pattern', data.summary.pattern)}</Badge> {t('initialPhase.diagnosis.summary', { present: data.summary.symptomsPresent, unknown: data.summary.symptomsUnknown })}
      </p>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div role="status">{message ? <Alert tone="success">{message}</Alert> : null}</div>
      <h3>{t('initialPhase.diagnosis.criterionA')}</h3>
      <ol className="ip-checklist">
        {data.symptomList.map((item) => {
          const prefill = data.symptoms[item.key]?.prefilledFrom;
          return (
            <li key={item.key}>
              <RadioGroup
                name={`symptom-${item.key}`}
                legend={
                  <>
                    {item.label} {prefill ? <Badge tone="neutral">{t('initialPhase.diagnosis.prefilled', { item: item.phq9Item, value: prefill.value })}</Badge> : null}
                  </>
                }
                options={yesNoUnknown}
                value={symptoms[item.key]}
                onChange={(value) => setSymptoms((current) => ({ ...current, [item.key]: value }))}
                labelFor={answer}
                disabled={!editable}
              />
            </li>
          );
        })}
      </ol>
      <RadioGroup name="duration" legend={t('initialPhase.diagnosis.duration')} options={yesNoUnknown} value={duration} onChange={setDuration} labelFor={answer} disabled={!editable} />
      <RadioGroup
        name="impairment"
        legend={
          <>
            {t('initialPhase.diagnosis.impairment')} {data.impairment.prefilledFrom ? <Badge tone="neutral">{t('initialPhase.diagnosis.prefilled', { item: '10', value: data.impairment.prefilledFrom.value })}</Badge> : null}
          </>
        }
        options={yesNoUnknown}
        value={impairment}
        onChange={setImpairment}
        labelFor={answer}
        disabled={!editable}
      />
      <h3>{t('initialPhase.diagnosis.exclusions')}</h3>
      <p className="muted">{t('initialPhase.diagnosis.exclusionsHint')}</p>
      {exclusionKeys.map((key) => (
        <RadioGroup key={key} name={`exclusion-${key}`} legend={t(`initialPhase.diagnosis.exclusion.${key}`)} options={yesNoUnknown} value={exclusions[key]} onChange={(value) => setExclusions((current) => ({ ...current, [key]: value }))} labelFor={answer} disabled={!editable} />
      ))}
      <TextArea id="diagnosis-note" label={t('initialPhase.diagnosis.note')} optional value={note} disabled={!editable} onChange={(event) => setNote(event.currentTarget.value)} />
      <CheckboxField id="diagnosis-confirmed" label={t('initialPhase.diagnosis.confirm')} checked={confirmed} disabled={!editable} onChange={(event) => setConfirmed(event.currentTarget.checked)} />
      {data.confirmedAt ? <p>{t('initialPhase.diagnosis.confirmedBy', { name: data.confirmedByName ?? data.confirmedBy ?? '', at: formatDateTime(data.confirmedAt) })}</p> : null}
      {editable ? (
        <div>
          <Button type="submit">{t('initialPhase.diagnosis.save')}</Button>
        </div>
      ) : null}
      <p className="muted">{data.source}</p>
    </form>
  );
}

function PsychoeducationForm({ episodeId, data, editable }: { episodeId: string; data: Psychoeducation; editable: boolean }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const invalidate = useInvalidateInitialPhase(episodeId);
  const [coveredOn, setCoveredOn] = useState(data.coveredOn ?? '');
  const [chosen, setChosen] = useState<string[]>(data.topics);
  const [details, setDetails] = useState(data.details ?? '');
  const [response, setResponse] = useState(data.clientResponse ?? '');
  const [status, setStatus] = useState<string>(data.sickRole.status);
  const [eased, setEased] = useState(data.sickRole.easedObligations ?? '');
  const [responsibilities, setResponsibilities] = useState(data.sickRole.clientResponsibilities ?? '');
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    savePsychoeducation(episodeId, data.version, {
      coveredOn: coveredOn || null,
      topics: chosen as Psychoeducation['topics'],
      details: orNull(details),
      clientResponse: orNull(response),
      sickRole: { status: status as Psychoeducation['sickRole']['status'], easedObligations: orNull(eased), clientResponsibilities: orNull(responsibilities) },
    })
      .then(async () => {
        await invalidate();
        setMessage(t('initialPhase.psychoeducation.saved'));
      })
      .catch((failure: unknown) => setError(describeError(failure)));
  };
  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby="psychoeducation-title">
      <h2 id="psychoeducation-title">{t('initialPhase.psychoeducation.title')}</h2>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div role="status">{message ? <Alert tone="success">{message}</Alert> : null}</div>
      <TextField id="psy-covered" type="date" label={t('initialPhase.psychoeducation.coveredOn')} optional value={coveredOn} disabled={!editable} onChange={(event) => setCoveredOn(event.currentTarget.value)} />
      <fieldset className="ip-radios">
        <legend className="field__label">{t('initialPhase.psychoeducation.topics')}</legend>
        <div className="ip-radios__options">
          {topics.map((topic) => (
            <label key={topic} className="ip-radios__option">
              <input
                type="checkbox"
                disabled={!editable}
                checked={chosen.includes(topic)}
                onChange={(event) => {
                  const checked = event.currentTarget.checked;
                  setChosen((current) => (checked ? [...current, topic] : current.filter((entry) => entry !== topic)));
                }}
              />
              {label('initialPhase.enums.topic', topic)}
            </label>
          ))}
        </div>
      </fieldset>
      <TextArea id="psy-details" label={t('initialPhase.psychoeducation.details')} optional value={details} disabled={!editable} onChange={(event) => setDetails(event.currentTarget.value)} />
      <TextArea id="psy-response" label={t('initialPhase.psychoeducation.clientResponse')} optional value={response} disabled={!editable} onChange={(event) => setResponse(event.currentTarget.value)} />
      <h3>{t('initialPhase.psychoeducation.sickRole')}</h3>
      <SelectField id="psy-sick-role" label={t('initialPhase.psychoeducation.sickRoleStatus')} value={status} disabled={!editable} onChange={(event) => setStatus(event.currentTarget.value)}>
        {sickRoles.map((value) => (
          <option key={value} value={value}>
            {label('initialPhase.enums.sickRole', value)}
          </option>
        ))}
      </SelectField>
      <TextArea id="psy-eased" label={t('initialPhase.psychoeducation.eased')} optional value={eased} disabled={!editable} onChange={(event) => setEased(event.currentTarget.value)} />
      <TextArea id="psy-responsibilities" label={t('initialPhase.psychoeducation.responsibilities')} optional value={responsibilities} disabled={!editable} onChange={(event) => setResponsibilities(event.currentTarget.value)} />
      {data.saved && data.updatedAt ? <p className="muted">{t('initialPhase.common.lastSaved', { at: formatDateTime(data.updatedAt) })}</p> : null}
      {data.coveredOn ? <p className="muted">{t('initialPhase.psychoeducation.coveredOnValue', { date: formatCalendarDate(data.coveredOn) })}</p> : null}
      {editable ? (
        <div>
          <Button type="submit">{t('initialPhase.psychoeducation.save')}</Button>
        </div>
      ) : null}
    </form>
  );
}

/** Diagnosis support (clinical-reference §6.1) with the fixed disclaimer, and psychoeducation with the sick role (§4.4). */
export function DiagnosisPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const diagnosis = useDiagnosis(id);
  const psychoeducation = usePsychoeducation(id);
  return (
    <InitialPhaseFrame episodeId={id} title={t('initialPhase.diagnosis.title')}>
      {(editable) => (
        <>
          <Alert tone="warning" title={t('initialPhase.diagnosis.disclaimerTitle')}>
            <p>{diagnosis.data?.disclaimer ?? t('initialPhase.diagnosis.disclaimer')}</p>
          </Alert>
          {diagnosis.isPending ? <Loading /> : null}
          {diagnosis.isError ? <ErrorState error={diagnosis.error} onRetry={() => void diagnosis.refetch()} /> : null}
          {diagnosis.data ? <Checklist episodeId={id} data={diagnosis.data} editable={editable} /> : null}
          {psychoeducation.isPending ? <Loading /> : null}
          {psychoeducation.isError ? <ErrorState error={psychoeducation.error} onRetry={() => void psychoeducation.refetch()} /> : null}
          {psychoeducation.data ? <PsychoeducationForm episodeId={id} data={psychoeducation.data} editable={editable} /> : null}
        </>
      )}
    </InitialPhaseFrame>
  );
}
