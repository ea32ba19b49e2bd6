import { useState } from 'react';
import type { FormEvent } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { Alert } from '../../../../components/alert';
import { Button } from '../../../../components/button';
import { DetailsList } from '../../../../components/details-list';
import { ErrorState } from '../../../../components/error-state';
import { SelectField } from '../../../../components/select-field';
import { Loading } from '../../../../components/spinner';
import { TextArea } from '../../../../components/text-area';
import { TextField } from '../../../../components/text-field';
import { describeError } from '../../../../lib/describe-error';
import { useEnumLabel } from '../../../../lib/enum-label';
import { formatCalendarDate, localIsoDate } from '../../../../lib/format';
import { episodeKeys } from '../../api/episode-keys';
import { useEpisode } from '../../api/episodes';
import type { Contract } from '../../api/initial-phase/initial-phase-api';
import { saveContract, useContract, useInvalidateInitialPhase } from '../../api/initial-phase/initial-phase-api';
import { InitialPhaseFrame, orNull } from '../../components/initial-phase/initial-phase-frame';
import { problemAreas } from './inventory-page';

const schedules = ['weekly', 'fortnightly', 'monthly'] as const;
const measureFrequencies = ['every-session', 'every-n-sessions', 'start-middle-end', 'start-and-end'] as const;
const roles = ['parent', 'caregiver', 'partner', 'family-member', 'interpreter', 'other'] as const;
type Goal = { text: string; how: string };
type Measure = { instrumentId: string; frequency: string; everySessions: string };
type Participant = { role: string; name: string; joins: string };

