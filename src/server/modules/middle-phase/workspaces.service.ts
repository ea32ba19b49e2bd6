import { z } from 'zod';
import type { StageChangeBody, WorkspaceOpenBody, WorkspaceUpdateBody, WorkspaceView } from '../../../contracts/middle-phase.contract';
import { DomainError } from '../../../domain/errors';
import { FOCUS_RULE } from '../../../domain/formulation/problem-areas';
import type { DisputeStage, ProblemArea } from '../../../domain/formulation/problem-areas';
import { formatCitation } from '../../../domain/protocols/clinical-sources';
import { parseFields } from '../../../domain/worksheets/fields';
import { AREA_DETAILS, WORKSPACE_DETAILS_SOURCE, mergeDetails } from '../../../domain/worksheets/workspace-details';
import { applyTicks, changeDisputeStage, checklistFor, guidanceFor, validateWorkspaceOpening } from '../../../domain/worksheets/workspace-rules';
import type { FocusArea, FocusAreaInput } from '../../../domain/formulation/focus';
import type { Executor, Tx } from '../../db/database';
import type { EpisodeTable } from '../episodes/episodes.table';
import { audit } from '../../lib/audit';
import { isoNow, newId } from '../../lib/clock';
import { requireActor, type RequestContext } from '../../lib/context';
import { withIdempotency, type StoredResponse } from '../../lib/idempotency';
import { inTransaction } from '../../lib/transaction';
import { staleVersion } from '../../lib/versioning';
import { loadAuthorizedEpisode } from '../episodes/episode-access';
import { assertSessionOpen, loadWorkspace, sessionOfEpisode, writableEpisode } from './middle-phase-access';
import type { ProblemAreaWorkspaceTable } from './middle-phase.table';
import {
  insertRevision, namesOf, outcomesOfEpisode, parseStored, sessionsOfEpisode, stageChangesOf, workspacesOfEpisode,
} from './middle-phase.repository';

const StringList = z.array(z.string());
const sourced = (t: { text: string; source: Parameters<typeof formatCitation>[0] }) => ({ text: t.text, source: formatCitation(t.source) });

/** The area of a stored workspace, typed. */
export function areaOf(row: Pick<ProblemAreaWorkspaceTable, 'area'>): ProblemArea {
  return row.area as ProblemArea;
}

function stageOf(row: Pick<ProblemAreaWorkspaceTable, 'stage'>): DisputeStage | null {
  return row.stage as DisputeStage | null;
}

/** The editable content of a workspace, as kept in its revisions. */
function snapshotOf(row: ProblemAreaWorkspaceTable) {
  return {
    otherParty: row.other_party, stage: row.stage, goals: parseStored(StringList, row.goals_json, 'workspace goals'), summary: row.summary,
    details: JSON.parse(row.details_json) as unknown, ticks: parseStored(StringList, row.ticks_json, 'workspace ticks'),
  };
}

/**
 * Builds the views of workspaces of one episode: details, guidance and checklist from the domain
 * content for the area and current stage, the stage history and the per-session progress ratings.
 */
