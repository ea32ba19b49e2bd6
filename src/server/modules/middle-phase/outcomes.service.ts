import type { z } from 'zod';
import type { OutcomeBody, OutcomeSeriesView, OutcomeView } from '../../../contracts/middle-phase.contract';
import { PROBLEM_AREAS } from '../../../domain/formulation/problem-areas';
import { formatCitation } from '../../../domain/protocols/clinical-sources';
import { AREA_OUTCOME_MEASURES, AREA_OUTCOME_SOURCE, validateAreaOutcome } from '../../../domain/worksheets/area-outcomes';
import type { AreaOutcome, ExpectationsCloser } from '../../../domain/worksheets/area-outcomes';
import type { DisputeStage } from '../../../domain/formulation/problem-areas';
import { audit } from '../../lib/audit';
import { notFound } from '../../lib/authorize';
import { isoNow, newId } from '../../lib/clock';
import { requireActor, type RequestContext } from '../../lib/context';
import { inTransaction } from '../../lib/transaction';
import { staleVersion } from '../../lib/versioning';
import { loadAuthorizedEpisode } from '../episodes/episode-access';
import { assertSessionOpen, loadWorkspace } from './middle-phase-access';
import type { ProblemAreaOutcomeTable } from './middle-phase.table';
import { insertRevision, outcomesOfEpisode, sessionsOfEpisode, workspacesOfEpisode, type SessionRef } from './middle-phase.repository';
import { areaOf } from './workspaces.service';

/** The values of a stored outcome, camelCase. */
function valuesOf(row: ProblemAreaOutcomeTable): AreaOutcome {
  const n = (v: number | null) => (v === null ? null : Number(v));
  return {
    progress: n(row.progress), stage: row.stage as DisputeStage | null, expectationsCloser: row.expectations_closer as ExpectationsCloser | null,
    adjustment: n(row.adjustment), mourning: n(row.mourning), contacts: n(row.contacts), contactQuality: n(row.contact_quality),
  };
}

function columnsOf(values: AreaOutcome) {
  return {
    progress: values.progress, stage: values.stage, expectations_closer: values.expectationsCloser, adjustment: values.adjustment,
    mourning: values.mourning, contacts: values.contacts, contact_quality: values.contactQuality,
  };
}

function outcomeView(row: ProblemAreaOutcomeTable, session: SessionRef): z.infer<typeof OutcomeView> {
  return {
    id: row.id, workspaceId: row.workspace_id, sessionId: row.session_id, sessionNumber: session.number, ...valuesOf(row),
    locked: session.signed, updatedAt: row.updated_at, version: Number(row.version),
  };
}

/**
 * Records (or corrects) one session's problem-area outcome for a workspace. If-Match carries the
 * version read, `"0"` when the session has none yet, so two people recording at once cannot both
 * win. Only the area's own fields are accepted; a dispute's stage defaults to the workspace's stage.
 * The session must be open: a signed session's outcomes are locked (423).
 */
export async function putOutcome(ctx: RequestContext, workspaceId: string, sessionId: string, version: number, body: z.infer<typeof OutcomeBody>): Promise<z.infer<typeof OutcomeView>> {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    const { workspace, episode } = await loadWorkspace(tx, ctx, workspaceId, 'client.update');
    // The session is in the path: one that is not of this episode is "not found", like a made-up id.
    const session = (await sessionsOfEpisode(tx, episode.organization_id, episode.id)).get(sessionId);
    if (!session) throw notFound('session');
    assertSessionOpen(session);
    const area = areaOf(workspace);
    const values = validateAreaOutcome(area, body);
    const withStage: AreaOutcome = area === 'role-dispute' && values.stage === null ? { ...values, stage: workspace.stage as DisputeStage | null } : values;
    const now = isoNow(ctx.clock);
    const existing = await tx.selectFrom('problem_area_outcome').selectAll().where('organization_id', '=', workspace.organization_id)
      .where('workspace_id', '=', workspace.id).where('session_id', '=', session.id).executeTakeFirst();
    let row: ProblemAreaOutcomeTable;
    if (!existing) {
      if (version !== 0) throw staleVersion('outcome', 0);
      row = {
        id: newId(), organization_id: workspace.organization_id, episode_id: episode.id, workspace_id: workspace.id, session_id: session.id,
        ...columnsOf(withStage), created_at: now, updated_at: now, updated_by: actor.userId, version: 1,
      };
      const inserted = await tx.insertInto('problem_area_outcome').values(row).onConflict((oc) => oc.columns(['workspace_id', 'session_id']).doNothing()).executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) throw staleVersion('outcome', 1);
      await audit(tx, ctx, { action: 'create', entityType: 'problem-area-outcome', entityId: row.id, clientId: episode.client_id });
    } else {
      const current = Number(existing.version);
      if (current !== version) throw staleVersion('outcome', current);
      await insertRevision(tx, episode, { entityType: 'problem-area-outcome', entityId: existing.id, version: current, snapshot: valuesOf(existing), changedBy: existing.updated_by, changedAt: existing.updated_at });
      const changes = { ...columnsOf(withStage), updated_at: now, updated_by: actor.userId, version: current + 1 };
      const result = await tx.updateTable('problem_area_outcome').set(changes)
        .where('organization_id', '=', existing.organization_id).where('id', '=', existing.id).where('version', '=', current).executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw staleVersion('outcome', current + 1);
      row = { ...existing, ...changes };
      await audit(tx, ctx, { action: 'update', entityType: 'problem-area-outcome', entityId: row.id, clientId: episode.client_id });
    }
    return outcomeView(row, session);
  });
}

/**
 * The problem-area outcome series of an episode, one per workspace, ordered by session: what the
 * episode page charts beside the symptom scores, with each area's measures and scales.
 */
export async function outcomeSeries(ctx: RequestContext, episodeId: string): Promise<z.infer<typeof OutcomeSeriesView>> {
  return inTransaction(ctx, async (tx) => {
    const { episode } = await loadAuthorizedEpisode(tx, ctx, episodeId, 'client.read');
    const [workspaces, outcomes, sessions] = await Promise.all([
      workspacesOfEpisode(tx, episode.organization_id, episode.id), outcomesOfEpisode(tx, episode.organization_id, episode.id), sessionsOfEpisode(tx, episode.organization_id, episode.id),
    ]);
    await audit(tx, ctx, { action: 'query', entityType: 'problem-area-outcome', clientId: episode.client_id });
    return {
      episodeId: episode.id,
      workspaces: workspaces.map((w) => {
        const area = areaOf(w);
        const points = outcomes.filter((o) => o.workspace_id === w.id).flatMap((o) => {
          const session = sessions.get(o.session_id);
          return session ? [{ id: o.id, sessionId: o.session_id, sessionNumber: session.number, date: session.startsAt.slice(0, 10), ...valuesOf(o), locked: session.signed, version: Number(o.version) }] : [];
        }).sort((a, b) => a.sessionNumber - b.sessionNumber);
        return {
          workspaceId: w.id, area, areaLabel: PROBLEM_AREAS[area].label,
          measures: AREA_OUTCOME_MEASURES[area].map((m) => ({ id: m.id, label: m.label, scale: m.scale.kind === 'category' ? { kind: m.scale.kind, values: [...m.scale.values] } : { ...m.scale } })),
          points,
        };
      }),
      source: formatCitation(AREA_OUTCOME_SOURCE),
    };
  });
}
