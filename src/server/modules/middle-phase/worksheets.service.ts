import type { z } from 'zod';
import type { WorksheetCreateBody, WorksheetHistory, WorksheetListQuery, WorksheetReplaceBody, WorksheetView } from '../../../contracts/middle-phase.contract';
import { DomainError } from '../../../domain/errors';
import type { ProblemArea } from '../../../domain/formulation/problem-areas';
import { summarizeWorksheet } from '../../../domain/worksheets/summarize';
import { WORKSHEET_DEFINITIONS, WorksheetContent } from '../../../domain/worksheets/worksheet-kinds';
import type { Executor } from '../../db/database';
import { audit } from '../../lib/audit';
import { isoNow, newId } from '../../lib/clock';
import { requireActor, type RequestContext } from '../../lib/context';
import { withIdempotency, type StoredResponse } from '../../lib/idempotency';
import { inTransaction } from '../../lib/transaction';
import { staleVersion } from '../../lib/versioning';
import { loadAuthorizedEpisode } from '../episodes/episode-access';
import { loadAuthorizedSession } from '../sessions/sessions.service';
import { assertEpisodeOpen, assertSessionOpen, loadWorksheet, workspaceOfEpisode } from './middle-phase-access';
import type { WorksheetTable } from './middle-phase.table';
import { insertRevision, namesOf, parseStored, revisionsOf, sessionsOfEpisode, workspacesOfEpisode, type SessionRef } from './middle-phase.repository';

/** The kind and payload of a stored worksheet, checked against the kind's schema. */
function contentOf(kind: string, payloadJson: string): WorksheetContent {
  return parseStored(WorksheetContent, JSON.stringify({ kind, payload: JSON.parse(payloadJson) as unknown }), 'worksheet');
}

function viewOf(row: WorksheetTable, session: SessionRef, area: ProblemArea | null): WorksheetView {
  const content = contentOf(row.kind, row.payload_json);
  return {
    ...content, id: row.id, episodeId: row.episode_id, sessionId: row.session_id, sessionNumber: session.number, workspaceId: row.workspace_id, area,
    continuesId: row.continues_id, kindLabel: WORKSHEET_DEFINITIONS[content.kind].label, summary: summarizeWorksheet(content), locked: session.signed,
    createdAt: row.created_at, createdBy: row.created_by, updatedAt: row.updated_at, updatedBy: row.updated_by, version: Number(row.version),
  };
}

/** Views of worksheets of one episode, with session numbers, lock state and the workspace's area. */
async function worksheetViews(db: Executor, organizationId: string, episodeId: string, rows: readonly WorksheetTable[]): Promise<WorksheetView[]> {
  const [sessions, workspaces] = await Promise.all([sessionsOfEpisode(db, organizationId, episodeId), workspacesOfEpisode(db, organizationId, episodeId)]);
  const areaById = new Map(workspaces.map((w) => [w.id, w.area as ProblemArea]));
  return rows.map((row) => viewOf(row, sessions.get(row.session_id)!, row.workspace_id ? areaById.get(row.workspace_id) ?? null : null));
}

/**
 * Adds a worksheet to an open session (Idempotency-Key accepted). It may belong to a workspace of the
 * episode, and may continue an earlier worksheet of the same kind, e.g. a decision analysis whose
 * result is recorded at a later session after the first one was signed.
 */
export async function createWorksheet(ctx: RequestContext, sessionId: string, body: WorksheetCreateBody, key: string | undefined): Promise<StoredResponse<WorksheetView>> {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => withIdempotency(tx, ctx, key, `POST /api/v1/sessions/${sessionId}/worksheets`, body, async () => {
    const { session, episode } = assertEpisodeOpen(await loadAuthorizedSession(tx, ctx, sessionId, 'client.update'));
    assertSessionOpen({ signed: session.note_status === 'signed', number: Number(session.number) });
    let workspaceId = body.workspaceId ?? null;
    let continuesId: string | null = null;
    if (body.continuesId !== undefined) {
      const earlier = await tx.selectFrom('worksheet').select(['id', 'kind', 'workspace_id']).where('organization_id', '=', episode.organization_id)
        .where('episode_id', '=', episode.id).where('id', '=', body.continuesId).executeTakeFirst();
      if (!earlier) throw new DomainError('validation', 'is not a worksheet of this episode', { field: 'continuesId' });
      if (earlier.kind !== body.kind) throw new DomainError('validation', `continues a ${earlier.kind} worksheet; use the same kind`, { field: 'continuesId' });
      continuesId = earlier.id;
      if (body.workspaceId === undefined) workspaceId = earlier.workspace_id;
    }
    if (workspaceId !== null) await workspaceOfEpisode(tx, episode, workspaceId);
    const now = isoNow(ctx.clock);
    const row: WorksheetTable = {
      id: newId(), organization_id: episode.organization_id, client_id: episode.client_id, episode_id: episode.id, session_id: session.id, workspace_id: workspaceId,
      continues_id: continuesId, kind: body.kind, payload_json: JSON.stringify(body.payload), created_at: now, created_by: actor.userId, updated_at: now, updated_by: actor.userId, version: 1,
    };
    await tx.insertInto('worksheet').values(row).execute();
    await audit(tx, ctx, { action: 'create', entityType: 'worksheet', entityId: row.id, clientId: episode.client_id });
    return { statusCode: 201, body: (await worksheetViews(tx, episode.organization_id, episode.id, [row]))[0]! };
  }));
}

