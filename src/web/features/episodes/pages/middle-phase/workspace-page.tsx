import { useState } from 'react';
import type { FormEvent } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../../components/alert';
import { Button } from '../../../../components/button';
import { ErrorState } from '../../../../components/error-state';
import { PageHeader } from '../../../../components/page-header';
import { SelectField } from '../../../../components/select-field';
import { Loading } from '../../../../components/spinner';
import { TextArea } from '../../../../components/text-area';
import { TextField } from '../../../../components/text-field';
import { isApiError } from '../../../../lib/api';
import { useEnumLabel } from '../../../../lib/enum-label';
import { formatDateTime, formatNumber } from '../../../../lib/format';
import type { Workspace } from '../../api/middle-phase-api';
import { changeStage, updateWorkspace, useInvalidateMiddlePhase, useWorkspace } from '../../api/middle-phase-api';
import type { Episode } from '../../api/types';
import { MiddlePhaseFrame } from './middle-phase-frame';
import { PlainList, SaveError, Sourced, joinLines, linesOf, orNull } from './middle-phase-parts';
import { WorkspaceDetailsForm } from './workspace-details-form';
import { STAGES } from './workspaces-page';

type Handlers = { onSaved: (message: string) => void; onError: (error: unknown) => void };

/** The area's goals and caution from the domain content, each with its citation. */
function Guidance({ workspace }: { workspace: Workspace }) {
  const { t } = useTranslation();
  return (
    <section className="card stack" aria-labelledby="workspace-guidance">
      <h2 id="workspace-guidance">{t('middlePhase.workspace.guidanceTitle', { area: workspace.areaLabel })}</h2>
      <ul className="mp-list">
        {workspace.guidance.goals.map((goal, index) => (
          <li key={index}>
            <Sourced text={goal.text} source={goal.source} />
          </li>
        ))}
      </ul>
      {workspace.guidance.caution ? (
        <Alert tone="info" title={t('middlePhase.workspace.caution')}>
          <Sourced text={workspace.guidance.caution.text} source={workspace.guidance.caution.source} />
        </Alert>
      ) : null}
    </section>
  );
}