export async function workspaceViews(db: Executor, organizationId: string, episodeId: string, rows: readonly ProblemAreaWorkspaceTable[]): Promise<WorkspaceView[]> {
  const ids = rows.map((r) => r.id);
  const [sessions, changes, outcomes] = await Promise.all([
    sessionsOfEpisode(db, organizationId, episodeId), stageChangesOf(db, organizationId, ids), outcomesOfEpisode(db, organizationId, episodeId),
  ]);
  const names = await namesOf(db, organizationId, changes.map((c) => c.changed_by));
  return rows.map((row) => {
    const area = areaOf(row);
    const stage = stageOf(row);
    const guidance = guidanceFor(area, stage);
    const ticks = parseStored(StringList, row.ticks_json, 'workspace ticks');
    const progress = outcomes.filter((o) => o.workspace_id === row.id && o.progress !== null)
      .map((o) => ({ sessionId: o.session_id, sessionNumber: sessions.get(o.session_id)?.number ?? 0, rating: Number(o.progress) }))
      .sort((a, b) => a.sessionNumber - b.sessionNumber);
    return {
      id: row.id, episodeId: row.episode_id, clientId: row.client_id, area, areaLabel: guidance.areaLabel, otherParty: row.other_party, stage,
      goals: parseStored(StringList, row.goals_json, 'workspace goals'), summary: row.summary,
      details: parseStored(AREA_DETAILS[area], row.details_json, 'workspace details'),
      guidance: {
        goals: guidance.goals.map(sourced), caution: guidance.caution ? sourced(guidance.caution) : null,
        stage: guidance.stage ? { id: guidance.stage.id, label: guidance.stage.label, definition: sourced(guidance.stage.definition), strategy: sourced(guidance.stage.strategy) } : null,
      },
      checklist: checklistFor(area, stage, ticks).map((i) => ({ id: i.id, label: i.label, source: formatCitation(i.source), done: i.done })),
      stageHistory: changes.filter((c) => c.workspace_id === row.id).map((c) => ({
        fromStage: c.from_stage as DisputeStage | null, toStage: c.to_stage as DisputeStage, sessionId: c.session_id,
        sessionNumber: c.session_id ? sessions.get(c.session_id)?.number ?? null : null, reason: c.reason,
        changedBy: c.changed_by, changedByName: names.get(c.changed_by) ?? null, changedAt: c.changed_at,
      })),
      progress, detailsSource: formatCitation(WORKSPACE_DETAILS_SOURCE),
      createdAt: row.created_at, updatedAt: row.updated_at, updatedBy: row.updated_by, version: Number(row.version),
    };
  });
}

async function viewOf(db: Executor, row: ProblemAreaWorkspaceTable): Promise<WorkspaceView> {
  return (await workspaceViews(db, row.organization_id, row.episode_id, [row]))[0]!;
}

/** The workspaces of an episode, with the focus rule (one area is best, at most two). */
export async function listWorkspaces(ctx: RequestContext, episodeId: string) {
  return inTransaction(ctx, async (tx) => {
    const { episode } = await loadAuthorizedEpisode(tx, ctx, episodeId, 'client.read');
    const rows = await workspacesOfEpisode(tx, episode.organization_id, episode.id);
    await audit(tx, ctx, { action: 'query', entityType: 'problem-area-workspace', clientId: episode.client_id });
    return { items: await workspaceViews(tx, episode.organization_id, episode.id, rows), maxAreas: FOCUS_RULE.maxAreas, guidance: FOCUS_RULE.guidance };
  });
}

/**
 * Inserts one workspace of a validated focus area, with a dispute's opening stage as the first entry
 * of its stage history, and audits it. Answers null when the episode already has a workspace of that
 * area (another request got there first). A person or change given for an area that has no such detail
 * is refused, naming the field.
 */
async function insertWorkspace(
  tx: Tx, ctx: RequestContext, episode: EpisodeTable, focus: FocusArea, start: { goals: readonly string[]; summary: string | null; reason?: string },
): Promise<ProblemAreaWorkspaceTable | null> {
  const actor = requireActor(ctx);
  const parsedDetails = AREA_DETAILS[focus.area].safeParse({ ...(focus.person ? { person: focus.person } : {}), ...(focus.change ? { change: focus.change } : {}) });
  if (!parsedDetails.success) {
    const fields = parsedDetails.error.issues.flatMap((issue) => ('keys' in issue && Array.isArray(issue.keys) ? issue.keys.map(String) : [issue.path.map(String).join('.') || 'body']));
    throw new DomainError('validation', `is not used for ${focus.area} work`, { errors: fields.map((field) => ({ field, message: `is not used for ${focus.area} work` })) });
  }
  const now = isoNow(ctx.clock);
  const row: ProblemAreaWorkspaceTable = {
    id: newId(), organization_id: episode.organization_id, client_id: episode.client_id, episode_id: episode.id, area: focus.area,
    other_party: focus.otherParty ?? null, stage: focus.stage ?? null, goals_json: JSON.stringify(start.goals), summary: start.summary,
    details_json: JSON.stringify(parsedDetails.data), ticks_json: '[]', created_at: now, created_by: actor.userId, updated_at: now, updated_by: actor.userId, version: 1,
  };
  const inserted = await tx.insertInto('problem_area_workspace').values(row).onConflict((oc) => oc.columns(['episode_id', 'area']).doNothing()).executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return null;
  if (row.stage !== null) {
    await tx.insertInto('workspace_stage_change').values({
      id: newId(), organization_id: row.organization_id, workspace_id: row.id, from_stage: null, to_stage: row.stage, session_id: null, reason: null, changed_by: actor.userId, changed_at: now,
    }).execute();
  }
  await audit(tx, ctx, { action: 'create', entityType: 'problem-area-workspace', entityId: row.id, clientId: episode.client_id, ...(start.reason ? { reason: start.reason } : {}) });
  return row;
}

