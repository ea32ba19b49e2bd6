import type { TaskCreateBody, TaskReviewBody, TaskUpdateBody, TaskView } from '../../../contracts/middle-phase.contract';
import { DomainError } from '../../../domain/errors';
import type { ProblemArea } from '../../../domain/formulation/problem-areas';
import { summarizeTask } from '../../../domain/worksheets/summarize';
import { assertReviewAfterSet } from '../../../domain/worksheets/task-rules';
import type { TaskOutcome } from '../../../domain/worksheets/task-rules';
import type { Executor, Tx } from '../../db/database';
import { audit } from '../../lib/audit';
import { isoNow, newId } from '../../lib/clock';
import { requireActor, type RequestContext } from '../../lib/context';
import { withIdempotency, type StoredResponse } from '../../lib/idempotency';
import { inTransaction } from '../../lib/transaction';
import { staleVersion } from '../../lib/versioning';
import { loadAuthorizedEpisode } from '../episodes/episode-access';
import type { EpisodeTable } from '../episodes/episodes.table';
import { loadAuthorizedSession } from '../sessions/sessions.service';
import { assertEpisodeOpen, assertSessionOpen, loadTask, sessionOfEpisode, workspaceOfEpisode } from './middle-phase-access';
import type { BetweenSessionTaskTable } from './middle-phase.table';
import { insertRevision, sessionsOfEpisode, tasksOfEpisode } from './middle-phase.repository';

/** Views of tasks of one episode, with session numbers, the lock state and the note line. */
async function taskViews(db: Executor, organizationId: string, episodeId: string, rows: readonly BetweenSessionTaskTable[]): Promise<TaskView[]> {
  const sessions = await sessionsOfEpisode(db, organizationId, episodeId);
  return rows.map((row) => {
    const setIn = sessions.get(row.set_in_session_id)!;
    const reviewedIn = row.reviewed_in_session_id ? sessions.get(row.reviewed_in_session_id) : undefined;
    const review = reviewedIn && row.review_outcome && row.reviewed_at && row.reviewed_by ? {
      sessionNumber: reviewedIn.number, outcome: row.review_outcome as TaskOutcome, whatHappened: row.what_happened,
      moodEffect: row.mood_effect === null ? null : Number(row.mood_effect), reviewedAt: row.reviewed_at, reviewedBy: row.reviewed_by,
    } : null;
    return {
      id: row.id, episodeId: row.episode_id, clientId: row.client_id, workspaceId: row.workspace_id, area: row.area as ProblemArea | null,
      setInSessionId: row.set_in_session_id, setInSessionNumber: setIn.number, what: row.what, withWhom: row.with_whom, whenDate: row.when_date, whenText: row.when_text,
      visibleToClient: Number(row.visible_to_client) === 1, status: row.status as 'open' | 'reviewed', reviewedInSessionId: row.reviewed_in_session_id, review,
      summary: summarizeTask({ what: row.what, withWhom: row.with_whom, whenDate: row.when_date, whenText: row.when_text, review: review ? { outcome: review.outcome, moodEffect: review.moodEffect } : null }),
      locked: setIn.signed, createdAt: row.created_at, updatedAt: row.updated_at, version: Number(row.version),
    };
  });
}

async function viewOf(db: Executor, row: BetweenSessionTaskTable): Promise<TaskView> {
  return (await taskViews(db, row.organization_id, row.episode_id, [row]))[0]!;
}

/** The problem area a task belongs to: its workspace's area, or the one given when there is no workspace. */
async function areaFor(db: Executor, episode: EpisodeTable, workspaceId: string | null, area: ProblemArea | null): Promise<ProblemArea | null> {
  if (workspaceId === null) return area;
  const workspace = await workspaceOfEpisode(db, episode, workspaceId);
  if (area !== null && area !== workspace.area) throw new DomainError('validation', `does not match the workspace's area (${workspace.area})`, { field: 'area' });
  return workspace.area as ProblemArea;
}

/** Sets a between-session task in an open session (Idempotency-Key accepted); it stays open until reviewed. */
export async function createTask(ctx: RequestContext, sessionId: string, body: TaskCreateBody, key: string | undefined): Promise<StoredResponse<TaskView>> {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => withIdempotency(tx, ctx, key, `POST /api/v1/sessions/${sessionId}/tasks`, body, async () => {
    const { session, episode } = assertEpisodeOpen(await loadAuthorizedSession(tx, ctx, sessionId, 'client.update'));
    assertSessionOpen({ signed: session.note_status === 'signed', number: Number(session.number) });
    const workspaceId = body.workspaceId ?? null;
    const now = isoNow(ctx.clock);
    const row: BetweenSessionTaskTable = {
      id: newId(), organization_id: episode.organization_id, client_id: episode.client_id, episode_id: episode.id, workspace_id: workspaceId,
      area: await areaFor(tx, episode, workspaceId, body.area ?? null), set_in_session_id: session.id, what: body.what, with_whom: body.withWhom ?? null,
      when_date: body.whenDate ?? null, when_text: body.whenText ?? null, visible_to_client: body.visibleToClient ? 1 : 0, status: 'open',
      reviewed_in_session_id: null, review_outcome: null, what_happened: null, mood_effect: null, reviewed_at: null, reviewed_by: null,
      created_at: now, created_by: actor.userId, updated_at: now, updated_by: actor.userId, version: 1,
    };
    await tx.insertInto('between_session_task').values(row).execute();
    await audit(tx, ctx, { action: 'create', entityType: 'between-session-task', entityId: row.id, clientId: episode.client_id });
    return { statusCode: 201, body: await viewOf(tx, row) };
  }));
}