function ContractForm({ episodeId, data, editable, onMessage }: { episodeId: string; data: Contract; editable: boolean; onMessage: (message: string) => void }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const invalidate = useInvalidateInitialPhase(episodeId);
  const queryClient = useQueryClient();
  const [sessions, setSessions] = useState(String(data.contractedSessions));
  const [frequency, setFrequency] = useState<string>(data.frequency);
  const [length, setLength] = useState(data.sessionLengthMinutes === null ? '' : String(data.sessionLengthMinutes));
  const [areas, setAreas] = useState<string[]>(data.problemAreas);
  const [goals, setGoals] = useState<Goal[]>(data.goals.map((goal) => ({ text: goal.text, how: goal.howProgressWillBeSeen ?? '' })));
  const [measures, setMeasures] = useState<Measure[]>(data.measures.map((m) => ({ instrumentId: m.instrumentId, frequency: m.frequency, everySessions: m.everySessions === null ? '' : String(m.everySessions) })));
  const [participants, setParticipants] = useState<Participant[]>(data.participants.map((p) => ({ role: p.role, name: p.name ?? '', joins: p.joins ?? '' })));
  const [missed, setMissed] = useState(data.missedSessionRule ?? '');
  const [crisis, setCrisis] = useState(data.crisisPlan ?? '');
  const [agreedOn, setAgreedOn] = useState(data.agreedOn ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dis = !editable;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    saveContract(episodeId, data.version, {
      contractedSessions: Number(sessions),
      frequency: frequency as Contract['frequency'],
      sessionLengthMinutes: length === '' ? null : Number(length),
      problemAreas: areas as Contract['problemAreas'],
      goals: goals.filter((goal) => goal.text.trim()).map((goal) => ({ text: goal.text.trim(), howProgressWillBeSeen: orNull(goal.how) })),
      measures: measures
        .filter((m) => m.instrumentId.trim())
        .map((m) => ({ instrumentId: m.instrumentId.trim(), frequency: m.frequency as Contract['measures'][number]['frequency'], everySessions: m.frequency === 'every-n-sessions' && m.everySessions ? Number(m.everySessions) : null })),
      participants: participants.map((p) => ({ role: p.role as Contract['participants'][number]['role'], name: orNull(p.name), joins: orNull(p.joins) })),
      missedSessionRule: orNull(missed),
      crisisPlan: orNull(crisis),
      agreedOn: agreedOn || null,
    })
      .then(async () => {
        await invalidate();
        await queryClient.invalidateQueries({ queryKey: episodeKeys.detail(episodeId) });
        onMessage(t('initialPhase.contract.saved'));
      })
      .catch((failure: unknown) => setError(describeError(failure)))
      .finally(() => setBusy(false));
  };

  return (
    <form className="card stack contract-form" onSubmit={submit} noValidate aria-labelledby="contract-form-title">
      <h2 id="contract-form-title">{t('initialPhase.contract.formTitle')}</h2>
      {data.prefilled ? <Alert tone="info">{t('initialPhase.contract.prefilled')}</Alert> : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="ip-grid">
        <TextField
          id="contract-sessions"
          type="number"
          inputMode="numeric"
          label={t('initialPhase.contract.sessions')}
          hint={t('initialPhase.contract.sessionsHint', { min: data.protocol.sessionCount.min, max: data.protocol.sessionCount.max, held: data.sessionsHeld })}
          value={sessions}
          disabled={dis}
          onChange={(event) => setSessions(event.currentTarget.value)}
        />
        <SelectField id="contract-frequency" label={t('initialPhase.contract.frequency')} value={frequency} disabled={dis} onChange={(event) => setFrequency(event.currentTarget.value)}>
          {schedules.map((value) => (
            <option key={value} value={value}>
              {label('episodes.schedule', value)}
            </option>
          ))}
        </SelectField>
        <TextField id="contract-length" type="number" inputMode="numeric" label={t('initialPhase.contract.length')} optional value={length} disabled={dis} onChange={(event) => setLength(event.currentTarget.value)} />
        <TextField id="contract-agreed" type="date" label={t('initialPhase.contract.agreedOn')} optional max={localIsoDate()} value={agreedOn} disabled={dis} onChange={(event) => setAgreedOn(event.currentTarget.value)} />
      </div>
      <fieldset className="ip-radios">
        <legend className="field__label">{t('initialPhase.contract.problemAreas')}</legend>
        <div className="ip-radios__options">
          {problemAreas.map((area) => (
            <label key={area} className="ip-radios__option">
              <input
                type="checkbox"
                disabled={dis}
                checked={areas.includes(area)}
                onChange={(event) => {
                  const on = event.currentTarget.checked;
                  setAreas((current) => (on ? [...current, area] : current.filter((entry) => entry !== area)));
                }}
              />
              {label('initialPhase.enums.area', area)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="stack">
        <legend className="field__label">{t('initialPhase.contract.goals')}</legend>
        {goals.map((goal, index) => (
          <div key={index} className="ip-grid ip-row">
            <TextField id={`goal-${index}`} label={t('initialPhase.contract.goalText', { number: index + 1 })} value={goal.text} disabled={dis} onChange={(event) => { const value = event.currentTarget.value; setGoals((current) => current.map((entry, i) => (i === index ? { ...entry, text: value } : entry))); }} />
            <TextField id={`goal-how-${index}`} label={t('initialPhase.contract.goalHow', { number: index + 1 })} optional value={goal.how} disabled={dis} onChange={(event) => { const value = event.currentTarget.value; setGoals((current) => current.map((entry, i) => (i === index ? { ...entry, how: value } : entry))); }} />
            {editable ? <Button variant="secondary" onClick={() => setGoals((current) => current.filter((_, i) => i !== index))}>{t('initialPhase.contract.removeGoal', { number: index + 1 })}</Button> : null}
          </div>
        ))}
        {editable ? <div><Button variant="secondary" onClick={() => setGoals((current) => [...current, { text: '', how: '' }])}>{t('initialPhase.contract.addGoal')}</Button></div> : null}
      </fieldset>
      <fieldset className="stack">
        <legend className="field__label">{t('initialPhase.contract.measures')}</legend>
        {measures.map((measure, index) => (
          <div key={index} className="ip-grid ip-row">
            <TextField id={`measure-${index}`} label={t('initialPhase.contract.instrument', { number: index + 1 })} value={measure.instrumentId} disabled={dis} onChange={(event) => { const value = event.currentTarget.value; setMeasures((current) => current.map((entry, i) => (i === index ? { ...entry, instrumentId: value } : entry))); }} />
            <SelectField id={`measure-frequency-${index}`} label={t('initialPhase.contract.measureFrequency', { number: index + 1 })} value={measure.frequency} disabled={dis} onChange={(event) => { const value = event.currentTarget.value; setMeasures((current) => current.map((entry, i) => (i === index ? { ...entry, frequency: value } : entry))); }}>
              {measureFrequencies.map((value) => (
                <option key={value} value={value}>
                  {label('initialPhase.enums.measureFrequency', value)}
                </option>
              ))}
            </SelectField>
            {measure.frequency === 'every-n-sessions' ? (
              <TextField id={`measure-every-${index}`} type="number" label={t('initialPhase.contract.everySessions', { number: index + 1 })} value={measure.everySessions} disabled={dis} onChange={(event) => { const value = event.currentTarget.value; setMeasures((current) => current.map((entry, i) => (i === index ? { ...entry, everySessions: value } : entry))); }} />
            ) : null}
            {editable ? <Button variant="secondary" onClick={() => setMeasures((current) => current.filter((_, i) => i !== index))}>{t('initialPhase.contract.removeMeasure', { number: index + 1 })}</Button> : null}
          </div>
        ))}
        {editable ? <div><Button variant="secondary" onClick={() => setMeasures((current) => [...current, { instrumentId: '', frequency: 'every-session', everySessions: '' }])}>{t('initialPhase.contract.addMeasure')}</Button></div> : null}
      </fieldset>
      <fieldset className="stack">
        <legend className="field__label">{t('initialPhase.contract.participants')}</legend>
        {participants.length === 0 ? <p className="muted">{t('initialPhase.contract.noParticipants')}</p> : null}
        {participants.map((participant, index) => (
          <div key={index} className="ip-grid ip-row">
            <SelectField id={`participant-role-${index}`} label={t('initialPhase.contract.role', { number: index + 1 })} value={participant.role} disabled={dis} onChange={(event) => { const value = event.currentTarget.value; setParticipants((current) => current.map((entry, i) => (i === index ? { ...entry, role: value } : entry))); }}>
              {roles.map((value) => (
                <option key={value} value={value}>
                  {label('initialPhase.enums.participantRole', value)}
                </option>
              ))}
            </SelectField>
            <TextField id={`participant-name-${index}`} label={t('initialPhase.contract.participantName', { number: index + 1 })} optional value={participant.name} disabled={dis} onChange={(event) => { const value = event.currentTarget.value; setParticipants((current) => current.map((entry, i) => (i === index ? { ...entry, name: value } : entry))); }} />
            <TextField id={`participant-joins-${index}`} label={t('initialPhase.contract.joins', { number: index + 1 })} optional value={participant.joins} disabled={dis} onChange={(event) => { const value = event.currentTarget.value; setParticipants((current) => current.map((entry, i) => (i === index ? { ...entry, joins: value } : entry))); }} />
            {editable ? <Button variant="secondary" onClick={() => setParticipants((current) => current.filter((_, i) => i !== index))}>{t('initialPhase.contract.removeParticipant', { number: index + 1 })}</Button> : null}
          </div>
        ))}
        {editable ? <div><Button variant="secondary" onClick={() => setParticipants((current) => [...current, { role: 'parent', name: '', joins: '' }])}>{t('initialPhase.contract.addParticipant')}</Button></div> : null}
      </fieldset>
      <TextArea id="contract-missed" label={t('initialPhase.contract.missed')} optional value={missed} disabled={dis} onChange={(event) => setMissed(event.currentTarget.value)} />
      <TextArea id="contract-crisis" label={t('initialPhase.contract.crisis')} optional rows={4} value={crisis} disabled={dis} onChange={(event) => setCrisis(event.currentTarget.value)} />
      {editable ? (
        <div>
          <Button type="submit" busy={busy}>
            {t('initialPhase.contract.save')}
          </Button>
        </div>
      ) : null}
    </form>
  );
}

/** The contract as the client reads it, and as it prints (print CSS keeps only this). */
function ClientCopy({ data, clientName }: { data: Contract; clientName: string }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  return (
    <section className="card stack contract-print" aria-labelledby="contract-print-title">
      <h2 id="contract-print-title">{t('initialPhase.contract.printTitle', { client: clientName })}</h2>
      <DetailsList
        items={[
          { label: t('initialPhase.contract.sessions'), value: String(data.contractedSessions) },
          { label: t('initialPhase.contract.frequency'), value: label('episodes.schedule', data.frequency) },
          { label: t('initialPhase.contract.length'), value: data.sessionLengthMinutes === null ? null : t('initialPhase.contract.minutes', { minutes: data.sessionLengthMinutes }) },
          { label: t('initialPhase.contract.problemAreas'), value: data.problemAreas.map((area) => label('initialPhase.enums.area', area)).join(', ') || null },
          { label: t('initialPhase.contract.measures'), value: data.measures.map((m) => `${m.instrumentId.toUpperCase()} (${label('initialPhase.enums.measureFrequency', m.frequency)}${m.everySessions ? ` ${m.everySessions}` : ''})`).join(', ') || null },
          { label: t('initialPhase.contract.participants'), value: data.participants.map((p) => `${label('initialPhase.enums.participantRole', p.role)}${p.name ? ` ${p.name}` : ''}`).join(', ') || null },
          { label: t('initialPhase.contract.missed'), value: data.missedSessionRule },
          { label: t('initialPhase.contract.crisis'), value: data.crisisPlan },
          { label: t('initialPhase.contract.agreedOn'), value: data.agreedOn ? formatCalendarDate(data.agreedOn) : null },
        ]}
      />
      {data.goals.length > 0 ? (
        <>
          <h3>{t('initialPhase.contract.goals')}</h3>
          <ol>
            {data.goals.map((goal, index) => (
              <li key={index}>
                {goal.text}
                {goal.howProgressWillBeSeen ? ` — ${goal.howProgressWillBeSeen}` : ''}
              </li>
            ))}
          </ol>
        </>
      ) : null}
      <div className="contract-print__actions">
        <Button variant="secondary" onClick={() => window.print()}>
          {t('initialPhase.contract.print')}
        </Button>
      </div>
    </section>
  );
}

/** The treatment contract (clinical-reference §4.6), and a copy for the client to print. */
export function ContractPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const contract = useContract(id);
  const episode = useEpisode(id);
  const [message, setMessage] = useState('');
  return (
    <InitialPhaseFrame episodeId={id} title={t('initialPhase.contract.title')} lead={t('initialPhase.contract.lead')}>
      {(editable) => (
        <>
          <div role="status">{message ? <Alert tone="success">{message}</Alert> : null}</div>
          {contract.isPending ? <Loading /> : null}
          {contract.isError ? <ErrorState error={contract.error} onRetry={() => void contract.refetch()} /> : null}
          {contract.data ? (
            <>
              <ContractForm key={contract.data.version} episodeId={id} data={contract.data} editable={editable} onMessage={setMessage} />
              {contract.data.saved ? <ClientCopy data={contract.data} clientName={episode.data?.clientName ?? ''} /> : null}
            </>
          ) : null}
        </>
      )}
    </InitialPhaseFrame>
  );
}
