import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { pathTo, routes } from '../../../../app/route-paths';
import { Alert } from '../../../../components/alert';
import { Button } from '../../../../components/button';
import { CheckboxField } from '../../../../components/checkbox-field';
import { ErrorState } from '../../../../components/error-state';
import { LinkButton } from '../../../../components/link-button';
import { SelectField } from '../../../../components/select-field';
import { Loading } from '../../../../components/spinner';
import { TextArea } from '../../../../components/text-area';
import { TextField } from '../../../../components/text-field';
import { isApiError } from '../../../../lib/api';
import { useEnumLabel } from '../../../../lib/enum-label';
import { formatNumber } from '../../../../lib/format';
import { useIdempotencyKey } from '../../../../lib/idempotency-key';
import type { OutcomeSeries, Task, Workspace } from '../../api/middle-phase-api';
import {
  WORKSHEET_KINDS, reviewTask, saveOutcome, setTask, useEpisodeTasks, useInvalidateMiddlePhase, useOutcomes, useSessionWorksheets, useWorkspaces,
} from '../../api/middle-phase-api';
import { useSessionRecord } from '../../api/sessions';
import type { Session } from '../../api/types';
import { RadioGroup } from '../../components/initial-phase/initial-phase-frame';
import { MiddlePhaseFrame } from './middle-phase-frame';
import { RatingSelect, SaveError, WorkspaceSelect, numberOrNull, orNull, textOf } from './middle-phase-parts';
import { STAGES } from './workspaces-page';

type Handlers = { onSaved: (message: string) => void; onError: (error: unknown) => void };
const CLOSER = ['yes', 'partly', 'no'] as const;

