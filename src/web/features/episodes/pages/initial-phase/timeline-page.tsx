import { Suspense, lazy, useState } from 'react';
import type { FormEvent } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../../components/alert';
import { Button } from '../../../../components/button';
import { ErrorState } from '../../../../components/error-state';
import { SelectField } from '../../../../components/select-field';
import { Loading } from '../../../../components/spinner';
import { TextArea } from '../../../../components/text-area';
import { TextField } from '../../../../components/text-field';
import { describeError } from '../../../../lib/describe-error';
import { useEnumLabel } from '../../../../lib/enum-label';
import { formatCalendarDate, localIsoDate } from '../../../../lib/format';
import { useIdempotencyKey } from '../../../../lib/idempotency-key';
import type { Person, Timeline, TimelineEvent } from '../../api/initial-phase/initial-phase-api';
import { addEvent, saveOnset, updateEvent, useInvalidateInitialPhase, useInventory, useTimeline } from '../../api/initial-phase/initial-phase-api';
import { InitialPhaseFrame, orNull } from '../../components/initial-phase/initial-phase-frame';
import { problemAreas } from './inventory-page';

const TimelineChart = lazy(() => import('../../components/initial-phase/timeline-chart'));
const kinds = ['death', 'relationship-change', 'life-change', 'conflict', 'move', 'health', 'work', 'other'] as const;

function OnsetForm({ episodeId, timeline, editable }: { episodeId: string; timeline: Timeline; editable: boolean }) {
  const { t } = useTranslation();
  const [date, setDate] = useState(timeline.onset.onsetDate ?? '');
  const [note, setNote] = useState(timeline.onset.note ?? '');
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const invalidate = useInvalidateInitialPhase(episodeId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    saveOnset(episodeId, timeline.onset.version, { onsetDate: date || null, note: orNull(note) })
      .then(async () => {
        await invalidate();
        setMessage(t('initialPhase.timeline.onsetSaved'));
      })
      .catch((failure: unknown) => setError(describeError(failure)));
  };
  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby="onset-title">
      <h2 id="onset-title">{t('initialPhase.timeline.onsetTitle')}</h2>
      <p>{t('initialPhase.timeline.onsetLead')}</p>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div role="status">{message ? <Alert tone="success">{message}</Alert> : null}</div>
      <div className="ip-grid">
        <TextField id="onset-date" type="date" label={t('initialPhase.timeline.onsetDate')} max={localIsoDate()} value={date} disabled={!editable} onChange={(event) => setDate(event.currentTarget.value)} />
        <TextField id="onset-note" label={t('initialPhase.timeline.onsetNote')} optional value={note} disabled={!editable} onChange={(event) => setNote(event.currentTarget.value)} />
      </div>
      {editable ? (
        <div>
          <Button type="submit">{t('initialPhase.timeline.onsetSave')}</Button>
        </div>
      ) : null}
    </form>
  );
}