/**
 * Opens a workspace for one problem area, checked against the focus rules (a dispute names the other
 * party and the stage; one workspace per area; at most two per episode). The opening stage is the
 * first entry of the stage history.
 */
export async function openWorkspace(ctx: RequestContext, episodeId: string, body: z.infer<typeof WorkspaceOpenBody>, key: string | undefined): Promise<StoredResponse<WorkspaceView>> {
  return inTransaction(ctx, async (tx) => withIdempotency(tx, ctx, key, `POST /api/v1/episodes/${episodeId}/workspaces`, body, async () => {
    const { episode } = await writableEpisode(tx, ctx, episodeId);
    const existing = await workspacesOfEpisode(tx, episode.organization_id, episode.id);
    const focus = validateWorkspaceOpening(body, existing.map((w) => w.area));
    const row = await insertWorkspace(tx, ctx, episode, focus, { goals: body.goals ?? [], summary: body.summary ?? null });
    if (!row) throw new DomainError('conflict', 'This episode already has a workspace for this problem area.', { field: 'area' });
    return { statusCode: 201, body: await viewOf(tx, row) };
  }));
}

/**
 * Opens the workspaces of an agreed formulation, inside the caller's transaction (the agreement):
 * one per agreed area that has none yet, in the formulation's order, never past the focus limit
 * (`FOCUS_RULE.maxAreas`). Each starts with the given goals (at most 10 lines of 300 characters) and,
 * for a dispute, the stage as the first entry of its history. Each opening is audited. Answers the
 * areas opened.
 */
export async function openWorkspacesForFocus(tx: Tx, ctx: RequestContext, episode: EpisodeTable, areas: readonly FocusAreaInput[], goals: readonly string[]): Promise<ProblemArea[]> {
  const existing = (await workspacesOfEpisode(tx, episode.organization_id, episode.id)).map((w) => w.area);
  const startGoals = goals.map((g) => g.trim().slice(0, 300)).filter((g) => g.length > 0).slice(0, 10);
  const opened: ProblemArea[] = [];
  for (const input of areas) {
    if (existing.includes(input.area) || existing.length >= FOCUS_RULE.maxAreas) continue;
    const focus = validateWorkspaceOpening(input, existing);
    if (!(await insertWorkspace(tx, ctx, episode, focus, { goals: startGoals, summary: null, reason: 'formulation agreed' }))) continue;
    existing.push(focus.area);
    opened.push(focus.area);
  }
  return opened;
}

export async function readWorkspace(ctx: RequestContext, id: string): Promise<WorkspaceView> {
  return inTransaction(ctx, async (tx) => {
    const { workspace } = await loadWorkspace(tx, ctx, id, 'client.read');
    await audit(tx, ctx, { action: 'read', entityType: 'problem-area-workspace', entityId: id, clientId: workspace.client_id });
    return viewOf(tx, workspace);
  });
}

