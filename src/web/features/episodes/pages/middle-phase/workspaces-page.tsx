import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { pathTo, routes } from '../../../../app/route-paths';
import { Button } from '../../../../components/button';
import { EmptyState } from '../../../../components/empty-state';
import { ErrorState } from '../../../../components/error-state';
import { SelectField } from '../../../../components/select-field';
import { Loading } from '../../../../components/spinner';
import { TextArea } from '../../../../components/text-area';
import { TextField } from '../../../../components/text-field';
import { useEnumLabel } from '../../../../lib/enum-label';
import { formatNumber } from '../../../../lib/format';
import { useIdempotencyKey } from '../../../../lib/idempotency-key';
import type { Workspace } from '../../api/middle-phase-api';
import { openWorkspace, useInvalidateMiddlePhase, useWorkspaces } from '../../api/middle-phase-api';
import { MiddlePhaseFrame } from './middle-phase-frame';
import { SaveError, linesOf } from './middle-phase-parts';

export const AREAS = ['grief', 'role-dispute', 'role-transition', 'interpersonal-deficits'] as const;
export const STAGES = ['renegotiation', 'impasse', 'dissolution'] as const;

/** Opens a workspace for an area not yet worked on (a dispute needs the other party and the stage). */
function OpenWorkspaceForm({ episodeId, taken }: { episodeId: string; taken: readonly string[] }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const navigate = useNavigate();
  const invalidate = useInvalidateMiddlePhase();
  const idempotency = useIdempotencyKey();
  const free = AREAS.filter((area) => !taken.includes(area));
  const [area, setArea] = useState<string>(free[0] ?? 'grief');
  const [otherParty, setOtherParty] = useState('');
  const [stage, setStage] = useState<string>('');
  const [person, setPerson] = useState('');
  const [change, setChange] = useState('');
  const [goals, setGoals] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    openWorkspace(episodeId, {
      area: area as Workspace['area'],
      ...(area === 'role-dispute' ? { otherParty: otherParty.trim(), ...(stage ? { stage: stage as (typeof STAGES)[number] } : {}) } : {}),
      ...(area === 'grief' && person.trim() ? { person: person.trim() } : {}),
      ...(area === 'role-transition' && change.trim() ? { change: change.trim() } : {}),
      goals: linesOf(goals),
    }, idempotency.key())
      .then(async (created) => {
        idempotency.renew();
        await invalidate();
        void navigate(pathTo(routes.workspace, { id: created.id }));
      })
      .catch((failure: unknown) => setError(failure))
      .finally(() => setBusy(false));
  };

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby="open-workspace-title">
      <h2 id="open-workspace-title">{t('middlePhase.workspaces.openTitle')}</h2>
      <SaveError error={error} />
      <SelectField id="open-area" label={t('middlePhase.workspaces.area')} value={area} onChange={(event) => setArea(event.currentTarget.value)}>
        {free.map((value) => (
          <option key={value} value={value}>
            {label('middlePhase.areas', value)}
          </option>
        ))}
      </SelectField>
      {area === 'role-dispute' ? (
        <div className="ip-grid">
          <TextField id="open-other-party" label={t('middlePhase.workspace.otherParty')} required value={otherParty} onChange={(event) => setOtherParty(event.currentTarget.value)} />
          <SelectField id="open-stage" label={t('middlePhase.workspace.stage')} required value={stage} onChange={(event) => setStage(event.currentTarget.value)}>
            <option value="">{t('middlePhase.workspaces.chooseStage')}</option>
            {STAGES.map((value) => (
              <option key={value} value={value}>
                {label('middlePhase.stages', value)}
              </option>
            ))}
          </SelectField>
        </div>
      ) : null}
      {area === 'grief' ? <TextField id="open-person" label={t('middlePhase.details.person')} optional value={person} onChange={(event) => setPerson(event.currentTarget.value)} /> : null}
      {area === 'role-transition' ? <TextField id="open-change" label={t('middlePhase.details.change')} optional value={change} onChange={(event) => setChange(event.currentTarget.value)} /> : null}
      <TextArea id="open-goals" label={t('middlePhase.workspace.goals')} hint={t('middlePhase.onePerLine')} optional value={goals} onChange={(event) => setGoals(event.currentTarget.value)} />
      <div>
        <Button type="submit" busy={busy}>
          {t('middlePhase.workspaces.open')}
        </Button>
      </div>
    </form>
  );
}

/** The problem-area workspaces of an episode: one per agreed area (at most two), each opened from here. */
export function WorkspacesPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const label = useEnumLabel();
  const list = useWorkspaces(id);
  return (
    <MiddlePhaseFrame episodeId={id} title={t('middlePhase.workspaces.title')} lead={t('middlePhase.workspaces.lead')}>
      {(editable) => (
        <>
          {list.isPending ? <Loading /> : null}
          {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
          {list.data ? (
            <>
              <section className="stack" aria-labelledby="workspaces-list">
                <h2 id="workspaces-list">{t('middlePhase.workspaces.listTitle')}</h2>
                <p className="muted">{list.data.guidance}</p>
                {list.data.items.length === 0 ? (
                  <EmptyState title={t('middlePhase.workspaces.none')}>{t('middlePhase.workspaces.noneLead')}</EmptyState>
                ) : (
                  <ul className="mp-cards">
                    {list.data.items.map((workspace) => (
                      <li key={workspace.id} className="card stack">
                        <h3>
                          <Link to={pathTo(routes.workspace, { id: workspace.id })}>{workspace.areaLabel}</Link>
                        </h3>
                        {workspace.stage ? (
                          <p>
                            {t('middlePhase.workspaces.disputeWith', { party: workspace.otherParty ?? '' })} · <strong>{label('middlePhase.stages', workspace.stage)}</strong>
                          </p>
                        ) : null}
                        {workspace.summary ? <p>{workspace.summary}</p> : null}
                        <p className="muted">
                          {t('middlePhase.workspaces.counts', {
                            goals: formatNumber(workspace.goals.length),
                            done: formatNumber(workspace.checklist.filter((item) => item.done).length),
                            total: formatNumber(workspace.checklist.length),
                            rated: formatNumber(workspace.progress.length),
                          })}
                        </p>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
              {editable && list.data.items.length < list.data.maxAreas ? <OpenWorkspaceForm episodeId={id} taken={list.data.items.map((w) => w.area)} /> : null}
            </>
          ) : null}
        </>
      )}
    </MiddlePhaseFrame>
  );
}

