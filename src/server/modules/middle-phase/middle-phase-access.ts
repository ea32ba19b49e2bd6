import { DomainError } from '../../../domain/errors';
import { authorizeOnClient } from '../clients/client-access';
import type { Executor } from '../../db/database';
import { notFound } from '../../lib/authorize';
import { requireActor, type RequestContext } from '../../lib/context';
import { loadAuthorizedEpisode, type EpisodeWithClient } from '../episodes/episode-access';
import type { BetweenSessionTaskTable, ProblemAreaWorkspaceTable, WorksheetTable } from './middle-phase.table';
import { findWorkspace, sessionsOfEpisode, type SessionRef } from './middle-phase.repository';

/**
 * Loading middle-phase records with their access check. Every record belongs to an episode, and
 * access follows the episode's client: whoever may read or change the client may read or change its
 * middle-phase work; a refusal looks exactly like "not found" and is audited as a denial.
 */

type Action = 'client.read' | 'client.update';
const OPEN_STATUSES = ['planned', 'active'];

/** Refuses a change on an ended episode: its middle-phase records are part of the closed record (409). */
export function assertEpisodeOpen<T extends { episode: Pick<EpisodeWithClient['episode'], 'status'> }>(loaded: T): T {
  if (!OPEN_STATUSES.includes(loaded.episode.status)) throw new DomainError('conflict', 'This episode has ended; its middle-phase records can no longer be changed.');
  return loaded;
}

/** An episode the caller may change, still open. */
export async function writableEpisode(tx: Executor, ctx: RequestContext, episodeId: string): Promise<EpisodeWithClient> {
  return assertEpisodeOpen(await loadAuthorizedEpisode(tx, ctx, episodeId, 'client.update'));
}

/**
 * A signed note locks its session: what was recorded in it (worksheets, outcomes, tasks set) no
 * longer changes. New versions go on an open session (423, like a signed note).
 */
export function assertSessionOpen(session: Pick<SessionRef, 'signed' | 'number'>): void {
  if (session.signed) {
    throw new DomainError('locked', `Session ${session.number} is signed and locked. Record this on an open session instead.`, { extra: { problemType: 'note-signed' } });
  }
}

/** A session of this episode named in a request body; anything else is a 400 naming the field. */
export async function sessionOfEpisode(db: Executor, episode: EpisodeWithClient['episode'], sessionId: string, field: string): Promise<SessionRef> {
  const session = (await sessionsOfEpisode(db, episode.organization_id, episode.id)).get(sessionId);
  if (!session) throw new DomainError('validation', 'is not a session of this episode', { field });
  return session;
}

/** A workspace of this episode named in a request body (`workspaceId`); anything else is a 400. */
export async function workspaceOfEpisode(db: Executor, episode: EpisodeWithClient['episode'], workspaceId: string, field = 'workspaceId'): Promise<ProblemAreaWorkspaceTable> {
  const workspace = await findWorkspace(db, episode.organization_id, workspaceId);
  if (!workspace || workspace.episode_id !== episode.id) throw new DomainError('validation', 'is not a problem-area workspace of this episode', { field });
  return workspace;
}

/**
 * Checks access to a record of an episode before loading the episode, the way loadAuthorizedSession
 * does for sessions: the refusal names the record's own type ("No worksheet with that id."), so a
 * refused id answers exactly like a missing one, and the denial is audited. The episode is then
 * loaded through loadAuthorizedEpisode, which applies the same rule to the same client.
 */
async function authorizedEpisodeOf(tx: Executor, ctx: RequestContext, record: { entityType: string; id: string; episodeId: string; clientId: string }, action: Action): Promise<EpisodeWithClient> {
  const actor = requireActor(ctx);
  const client = await tx.selectFrom('client').select('clinician_id').where('organization_id', '=', actor.organizationId).where('id', '=', record.clientId).executeTakeFirstOrThrow();
  await authorizeOnClient(tx, ctx, action, { clientId: record.clientId, clinicianId: client.clinician_id }, { entityType: record.entityType, entityId: record.id });
  const loaded = await loadAuthorizedEpisode(tx, ctx, record.episodeId, action);
  return action === 'client.update' ? assertEpisodeOpen(loaded) : loaded;
}

/** A workspace with its episode, access-checked through its client (refusal = 404 "No workspace…"). */
export async function loadWorkspace(tx: Executor, ctx: RequestContext, id: string, action: Action): Promise<EpisodeWithClient & { workspace: ProblemAreaWorkspaceTable }> {
  const actor = requireActor(ctx);
  const workspace = await findWorkspace(tx, actor.organizationId, id);
  if (!workspace) throw notFound('workspace');
  const loaded = await authorizedEpisodeOf(tx, ctx, { entityType: 'workspace', id, episodeId: workspace.episode_id, clientId: workspace.client_id }, action);
  return { ...loaded, workspace };
}

/** A worksheet with its episode and session, access-checked through its client (refusal = 404). */
export async function loadWorksheet(tx: Executor, ctx: RequestContext, id: string, action: Action): Promise<EpisodeWithClient & { worksheet: WorksheetTable; session: SessionRef }> {
  const actor = requireActor(ctx);
  const worksheet = await tx.selectFrom('worksheet').selectAll().where('organization_id', '=', actor.organizationId).where('id', '=', id).executeTakeFirst();
  if (!worksheet) throw notFound('worksheet');
  const loaded = await authorizedEpisodeOf(tx, ctx, { entityType: 'worksheet', id, episodeId: worksheet.episode_id, clientId: worksheet.client_id }, action);
  const session = await sessionOfEpisode(tx, loaded.episode, worksheet.session_id, 'sessionId');
  return { ...loaded, worksheet, session };
}

/** A between-session task with its episode, access-checked through its client (refusal = 404). */
export async function loadTask(tx: Executor, ctx: RequestContext, id: string, action: Action): Promise<EpisodeWithClient & { task: BetweenSessionTaskTable }> {
  const actor = requireActor(ctx);
  const task = await tx.selectFrom('between_session_task').selectAll().where('organization_id', '=', actor.organizationId).where('id', '=', id).executeTakeFirst();
  if (!task) throw notFound('task');
  const loaded = await authorizedEpisodeOf(tx, ctx, { entityType: 'task', id, episodeId: task.episode_id, clientId: task.client_id }, action);
  return { ...loaded, task };
}