/** This session's outcome for one workspace: progress and the area's own measures (version 0 until first saved). */
function OutcomeForm({ workspace, session, series, editable, onSaved, onError }: { workspace: Workspace; session: Session; series: OutcomeSeries | undefined; editable: boolean } & Handlers) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const point = series?.workspaces.find((w) => w.workspaceId === workspace.id)?.points.find((p) => p.sessionId === session.id);
  const [progress, setProgress] = useState(textOf(point?.progress));
  const [stage, setStage] = useState<string>(point?.stage ?? workspace.stage ?? '');
  const [closer, setCloser] = useState<string>(point?.expectationsCloser ?? '');
  const [adjustment, setAdjustment] = useState(textOf(point?.adjustment));
  const [mourning, setMourning] = useState(textOf(point?.mourning));
  const [contacts, setContacts] = useState(textOf(point?.contacts));
  const [quality, setQuality] = useState(textOf(point?.contactQuality));
  const [busy, setBusy] = useState(false);
  const area = workspace.area;
  const prefix = `outcome-${workspace.id}`;
  const disabled = !editable || point?.locked === true;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const body =
      area === 'role-dispute'
        ? { progress: numberOrNull(progress), stage: (stage || null) as (typeof STAGES)[number] | null, expectationsCloser: (closer || null) as (typeof CLOSER)[number] | null }
        : area === 'role-transition'
          ? { progress: numberOrNull(progress), adjustment: numberOrNull(adjustment) }
          : area === 'grief'
            ? { progress: numberOrNull(progress), mourning: numberOrNull(mourning) }
            : { progress: numberOrNull(progress), contacts: numberOrNull(contacts), contactQuality: numberOrNull(quality) };
    saveOutcome(workspace.id, session.id, point?.version ?? 0, body)
      .then(() => onSaved(t('middlePhase.outcome.saved', { area: workspace.areaLabel })))
      .catch(onError)
      .finally(() => setBusy(false));
  };
  return (
    <form className="stack mp-subform" onSubmit={submit} noValidate aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`}>{workspace.areaLabel}</h3>
      <div className="ip-grid">
        <RatingSelect id={`${prefix}-progress`} label={t('middlePhase.outcome.progress')} value={progress} onChange={setProgress} disabled={disabled} />
        {area === 'role-dispute' ? (
          <>
            <SelectField id={`${prefix}-stage`} label={t('middlePhase.outcome.stage')} value={stage} disabled={disabled} onChange={(event) => setStage(event.currentTarget.value)}>
              <option value="">{t('middlePhase.notRated')}</option>
              {STAGES.map((value) => (
                <option key={value} value={value}>
                  {label('middlePhase.stages', value)}
                </option>
              ))}
            </SelectField>
            <SelectField id={`${prefix}-closer`} label={t('middlePhase.outcome.closer')} value={closer} disabled={disabled} onChange={(event) => setCloser(event.currentTarget.value)}>
              <option value="">{t('middlePhase.notRated')}</option>
              {CLOSER.map((value) => (
                <option key={value} value={value}>
                  {label('middlePhase.closer', value)}
                </option>
              ))}
            </SelectField>
          </>
        ) : null}
        {area === 'role-transition' ? <RatingSelect id={`${prefix}-adjustment`} label={t('middlePhase.outcome.adjustment')} value={adjustment} onChange={setAdjustment} disabled={disabled} /> : null}
        {area === 'grief' ? <RatingSelect id={`${prefix}-mourning`} label={t('middlePhase.outcome.mourning')} value={mourning} onChange={setMourning} disabled={disabled} /> : null}
        {area === 'interpersonal-deficits' ? (
          <>
            <TextField id={`${prefix}-contacts`} type="number" inputMode="numeric" min={0} max={100} label={t('middlePhase.outcome.contacts')} optional value={contacts} disabled={disabled} onChange={(event) => setContacts(event.currentTarget.value)} />
            <RatingSelect id={`${prefix}-quality`} label={t('middlePhase.outcome.quality')} value={quality} onChange={setQuality} disabled={disabled} />
          </>
        ) : null}
      </div>
      {!disabled ? (
        <div>
          <Button type="submit" busy={busy}>
            {t('middlePhase.outcome.save', { area: workspace.areaLabel })}
          </Button>
        </div>
      ) : null}
    </form>
  );
}

/** Sets a between-session task in this session. */
function TaskForm({ session, workspaces, onSaved, onError }: { session: Session; workspaces: readonly Workspace[] } & Handlers) {
  const { t } = useTranslation();
  const idempotency = useIdempotencyKey();
  const [what, setWhat] = useState('');
  const [withWhom, setWithWhom] = useState('');
  const [whenDate, setWhenDate] = useState('');
  const [whenText, setWhenText] = useState('');
  const [workspaceId, setWorkspaceId] = useState(workspaces.length === 1 ? workspaces[0]!.id : '');
  const [visible, setVisible] = useState(true);
  const [busy, setBusy] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setTask(session.id, { what: what.trim(), withWhom: orNull(withWhom), whenDate: whenDate || null, whenText: orNull(whenText), workspaceId: workspaceId || null, visibleToClient: visible }, idempotency.key())
      .then(() => {
        idempotency.renew();
        setWhat('');
        setWithWhom('');
        setWhenDate('');
        setWhenText('');
        onSaved(t('middlePhase.tasks.set'));
      })
      .catch(onError)
      .finally(() => setBusy(false));
  };
  return (
    <form className="stack mp-subform" onSubmit={submit} noValidate aria-labelledby="task-form-title">
      <h3 id="task-form-title">{t('middlePhase.tasks.formTitle')}</h3>
      <TextArea id="task-what" label={t('middlePhase.tasks.what')} required rows={2} value={what} onChange={(event) => setWhat(event.currentTarget.value)} />
      <div className="ip-grid">
        <TextField id="task-with" label={t('middlePhase.tasks.withWhom')} optional value={withWhom} onChange={(event) => setWithWhom(event.currentTarget.value)} />
        <TextField id="task-when-date" type="date" label={t('middlePhase.tasks.whenDate')} optional value={whenDate} onChange={(event) => setWhenDate(event.currentTarget.value)} />
        <TextField id="task-when-text" label={t('middlePhase.tasks.whenText')} optional value={whenText} onChange={(event) => setWhenText(event.currentTarget.value)} />
        <WorkspaceSelect id="task-workspace" label={t('middlePhase.tasks.area')} workspaces={workspaces} value={workspaceId} onChange={setWorkspaceId} />
      </div>
      <CheckboxField id="task-visible" label={t('middlePhase.tasks.visible')} hint={t('middlePhase.tasks.visibleHint')} checked={visible} onChange={(event) => setVisible(event.currentTarget.checked)} />
      <div>
        <Button type="submit" busy={busy}>
          {t('middlePhase.tasks.setButton')}
        </Button>
      </div>
    </form>
  );
}

/** The review of an open task at this (later) session: done / partly / not, what happened, the mood effect. */
function ReviewForm({ task, session, onSaved, onError }: { task: Task; session: Session } & Handlers) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const [outcome, setOutcome] = useState<'done' | 'partly' | 'not' | null>(null);
  const [whatHappened, setWhatHappened] = useState('');
  const [moodEffect, setMoodEffect] = useState('');
  const [busy, setBusy] = useState(false);
  const prefix = `review-${task.id}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!outcome) return;
    setBusy(true);
    reviewTask(task.id, task.version, { sessionId: session.id, outcome, whatHappened: orNull(whatHappened), moodEffect: numberOrNull(moodEffect) })
      .then(() => onSaved(t('middlePhase.tasks.reviewed')))
      .catch(onError)
      .finally(() => setBusy(false));
  };
  return (
    <form className="stack mp-subform" onSubmit={submit} noValidate aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`}>{task.what}</h3>
      <p className="muted">{t('middlePhase.tasks.setIn', { number: formatNumber(task.setInSessionNumber) })}{task.withWhom ? ` · ${t('middlePhase.tasks.with', { who: task.withWhom })}` : ''}{task.whenText || task.whenDate ? ` · ${task.whenText ?? task.whenDate}` : ''}</p>
      <RadioGroup name={`${prefix}-outcome`} legend={t('middlePhase.tasks.outcome')} options={['done', 'partly', 'not'] as const} value={outcome} onChange={setOutcome} labelFor={(value) => label('middlePhase.taskOutcomes', value)} />
      <TextArea id={`${prefix}-happened`} label={t('middlePhase.tasks.whatHappened')} optional value={whatHappened} onChange={(event) => setWhatHappened(event.currentTarget.value)} />
      <RatingSelect id={`${prefix}-mood`} label={t('middlePhase.tasks.moodEffect')} hint={t('middlePhase.tasks.moodEffectHint')} min={-5} max={5} signed value={moodEffect} onChange={setMoodEffect} />
      <div>
        <Button type="submit" busy={busy} disabled={outcome === null}>
          {t('middlePhase.tasks.reviewButton')}
        </Button>
      </div>
    </form>
  );
}

/** A task as one line: what, with whom, when, and the review when there is one. */
function TaskLine({ task }: { task: Task }) {
  return <li>{task.summary}</li>;
}

/**
 * The middle-phase work of one session: worksheets recorded in it, each workspace's outcome for it,
 * tasks from earlier sessions to review, and tasks set now. Once the session's note is signed
 * everything recorded in it is read-only (the API answers 423).
 */
export function SessionWorkPage() {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const { id = '' } = useParams();
  const session = useSessionRecord(id);
  const episodeId = session.data?.episodeId ?? '';
  const worksheets = useSessionWorksheets(id);
  const workspaces = useWorkspaces(episodeId);
  const outcomes = useOutcomes(episodeId);
  const tasks = useEpisodeTasks(episodeId);
  const invalidate = useInvalidateMiddlePhase();
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>(null);

  if (session.isPending) return <Loading />;
  if (session.isError) return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  const data = session.data;
  const signed = data.noteStatus === 'signed';
  const onSaved = (text: string) => {
    setError(null);
    setMessage(text);
    void invalidate();
  };
  const onError = (failure: unknown) => {
    setMessage('');
    setError(failure);
    if (isApiError(failure) && (failure.status === 412 || failure.status === 423 || failure.status === 409)) void invalidate();
  };
  const handlers = { onSaved, onError };
  const allTasks = tasks.data?.items ?? [];
  const toReview = allTasks.filter((task) => task.status === 'open' && task.setInSessionNumber < data.number);
  const setHere = allTasks.filter((task) => task.setInSessionId === data.id);
  const reviewedHere = allTasks.filter((task) => task.reviewedInSessionId === data.id);
  const items = workspaces.data?.items ?? [];

  return (
    <MiddlePhaseFrame
      episodeId={data.episodeId}
      title={t('middlePhase.session.title', { number: formatNumber(data.number) })}
      lead={<Link to={pathTo(routes.session, { id: data.id })}>{t('middlePhase.session.backToSession', { number: formatNumber(data.number) })}</Link>}
    >
      {(episodeEditable) => {
        const editable = episodeEditable && !signed;
        return (
          <>
            <div role="status">{message ? <Alert tone="success">{message}</Alert> : null}</div>
            <SaveError error={error} />
            {signed ? <Alert tone="info">{t('middlePhase.session.signed')}</Alert> : null}

            <section className="card stack" aria-labelledby="work-worksheets">
              <h2 id="work-worksheets">{t('middlePhase.session.worksheets')}</h2>
              {worksheets.isPending ? <Loading /> : null}
              {worksheets.isError ? <ErrorState error={worksheets.error} onRetry={() => void worksheets.refetch()} /> : null}
              {worksheets.data && worksheets.data.items.length === 0 ? <p className="muted">{t('middlePhase.session.noWorksheets')}</p> : null}
              {worksheets.data && worksheets.data.items.length > 0 ? (
                <ul className="mp-list">
                  {worksheets.data.items.map((worksheet) => (
                    <li key={worksheet.id}>
                      {worksheet.summary.startsWith(worksheet.kindLabel) ? null : `${worksheet.kindLabel}: `}
                  <Link to={pathTo(routes.worksheet, { id: worksheet.id })}>{worksheet.summary}</Link>
                    </li>
                  ))}
                </ul>
              ) : null}
              {editable ? (
                <div className="mp-actions">
                  {WORKSHEET_KINDS.map((kind) => (
                    <LinkButton key={kind} to={pathTo(routes.newWorksheet, { id: data.id, kind })}>
                      {t('middlePhase.session.add', { kind: label('middlePhase.kinds', kind) })}
                    </LinkButton>
                  ))}
                </div>
              ) : null}
            </section>

            <section className="card stack" aria-labelledby="work-outcomes">
              <h2 id="work-outcomes">{t('middlePhase.outcome.title')}</h2>
              <p className="muted">{t('middlePhase.outcome.lead')}</p>
              {workspaces.isPending || outcomes.isPending ? <Loading /> : null}
              {workspaces.data && items.length === 0 ? (
                <p>
                  {t('middlePhase.outcome.noWorkspace')} <Link to={pathTo(routes.episodeWorkspaces, { id: data.episodeId })}>{t('middlePhase.workspaces.link')}</Link>
                </p>
              ) : null}
              {outcomes.data
                ? items.map((workspace) => {
                    const point = outcomes.data.workspaces.find((w) => w.workspaceId === workspace.id)?.points.find((p) => p.sessionId === data.id);
                    return <OutcomeForm key={`${workspace.id}-${point?.version ?? 0}`} workspace={workspace} session={data} series={outcomes.data} editable={editable} {...handlers} />;
                  })
                : null}
            </section>

            <section className="card stack" aria-labelledby="work-review">
              <h2 id="work-review">{t('middlePhase.tasks.toReview', { count: toReview.length })}</h2>
              {tasks.isPending ? <Loading /> : null}
              {tasks.data && toReview.length === 0 ? <p className="muted">{t('middlePhase.tasks.noneToReview')}</p> : null}
              {editable ? toReview.map((task) => <ReviewForm key={`${task.id}-${task.version}`} task={task} session={data} {...handlers} />) : <ul className="mp-list">{toReview.map((task) => <TaskLine key={task.id} task={task} />)}</ul>}
              {reviewedHere.length > 0 ? (
                <>
                  <h3>{t('middlePhase.tasks.reviewedHere')}</h3>
                  <ul className="mp-list">{reviewedHere.map((task) => <TaskLine key={task.id} task={task} />)}</ul>
                </>
              ) : null}
            </section>

            <section className="card stack" aria-labelledby="work-tasks">
              <h2 id="work-tasks">{t('middlePhase.tasks.setHere')}</h2>
              {tasks.data && setHere.length === 0 ? <p className="muted">{t('middlePhase.tasks.noneSet')}</p> : null}
              {setHere.length > 0 ? <ul className="mp-list">{setHere.map((task) => <TaskLine key={task.id} task={task} />)}</ul> : null}
              {editable && workspaces.data ? <TaskForm session={data} workspaces={items} {...handlers} /> : null}
            </section>
          </>
        );
      }}
    </MiddlePhaseFrame>
  );
}
