import type { z } from 'zod';
import type { Executor, Tx } from '../../db/database';
import { reusableQuery } from '../../db/reusable-query';
import { newId } from '../../lib/clock';
import type { EpisodeTable } from '../episodes/episodes.table';
import type { BetweenSessionTaskTable, ProblemAreaOutcomeTable, ProblemAreaWorkspaceTable, WorkspaceStageChangeTable } from './middle-phase.table';

/**
 * Queries of the middle phase. Every query is scoped by organization; access checks happen in the
 * services (loadAuthorizedEpisode / loadAuthorizedSession) before any of these run.
 */

/** A session of an episode as the middle phase needs it: its number, date and whether its note is signed. */
export interface SessionRef {
  id: string;
  number: number;
  startsAt: string;
  signed: boolean;
}

/** The sessions of an episode by id, for session numbers in views and the lock check. */
export async function sessionsOfEpisode(db: Executor, organizationId: string, episodeId: string): Promise<Map<string, SessionRef>> {
  const rows = await db.selectFrom('therapy_session').select(['id', 'number', 'starts_at', 'note_status'])
    .where('organization_id', '=', organizationId).where('episode_id', '=', episodeId).orderBy('number').execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, number: Number(r.number), startsAt: r.starts_at, signed: r.note_status === 'signed' }]));
}

/** Parses JSON stored by this module against its schema: damaged data fails loudly, never silently. */
export function parseStored<T extends z.ZodType>(schema: T, json: string, what: string): z.infer<T> {
  const parsed = schema.safeParse(JSON.parse(json));
  if (!parsed.success) throw new Error(`stored ${what} does not match its schema: ${parsed.error.message}`);
  return parsed.data;
}

/** Display names of users of one organization, for "changed by" columns. */
export async function namesOf(db: Executor, organizationId: string, ids: ReadonlyArray<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('app_user').select(['id', 'name']).where('organization_id', '=', organizationId).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function findWorkspace(db: Executor, organizationId: string, id: string): Promise<ProblemAreaWorkspaceTable | undefined> {
  return db.selectFrom('problem_area_workspace').selectAll().where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
}

/** The workspaces of an episode, in the order they were opened. */
export function workspacesOfEpisode(db: Executor, organizationId: string, episodeId: string): Promise<ProblemAreaWorkspaceTable[]> {
  return db.selectFrom('problem_area_workspace').selectAll().where('organization_id', '=', organizationId).where('episode_id', '=', episodeId)
    .orderBy('created_at').orderBy('id').execute();
}

/** Stage changes of the given workspaces, oldest first. */
export async function stageChangesOf(db: Executor, organizationId: string, workspaceIds: readonly string[]): Promise<WorkspaceStageChangeTable[]> {
  if (workspaceIds.length === 0) return [];
  return db.selectFrom('workspace_stage_change').selectAll().where('organization_id', '=', organizationId).where('workspace_id', 'in', [...workspaceIds])
    .orderBy('changed_at').orderBy('id').execute();
}

/** Problem-area outcomes of an episode (every workspace, every session). */
export function outcomesOfEpisode(db: Executor, organizationId: string, episodeId: string): Promise<ProblemAreaOutcomeTable[]> {
  return db.selectFrom('problem_area_outcome').selectAll().where('organization_id', '=', organizationId).where('episode_id', '=', episodeId).execute();
}

/** Stores the version of a record that an update is about to replace, as it stood and who made it. */
export async function insertRevision(tx: Tx, episode: Pick<EpisodeTable, 'id' | 'organization_id'>, input: { entityType: string; entityId: string; version: number; snapshot: unknown; changedBy: string; changedAt: string }): Promise<void> {
  await tx.insertInto('middle_phase_revision').values({
    id: newId(), organization_id: episode.organization_id, episode_id: episode.id, entity_type: input.entityType, entity_id: input.entityId,
    version: input.version, snapshot_json: JSON.stringify(input.snapshot), changed_by: input.changedBy, changed_at: input.changedAt,
  }).execute();
}

/** Earlier versions of one record, newest first. */
export function revisionsOf(db: Executor, organizationId: string, entityType: string, entityId: string) {
  return db.selectFrom('middle_phase_revision').selectAll().where('organization_id', '=', organizationId).where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId).orderBy('version', 'desc').execute();
}

/** The tasks of an episode, optionally by status, in the order they were set. */
export function tasksOfEpisode(db: Executor, organizationId: string, episodeId: string, status?: 'open' | 'reviewed'): Promise<BetweenSessionTaskTable[]> {
  let query = db.selectFrom('between_session_task').selectAll().where('organization_id', '=', organizationId).where('episode_id', '=', episodeId);
  if (status !== undefined) query = query.where('status', '=', status);
  return query.orderBy('created_at').orderBy('id').execute();
}

/**
 * How many between-session tasks of an episode are still waiting for their review: what the next
 * session's agenda should bring up ("how did it go?"). For the agenda's `unreviewedTasks` count.
 * Scoped by organization like every query; the caller has already authorized the episode.
 */
// On every episode page: built once (db/reusable-query.ts).
const unreviewedTaskCount = reusableQuery<{ organizationId: string; episodeId: string }, { n: number | string | bigint }>(['organizationId', 'episodeId'], (db, p) => db.selectFrom('between_session_task')
  .select((eb) => eb.fn.countAll().as('n')).where('organization_id', '=', p.organizationId).where('episode_id', '=', p.episodeId).where('status', '=', 'open'));

export async function countUnreviewedTasks(db: Executor, organizationId: string, episodeId: string): Promise<number> {
  const [row] = await unreviewedTaskCount(db, { organizationId, episodeId });
  return Number(row?.n ?? 0);
}

/**
 * The short summary of each problem-area workspace of an episode, for the termination review and
 * the supervisor view (which authorize the episode themselves).
 */
export async function workspaceSummariesOf(db: Executor, organizationId: string, episodeId: string): Promise<Array<{ workspaceId: string; area: string; otherParty: string | null; stage: string | null; summary: string | null }>> {
  const rows = await workspacesOfEpisode(db, organizationId, episodeId);
  return rows.map((r) => ({ workspaceId: r.id, area: r.area, otherParty: r.other_party, stage: r.stage, summary: r.summary }));
}