/** A dispute's stage with its definition and strategy, the change form, and the stage history. */
function Stage({ workspace, episode, editable, onSaved, onError }: { workspace: Workspace; episode: Episode | undefined; editable: boolean } & Handlers) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const openSessions = (episode?.sessions ?? []).filter((session) => session.noteStatus !== 'signed');
  const [stage, setStage] = useState('');
  const [sessionId, setSessionId] = useState(openSessions[openSessions.length - 1]?.id ?? '');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const current = workspace.guidance.stage;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    changeStage(workspace.id, workspace.version, { stage: (stage || workspace.stage || 'impasse') as (typeof STAGES)[number], ...(sessionId ? { sessionId } : {}), reason: orNull(reason) })
      .then(() => onSaved(t('middlePhase.stage.changed', { stage: label('middlePhase.stages', stage) })))
      .catch(onError)
      .finally(() => setBusy(false));
  };
  return (
    <section className="card stack" aria-labelledby="workspace-stage">
      <h2 id="workspace-stage">{t('middlePhase.stage.title', { party: workspace.otherParty ?? '' })}</h2>
      {current ? (
        <>
          <p className="mp-stage">
            {t('middlePhase.stage.current')} <strong>{current.label}</strong>
          </p>
          <dl className="details">
            <div className="details__row">
              <dt>{t('middlePhase.stage.definition')}</dt>
              <dd><Sourced text={current.definition.text} source={current.definition.source} /></dd>
            </div>
            <div className="details__row">
              <dt>{t('middlePhase.stage.strategy')}</dt>
              <dd><Sourced text={current.strategy.text} source={current.strategy.source} /></dd>
            </div>
          </dl>
        </>
      ) : null}
      {editable ? (
        <form className="stack mp-subform" onSubmit={submit} noValidate aria-labelledby="stage-change-title">
          <h3 id="stage-change-title">{t('middlePhase.stage.changeTitle')}</h3>
          <div className="ip-grid">
            <SelectField id="stage-new" label={t('middlePhase.stage.newStage')} required value={stage} onChange={(event) => setStage(event.currentTarget.value)}>
              <option value="">{t('middlePhase.workspaces.chooseStage')}</option>
              {STAGES.filter((value) => value !== workspace.stage).map((value) => (
                <option key={value} value={value}>
                  {label('middlePhase.stages', value)}
                </option>
              ))}
            </SelectField>
            <SelectField id="stage-session" label={t('middlePhase.stage.session')} optional value={sessionId} onChange={(event) => setSessionId(event.currentTarget.value)}>
              <option value="">{t('middlePhase.stage.noSession')}</option>
              {openSessions.map((session) => (
                <option key={session.id} value={session.id}>
                  {t('middlePhase.sessionNumber', { number: formatNumber(session.number) })}
                </option>
              ))}
            </SelectField>
          </div>
          <TextArea id="stage-reason" label={t('middlePhase.stage.reason')} optional value={reason} onChange={(event) => setReason(event.currentTarget.value)} />
          <div>
            <Button type="submit" busy={busy} disabled={stage === ''}>
              {t('middlePhase.stage.change')}
            </Button>
          </div>
        </form>
      ) : null}
      <h3 id="stage-history-title">{t('middlePhase.stage.history')}</h3>
      <div className="table-scroll">
        <table className="table" aria-labelledby="stage-history-title">
          <thead>
            <tr>
              <th scope="col">{t('middlePhase.stage.when')}</th>
              <th scope="col">{t('middlePhase.stage.change')}</th>
              <th scope="col">{t('middlePhase.stage.session')}</th>
              <th scope="col">{t('middlePhase.stage.reason')}</th>
              <th scope="col">{t('middlePhase.stage.by')}</th>
            </tr>
          </thead>
          <tbody>
            {workspace.stageHistory.map((entry, index) => (
              <tr key={index}>
                <td className="nowrap">{formatDateTime(entry.changedAt)}</td>
                <td>{entry.fromStage ? t('middlePhase.stage.fromTo', { from: label('middlePhase.stages', entry.fromStage), to: label('middlePhase.stages', entry.toStage) }) : t('middlePhase.stage.opened', { stage: label('middlePhase.stages', entry.toStage) })}</td>
                <td>{entry.sessionNumber === null ? '–' : formatNumber(entry.sessionNumber)}</td>
                <td>{entry.reason ?? '–'}</td>
                <td>{entry.changedByName ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The strategy checklist of the area (and stage): each tick saves at once. */
function Checklist({ workspace, editable, onSaved, onError }: { workspace: Workspace; editable: boolean } & Handlers) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<string | null>(null);
  // The tick shows at once; if the save fails the page's message says why and the record is re-read.
  const [shown, setShown] = useState<Record<string, boolean>>({});
  const toggle = (itemId: string, done: boolean) => {
    setBusy(itemId);
    setShown((current) => ({ ...current, [itemId]: done }));
    updateWorkspace(workspace.id, workspace.version, { checklist: { [itemId]: done } })
      .then(() => onSaved(t('middlePhase.checklist.saved')))
      .catch((failure: unknown) => {
        setShown((current) => ({ ...current, [itemId]: !done }));
        onError(failure);
      })
      .finally(() => setBusy(null));
  };
  return (
    <section className="card stack" aria-labelledby="workspace-checklist">
      <h2 id="workspace-checklist">{t('middlePhase.checklist.title')}</h2>
      <p className="muted">{t('middlePhase.checklist.lead')}</p>
      <ul className="mp-checklist">
        {workspace.checklist.map((item) => (
          <li key={item.id} className="checkbox">
            <input
              id={`check-${item.id}`}
              type="checkbox"
              className="checkbox__input"
              checked={shown[item.id] ?? item.done}
              disabled={!editable || busy !== null}
              onChange={(event) => toggle(item.id, event.currentTarget.checked)}
            />
            <label className="checkbox__label" htmlFor={`check-${item.id}`}>
              <Sourced text={item.label} source={item.source} />
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Goals (one per line), the summary that the termination review reuses, and the other party of a dispute. */
function GoalsAndSummary({ workspace, editable, onSaved, onError }: { workspace: Workspace; editable: boolean } & Handlers) {
  const { t } = useTranslation();
  const [goals, setGoals] = useState(joinLines(workspace.goals));
  const [summary, setSummary] = useState(workspace.summary ?? '');
  const [otherParty, setOtherParty] = useState(workspace.otherParty ?? '');
  const [busy, setBusy] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    updateWorkspace(workspace.id, workspace.version, {
      goals: linesOf(goals), summary: orNull(summary), ...(workspace.area === 'role-dispute' && otherParty.trim() ? { otherParty: otherParty.trim() } : {}),
    })
      .then(() => onSaved(t('middlePhase.workspace.goalsSaved')))
      .catch(onError)
      .finally(() => setBusy(false));
  };
  return (
    <section className="card stack" aria-labelledby="workspace-goals">
      <h2 id="workspace-goals">{t('middlePhase.workspace.goalsTitle')}</h2>
      {editable ? (
        <form className="stack" onSubmit={submit} noValidate>
          {workspace.area === 'role-dispute' ? <TextField id="ws-other-party" label={t('middlePhase.workspace.otherParty')} value={otherParty} onChange={(event) => setOtherParty(event.currentTarget.value)} /> : null}
          <TextArea id="ws-goals" label={t('middlePhase.workspace.goals')} hint={t('middlePhase.onePerLine')} optional rows={4} value={goals} onChange={(event) => setGoals(event.currentTarget.value)} />
          <TextArea id="ws-summary" label={t('middlePhase.workspace.summary')} hint={t('middlePhase.workspace.summaryHint')} optional rows={4} maxLength={1000} value={summary} onChange={(event) => setSummary(event.currentTarget.value)} />
          <div>
            <Button type="submit" busy={busy}>
              {t('middlePhase.workspace.saveGoals')}
            </Button>
          </div>
        </form>
      ) : (
        <dl className="details">
          <div className="details__row">
            <dt>{t('middlePhase.workspace.goals')}</dt>
            <dd><PlainList items={workspace.goals} /></dd>
          </div>
          <div className="details__row">
            <dt>{t('middlePhase.workspace.summary')}</dt>
            <dd>{workspace.summary ?? <span className="muted">{t('common.notRecorded')}</span>}</dd>
          </div>
        </dl>
      )}
    </section>
  );
}

/** One problem-area workspace: guidance, the dispute stage, the checklist, goals and summary, details, progress. */
export function WorkspacePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const workspace = useWorkspace(id);
  const invalidate = useInvalidateMiddlePhase();
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>(null);

  if (workspace.isPending) return <Loading />;
  if (workspace.isError) {
    const missing = isApiError(workspace.error) && workspace.error.status === 404;
    return (
      <>
        <PageHeader title={t('middlePhase.workspace.notFound')} />
        {missing ? <p>{t('middlePhase.workspace.notFoundLead')}</p> : <ErrorState error={workspace.error} onRetry={() => void workspace.refetch()} />}
      </>
    );
  }
  const data = workspace.data;
  const onSaved = (text: string) => {
    setError(null);
    setMessage(text);
    void invalidate();
  };
  const onError = (failure: unknown) => {
    setMessage('');
    setError(failure);
    if (isApiError(failure) && (failure.status === 412 || failure.status === 409)) void invalidate();
  };
  const handlers = { onSaved, onError };

  return (
    <MiddlePhaseFrame episodeId={data.episodeId} title={t('middlePhase.workspace.title', { area: data.areaLabel })} lead={data.detailsSource ? t('middlePhase.workspace.lead', { source: data.detailsSource }) : undefined}>
      {(editable, episode) => (
        <>
          <div role="status">{message ? <Alert tone="success">{message}</Alert> : null}</div>
          <SaveError error={error} />
          <Guidance workspace={data} />
          {data.area === 'role-dispute' ? <Stage key={`stage-${data.version}`} workspace={data} episode={episode} editable={editable} {...handlers} /> : null}
          <Checklist workspace={data} editable={editable} {...handlers} />
          <GoalsAndSummary key={`goals-${data.version}`} workspace={data} editable={editable} {...handlers} />
          <section className="card stack" aria-labelledby="workspace-details-title">
            <h2 id="workspace-details-title">{t('middlePhase.workspace.detailsTitle', { area: data.areaLabel })}</h2>
            <WorkspaceDetailsForm key={`details-${data.version}`} workspace={data} editable={editable} {...handlers} />
          </section>
          <section className="card stack" aria-labelledby="workspace-progress">
            <h2 id="workspace-progress">{t('middlePhase.workspace.progressTitle')}</h2>
            {data.progress.length === 0 ? (
              <p className="muted">{t('middlePhase.workspace.noProgress')}</p>
            ) : (
              <ul className="mp-list">
                {data.progress.map((point) => (
                  <li key={point.sessionId}>{t('middlePhase.workspace.progressPoint', { number: formatNumber(point.sessionNumber), rating: formatNumber(point.rating) })}</li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </MiddlePhaseFrame>
  );
}