/** Writes a workspace at the version read, keeping the replaced version as a revision. */
async function saveWorkspace(tx: Tx, ctx: RequestContext, row: ProblemAreaWorkspaceTable, changes: Partial<ProblemAreaWorkspaceTable>): Promise<ProblemAreaWorkspaceTable> {
  const actor = requireActor(ctx);
  const version = Number(row.version);
  const updated = { ...changes, updated_at: isoNow(ctx.clock), updated_by: actor.userId, version: version + 1 };
  // The versioned update first: of two simultaneous saves only one gets past it, so only one
  // records the revision of the version it replaced (the other's revision insert was a 500).
  const result = await tx.updateTable('problem_area_workspace').set(updated)
    .where('organization_id', '=', row.organization_id).where('id', '=', row.id).where('version', '=', version).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion('workspace', version + 1);
  await insertRevision(tx, { id: row.episode_id, organization_id: row.organization_id }, {
    entityType: 'problem-area-workspace', entityId: row.id, version, snapshot: snapshotOf(row), changedBy: row.updated_by, changedAt: row.updated_at,
  });
  return { ...row, ...updated };
}

/** Changes goals, summary, the area's details (keys given replace the stored ones) and checklist ticks (If-Match). */
export async function updateWorkspace(ctx: RequestContext, id: string, version: number, body: z.infer<typeof WorkspaceUpdateBody>): Promise<WorkspaceView> {
  return inTransaction(ctx, async (tx) => {
    const { workspace } = await loadWorkspace(tx, ctx, id, 'client.update');
    if (Number(workspace.version) !== version) throw staleVersion('workspace', Number(workspace.version));
    const area = areaOf(workspace);
    const changes: Partial<ProblemAreaWorkspaceTable> = {};
    if (body.otherParty !== undefined) {
      if (area !== 'role-dispute') throw new DomainError('validation', 'Only a role dispute has another party.', { field: 'otherParty' });
      changes.other_party = body.otherParty;
    }
    if (body.goals !== undefined) changes.goals_json = JSON.stringify(body.goals);
    if (body.summary !== undefined) changes.summary = body.summary;
    if (body.details !== undefined) {
      const current = JSON.parse(workspace.details_json) as Record<string, unknown>;
      changes.details_json = JSON.stringify(parseFields(AREA_DETAILS[area], mergeDetails(current, body.details), 'details'));
    }
    if (body.checklist !== undefined) {
      changes.ticks_json = JSON.stringify(applyTicks(area, stageOf(workspace), parseStored(StringList, workspace.ticks_json, 'workspace ticks'), body.checklist));
    }
    const saved = await saveWorkspace(tx, ctx, workspace, changes);
    await audit(tx, ctx, { action: 'update', entityType: 'problem-area-workspace', entityId: id, clientId: workspace.client_id });
    return viewOf(tx, saved);
  });
}

/**
 * Moves a role dispute to another stage (If-Match): recorded in the stage history with the session it
 * was recognized in (an open session of the episode) and the reason; the checklist follows the stage.
 */
export async function changeStage(ctx: RequestContext, id: string, version: number, body: z.infer<typeof StageChangeBody>): Promise<WorkspaceView> {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    const { workspace, episode } = await loadWorkspace(tx, ctx, id, 'client.update');
    if (Number(workspace.version) !== version) throw staleVersion('workspace', Number(workspace.version));
    const change = changeDisputeStage(areaOf(workspace), stageOf(workspace), body.stage);
    if (body.sessionId !== undefined) assertSessionOpen(await sessionOfEpisode(tx, episode, body.sessionId, 'sessionId'));
    const saved = await saveWorkspace(tx, ctx, workspace, { stage: change.to });
    await tx.insertInto('workspace_stage_change').values({
      id: newId(), organization_id: workspace.organization_id, workspace_id: workspace.id, from_stage: change.from, to_stage: change.to,
      session_id: body.sessionId ?? null, reason: body.reason ?? null, changed_by: actor.userId, changed_at: saved.updated_at,
    }).execute();
    await audit(tx, ctx, { action: 'update', entityType: 'workspace-stage', entityId: id, clientId: workspace.client_id });
    return viewOf(tx, saved);
  });
}