function EventForm({ episodeId, people, event, onDone }: { episodeId: string; people: Person[]; event: TimelineEvent | null; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const [date, setDate] = useState(event?.date ?? '');
  const [title, setTitle] = useState(event?.title ?? '');
  const [description, setDescription] = useState(event?.description ?? '');
  const [kind, setKind] = useState<string>(event?.kind ?? '');
  const [personIds, setPersonIds] = useState<string[]>(event?.personIds ?? []);
  const [area, setArea] = useState(event?.problemArea ?? '');
  const [mood, setMood] = useState(event?.mood === null || event?.mood === undefined ? '' : String(event.mood));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const idempotency = useIdempotencyKey();
  const invalidate = useInvalidateInitialPhase(episodeId);
  const prefix = event ? `event-${event.id}` : 'event-new';
  const submit = (submitEvent: FormEvent) => {
    submitEvent.preventDefault();
    if (!date || !title.trim() || !kind) {
      setError(t('initialPhase.timeline.required'));
      return;
    }
    setBusy(true);
    setError(null);
    const body = {
      date,
      title: title.trim(),
      description: orNull(description),
      kind: kind as TimelineEvent['kind'],
      personIds,
      problemArea: (area || null) as TimelineEvent['problemArea'],
      mood: mood === '' ? null : Number(mood),
    };
    (event ? updateEvent(episodeId, event.id, event.version, body) : addEvent(episodeId, body, idempotency.key()))
      .then(async (saved) => {
        idempotency.renew();
        await invalidate();
        onDone(t('initialPhase.timeline.saved', { title: saved.title }));
      })
      .catch((failure: unknown) => setError(describeError(failure)))
      .finally(() => setBusy(false));
  };
  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby={`${prefix}-title`}>
      <h2 id={`${prefix}-title`}>{event ? t('initialPhase.timeline.editTitle', { title: event.title }) : t('initialPhase.timeline.addTitle')}</h2>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="ip-grid">
        <TextField id={`${prefix}-date`} type="date" label={t('initialPhase.timeline.date')} required max={localIsoDate()} value={date} onChange={(e) => setDate(e.currentTarget.value)} />
        <TextField id={`${prefix}-name`} label={t('initialPhase.timeline.eventTitle')} required maxLength={200} value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
        <SelectField id={`${prefix}-kind`} label={t('initialPhase.timeline.kind')} required value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
          <option value="">{t('initialPhase.common.choose')}</option>
          {kinds.map((value) => (
            <option key={value} value={value}>
              {label('initialPhase.enums.kind', value)}
            </option>
          ))}
        </SelectField>
        <SelectField id={`${prefix}-area`} label={t('initialPhase.timeline.problemArea')} optional value={area} onChange={(e) => setArea(e.currentTarget.value)}>
          <option value="">{t('initialPhase.common.notSet')}</option>
          {problemAreas.map((value) => (
            <option key={value} value={value}>
              {label('initialPhase.enums.area', value)}
            </option>
          ))}
        </SelectField>
        <TextField id={`${prefix}-mood`} type="number" min={0} max={10} inputMode="numeric" label={t('initialPhase.timeline.mood')} hint={t('initialPhase.timeline.moodHint')} optional value={mood} onChange={(e) => setMood(e.currentTarget.value)} />
      </div>
      <TextArea id={`${prefix}-description`} label={t('initialPhase.timeline.description')} optional value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
      {people.length > 0 ? (
        <fieldset className="ip-radios">
          <legend className="field__label">{t('initialPhase.timeline.people')}</legend>
          <div className="ip-radios__options">
            {people.map((person) => (
              <label key={person.id} className="ip-radios__option">
                <input
                  type="checkbox"
                  checked={personIds.includes(person.id)}
                  onChange={(e) => {
                    const checked = e.currentTarget.checked;
                    setPersonIds((current) => (checked ? [...current, person.id] : current.filter((entry) => entry !== person.id)));
                  }}
                />
                {person.label}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <div className="actions">
        <Button type="submit" busy={busy}>
          {event ? t('initialPhase.timeline.saveChanges') : t('initialPhase.timeline.add')}
        </Button>
        <Button variant="secondary" onClick={() => onDone('')}>
          {t('initialPhase.common.cancel')}
        </Button>
      </div>
    </form>
  );
}

/** The timeline (clinical-reference §4.3): onset, life events, mood and scores on one date axis. */
export function TimelinePage() {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const { id = '' } = useParams();
  const timeline = useTimeline(id);
  const inventory = useInventory(id);
  const [editing, setEditing] = useState<TimelineEvent | 'new' | null>(null);
  const [message, setMessage] = useState('');
  const people = inventory.data?.items ?? [];
  const nameOf = (personId: string) => people.find((person) => person.id === personId)?.label ?? '';
  return (
    <InitialPhaseFrame episodeId={id} title={t('initialPhase.timeline.title')} lead={t('initialPhase.timeline.lead')}>
      {(editable) => {
        if (timeline.isPending) return <Loading />;
        if (timeline.isError) return <ErrorState error={timeline.error} onRetry={() => void timeline.refetch()} />;
        const data = timeline.data;
        return (
          <>
            <section className="card stack" aria-labelledby="timeline-chart">
              <h2 id="timeline-chart">{t('initialPhase.timeline.chartTitle')}</h2>
              <p>
                {t('initialPhase.timeline.chartCaption', {
                  events: data.events.length,
                  moods: data.moodPoints.length,
                  scores: data.scores.length,
                  onset: data.onset.onsetDate ? formatCalendarDate(data.onset.onsetDate) : t('initialPhase.common.notSet'),
                })}
              </p>
              <Suspense fallback={<Loading />}>
                <TimelineChart timeline={data} />
              </Suspense>
            </section>
            <OnsetForm episodeId={id} timeline={data} editable={editable} />
            <div role="status">{message ? <Alert tone="success">{message}</Alert> : null}</div>
            {editable && editing === null ? (
              <div>
                <Button onClick={() => setEditing('new')}>{t('initialPhase.timeline.addButton')}</Button>
              </div>
            ) : null}
            {editing !== null ? (
              <EventForm
                key={editing === 'new' ? 'new' : editing.id}
                episodeId={id}
                people={people}
                event={editing === 'new' ? null : editing}
                onDone={(text) => {
                  setEditing(null);
                  setMessage(text);
                }}
              />
            ) : null}
            <section className="stack" aria-labelledby="timeline-events">
              <h2 id="timeline-events">{t('initialPhase.timeline.events')}</h2>
              {data.events.length === 0 ? <p>{t('initialPhase.timeline.none')}</p> : null}
              <ol className="ip-events">
                {data.events.map((event) => (
                  <li key={event.id} className="card stack">
                    <h3>
                      {formatCalendarDate(event.date)}: {event.title}
                    </h3>
                    <p className="muted">
                      {label('initialPhase.enums.kind', event.kind)}
                      {event.problemArea ? ` · ${label('initialPhase.enums.area', event.problemArea)}` : ''}
                      {event.mood !== null ? ` · ${t('initialPhase.timeline.moodValue', { mood: event.mood })}` : ''}
                      {event.personIds.length > 0 ? ` · ${event.personIds.map(nameOf).join(', ')}` : ''}
                    </p>
                    {event.description ? <p>{event.description}</p> : null}
                    {editable ? (
                      <div>
                        <Button variant="secondary" onClick={() => setEditing(event)} aria-label={t('initialPhase.timeline.editNamed', { title: event.title })}>
                          {t('initialPhase.common.edit')}
                        </Button>
                      </div>
                    ) : null}
                  </li>
                ))}
              </ol>
            </section>
          </>
        );
      }}
    </InitialPhaseFrame>
  );
}