/** The tasks of an episode: `open` (waiting for review at the next session), `reviewed`, or all. */
export async function listTasks(ctx: RequestContext, episodeId: string, status: 'open' | 'reviewed' | 'all'): Promise<TaskView[]> {
  return inTransaction(ctx, async (tx) => {
    const { episode } = await loadAuthorizedEpisode(tx, ctx, episodeId, 'client.read');
    const rows = await tasksOfEpisode(tx, episode.organization_id, episode.id, status === 'all' ? undefined : status);
    await audit(tx, ctx, { action: 'query', entityType: 'between-session-task', clientId: episode.client_id });
    return taskViews(tx, episode.organization_id, episode.id, rows);
  });
}

export async function readTask(ctx: RequestContext, id: string): Promise<TaskView> {
  return inTransaction(ctx, async (tx) => {
    const { task } = await loadTask(tx, ctx, id, 'client.read');
    await audit(tx, ctx, { action: 'read', entityType: 'between-session-task', entityId: id, clientId: task.client_id });
    return viewOf(tx, task);
  });
}

/** Writes a task at the version read, keeping the replaced version as a revision. */
async function saveTask(tx: Tx, ctx: RequestContext, episode: EpisodeTable, task: BetweenSessionTaskTable, changes: Partial<BetweenSessionTaskTable>): Promise<BetweenSessionTaskTable> {
  const version = Number(task.version);
  const { id: _id, organization_id: _org, ...snapshot } = task;
  const updated = { ...changes, updated_at: isoNow(ctx.clock), updated_by: requireActor(ctx).userId, version: version + 1 };
  const result = await tx.updateTable('between_session_task').set(updated).where('organization_id', '=', task.organization_id).where('id', '=', task.id).where('version', '=', version).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion('task', version + 1);
  await insertRevision(tx, episode, { entityType: 'between-session-task', entityId: task.id, version, snapshot, changedBy: task.updated_by, changedAt: task.updated_at });
  return { ...task, ...updated };
}

/**
 * Changes a task as set (If-Match). Once the session that set it is signed the task is part of that
 * record (423), except whether the client's portal shows it, which is a sharing choice.
 */
export async function updateTask(ctx: RequestContext, id: string, version: number, body: TaskUpdateBody): Promise<TaskView> {
  return inTransaction(ctx, async (tx) => {
    const { task, episode } = await loadTask(tx, ctx, id, 'client.update');
    const setIn = await sessionOfEpisode(tx, episode, task.set_in_session_id, 'setInSessionId');
    if (Object.entries(body).some(([key, value]) => key !== 'visibleToClient' && value !== undefined)) assertSessionOpen(setIn);
    if (Number(task.version) !== version) throw staleVersion('task', Number(task.version));
    const changes: Partial<BetweenSessionTaskTable> = {};
    if (body.what !== undefined) changes.what = body.what;
    if (body.withWhom !== undefined) changes.with_whom = body.withWhom;
    if (body.whenDate !== undefined) changes.when_date = body.whenDate;
    if (body.whenText !== undefined) changes.when_text = body.whenText;
    if (body.visibleToClient !== undefined) changes.visible_to_client = body.visibleToClient ? 1 : 0;
    if (body.workspaceId !== undefined || body.area !== undefined) {
      const workspaceId = body.workspaceId !== undefined ? body.workspaceId : task.workspace_id;
      const area = body.area !== undefined ? body.area : body.workspaceId !== undefined ? null : (task.area as ProblemArea | null);
      changes.workspace_id = workspaceId;
      changes.area = await areaFor(tx, episode, workspaceId, area);
    }
    const saved = await saveTask(tx, ctx, episode, task, changes);
    await audit(tx, ctx, { action: 'update', entityType: 'between-session-task', entityId: id, clientId: task.client_id });
    return viewOf(tx, saved);
  });
}

/**
 * Reviews a task at a later, open session of the episode (If-Match): done, partly or not, what
 * happened, and the effect on mood (−5 … +5). A review may be corrected while its session is open;
 * once that session is signed the review is locked (423).
 */
export async function reviewTask(ctx: RequestContext, id: string, version: number, body: TaskReviewBody): Promise<TaskView> {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    const { task, episode } = await loadTask(tx, ctx, id, 'client.update');
    const session = await sessionOfEpisode(tx, episode, body.sessionId, 'sessionId');
    if (task.reviewed_in_session_id !== null) assertSessionOpen(await sessionOfEpisode(tx, episode, task.reviewed_in_session_id, 'sessionId'));
    assertSessionOpen(session);
    const setIn = await sessionOfEpisode(tx, episode, task.set_in_session_id, 'setInSessionId');
    assertReviewAfterSet(setIn.number, session.number);
    if (Number(task.version) !== version) throw staleVersion('task', Number(task.version));
    const saved = await saveTask(tx, ctx, episode, task, {
      status: 'reviewed', reviewed_in_session_id: session.id, review_outcome: body.outcome, what_happened: body.whatHappened ?? null,
      mood_effect: body.moodEffect ?? null, reviewed_at: isoNow(ctx.clock), reviewed_by: actor.userId,
    });
    await audit(tx, ctx, { action: 'update', entityType: 'between-session-task', entityId: id, clientId: task.client_id, reason: 'reviewed' });
    return viewOf(tx, saved);
  });
}