/** The worksheets of a session, each with its one-line summary for the note. */
export async function listSessionWorksheets(ctx: RequestContext, sessionId: string): Promise<WorksheetView[]> {
  return inTransaction(ctx, async (tx) => {
    const { session, episode } = await loadAuthorizedSession(tx, ctx, sessionId, 'client.read');
    const rows = await tx.selectFrom('worksheet').selectAll().where('organization_id', '=', session.organization_id).where('session_id', '=', session.id)
      .orderBy('created_at').orderBy('id').execute();
    await audit(tx, ctx, { action: 'query', entityType: 'worksheet', clientId: session.client_id });
    return worksheetViews(tx, episode.organization_id, episode.id, rows);
  });
}

/** The worksheets of an episode, oldest first, optionally of one kind or one workspace. */
export async function listEpisodeWorksheets(ctx: RequestContext, episodeId: string, query: z.infer<typeof WorksheetListQuery>): Promise<WorksheetView[]> {
  return inTransaction(ctx, async (tx) => {
    const { episode } = await loadAuthorizedEpisode(tx, ctx, episodeId, 'client.read');
    let select = tx.selectFrom('worksheet').selectAll().where('organization_id', '=', episode.organization_id).where('episode_id', '=', episode.id);
    if (query.kind !== undefined) select = select.where('kind', '=', query.kind);
    if (query.workspaceId !== undefined) select = select.where('workspace_id', '=', query.workspaceId);
    const rows = await select.orderBy('created_at').orderBy('id').execute();
    await audit(tx, ctx, { action: 'query', entityType: 'worksheet', clientId: episode.client_id });
    return worksheetViews(tx, episode.organization_id, episode.id, rows);
  });
}

export async function readWorksheet(ctx: RequestContext, id: string): Promise<WorksheetView> {
  return inTransaction(ctx, async (tx) => {
    const { worksheet, episode } = await loadWorksheet(tx, ctx, id, 'client.read');
    await audit(tx, ctx, { action: 'read', entityType: 'worksheet', entityId: id, clientId: worksheet.client_id });
    return (await worksheetViews(tx, episode.organization_id, episode.id, [worksheet]))[0]!;
  });
}

/**
 * Replaces a worksheet's payload (If-Match), keeping the previous version in its history. The kind
 * cannot change, and a worksheet of a signed session is locked (423): continue it on an open session.
 */
export async function replaceWorksheet(ctx: RequestContext, id: string, version: number, body: WorksheetReplaceBody): Promise<WorksheetView> {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    const { worksheet, session, episode } = await loadWorksheet(tx, ctx, id, 'client.update');
    assertSessionOpen(session);
    const current = Number(worksheet.version);
    if (current !== version) throw staleVersion('worksheet', current);
    if (body.kind !== worksheet.kind) throw new DomainError('validation', `must stay ${worksheet.kind}; start a new worksheet for another technique`, { field: 'kind' });
    const workspaceId = body.workspaceId === undefined ? worksheet.workspace_id : body.workspaceId;
    if (workspaceId !== null) await workspaceOfEpisode(tx, episode, workspaceId);
    const changes = { workspace_id: workspaceId, payload_json: JSON.stringify(body.payload), updated_at: isoNow(ctx.clock), updated_by: actor.userId, version: current + 1 };
    const result = await tx.updateTable('worksheet').set(changes).where('organization_id', '=', worksheet.organization_id).where('id', '=', worksheet.id).where('version', '=', current).executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw staleVersion('worksheet', current + 1);
    await insertRevision(tx, episode, {
      entityType: 'worksheet', entityId: worksheet.id, version: current, changedBy: worksheet.updated_by, changedAt: worksheet.updated_at,
      snapshot: { kind: worksheet.kind, workspaceId: worksheet.workspace_id, payload: JSON.parse(worksheet.payload_json) as unknown },
    });
    await audit(tx, ctx, { action: 'update', entityType: 'worksheet', entityId: id, clientId: worksheet.client_id });
    return (await worksheetViews(tx, episode.organization_id, episode.id, [{ ...worksheet, ...changes }]))[0]!;
  });
}

/** Every version of a worksheet, newest first, each with its summary. */
export async function worksheetHistory(ctx: RequestContext, id: string): Promise<z.infer<typeof WorksheetHistory>> {
  return inTransaction(ctx, async (tx) => {
    const { worksheet } = await loadWorksheet(tx, ctx, id, 'client.read');
    const revisions = await revisionsOf(tx, worksheet.organization_id, 'worksheet', worksheet.id);
    const names = await namesOf(tx, worksheet.organization_id, [worksheet.updated_by, ...revisions.map((r) => r.changed_by)]);
    await audit(tx, ctx, { action: 'read', entityType: 'worksheet-history', entityId: id, clientId: worksheet.client_id });
    const item = (version: number, changedAt: string, changedBy: string, current: boolean, kind: string, workspaceId: string | null, payloadJson: string) => {
      const content = contentOf(kind, payloadJson);
      return { ...content, version, changedAt, changedBy, changedByName: names.get(changedBy) ?? null, current, workspaceId, summary: summarizeWorksheet(content) };
    };
    return {
      items: [
        item(Number(worksheet.version), worksheet.updated_at, worksheet.updated_by, true, worksheet.kind, worksheet.workspace_id, worksheet.payload_json),
        ...revisions.map((r) => {
          const snapshot = JSON.parse(r.snapshot_json) as { kind: string; workspaceId: string | null; payload: unknown };
          return item(Number(r.version), r.changed_at, r.changed_by, false, snapshot.kind, snapshot.workspaceId, JSON.stringify(snapshot.payload));
        }),
      ],
    };
  });
}
