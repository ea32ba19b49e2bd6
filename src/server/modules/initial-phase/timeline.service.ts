import type { z } from 'zod';
import { TimelineEventDetails, TimelineEventView, type TimelineEventCreateBody, type TimelineEventUpdateBody } from '../../../contracts/initial-phase.contract';
import { DomainError } from '../../../domain/errors';
import type { Executor, Tx } from '../../db/database';
import { audit } from '../../lib/audit';
import { notFound } from '../../lib/authorize';
import { isoNow, newId } from '../../lib/clock';
import { requireActor, type RequestContext } from '../../lib/context';
import { withIdempotency, type StoredResponse } from '../../lib/idempotency';
import { inTransaction } from '../../lib/transaction';
import { staleVersion } from '../../lib/versioning';
import type { EpisodeTable } from '../episodes/episodes.table';
import type { TimelineEventTable } from './initial-phase.table';
import { assertNotFuture, assertPeopleOfEpisode, insertRevision, parseStored, readableEpisode, versionHistory, writableEpisode } from './initial-phase.repository';

const ENTITY = 'timeline-event';
type View = z.infer<typeof TimelineEventView>;

/** The event as the API shows it. */
export function eventViewOf(row: TimelineEventTable): View {
  return {
    ...parseStored(TimelineEventDetails, row.details_json, ENTITY), id: row.id, episodeId: row.episode_id, date: row.event_date, title: row.title,
    kind: row.kind as View['kind'], status: row.status as View['status'], archivedAt: row.archived_at, archiveReason: row.archive_reason,
    createdAt: row.created_at, updatedAt: row.updated_at, updatedBy: row.updated_by, version: Number(row.version),
  };
}

/** The episode's current (not archived) events, in date order. */
export function activeEventsOf(db: Executor, episode: EpisodeTable): Promise<TimelineEventTable[]> {
  return db.selectFrom('timeline_event').selectAll().where('organization_id', '=', episode.organization_id).where('episode_id', '=', episode.id)
    .where('status', '=', 'active').orderBy('event_date').orderBy('created_at').execute();
}

async function loadEvent(db: Executor, episode: EpisodeTable, eventId: string): Promise<TimelineEventTable> {
  const row = await db.selectFrom('timeline_event').selectAll().where('organization_id', '=', episode.organization_id)
    .where('episode_id', '=', episode.id).where('id', '=', eventId).executeTakeFirst();
  if (!row) throw notFound(ENTITY);
  return row;
}

/** Dates are past or today; the people named must be in the episode's inventory. */
async function checkEvent(db: Executor, ctx: RequestContext, episode: EpisodeTable, date: string | undefined, personIds: readonly string[] | undefined): Promise<void> {
  assertNotFuture(ctx, date, 'date');
  if (personIds) await assertPeopleOfEpisode(db, episode, personIds, (i) => `personIds.${i}`);
}

/** Adds an event to the timeline (Idempotency-Key accepted). */
export async function createEvent(ctx: RequestContext, episodeId: string, body: z.infer<typeof TimelineEventCreateBody>, idempotencyKey: string | undefined): Promise<StoredResponse<View>> {
  const actor = requireActor(ctx);
  return inTransaction(ctx, (tx) => withIdempotency(tx, ctx, idempotencyKey, `POST /api/v1/episodes/${episodeId}/timeline/events`, body, async () => {
    const { episode } = await writableEpisode(tx, ctx, episodeId);
    await checkEvent(tx, ctx, episode, body.date, body.personIds);
    const now = isoNow(ctx.clock);
    const details: z.infer<typeof TimelineEventDetails> = { description: body.description ?? null, personIds: body.personIds ?? [], problemArea: body.problemArea ?? null, mood: body.mood ?? null };
    const row: TimelineEventTable = {
      id: newId(), organization_id: episode.organization_id, client_id: episode.client_id, episode_id: episode.id, event_date: body.date, kind: body.kind, title: body.title,
      details_json: JSON.stringify(details), status: 'active', archived_at: null, archived_by: null, archive_reason: null,
      created_at: now, created_by: actor.userId, updated_at: now, updated_by: actor.userId, version: 1,
    };
    await tx.insertInto('timeline_event').values(row).execute();
    await audit(tx, ctx, { action: 'create', entityType: ENTITY, entityId: row.id, clientId: episode.client_id });
    return { statusCode: 201, body: eventViewOf(row) };
  }));
}

async function loadForChange(tx: Tx, ctx: RequestContext, episodeId: string, eventId: string, version: number) {
  const { episode } = await writableEpisode(tx, ctx, episodeId);
  const current = await loadEvent(tx, episode, eventId);
  if (Number(current.version) !== version) throw staleVersion(ENTITY, Number(current.version));
  if (current.status === 'archived') throw new DomainError('conflict', 'This event is archived; archived entries are kept as they were.');
  return { episode, current };
}

async function saveEvent(tx: Tx, ctx: RequestContext, episode: EpisodeTable, current: TimelineEventTable, changes: Partial<TimelineEventTable>): Promise<TimelineEventTable> {
  const actor = requireActor(ctx);
  const version = Number(current.version);
  const next = { ...changes, updated_at: isoNow(ctx.clock), updated_by: actor.userId, version: version + 1 };
  const result = await tx.updateTable('timeline_event').set(next).where('organization_id', '=', episode.organization_id)
    .where('id', '=', current.id).where('version', '=', version).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion(ENTITY, version + 1);
  await insertRevision(tx, episode, { entityType: ENTITY, entityId: current.id, version, snapshot: eventViewOf(current), changedBy: current.updated_by, changedAt: current.updated_at });
  return { ...current, ...next };
}

/** Changes an event (If-Match); the replaced version is kept. */
export async function updateEvent(ctx: RequestContext, episodeId: string, eventId: string, version: number, body: TimelineEventUpdateBody): Promise<View> {
  return inTransaction(ctx, async (tx) => {
    const { episode, current } = await loadForChange(tx, ctx, episodeId, eventId, version);
    await checkEvent(tx, ctx, episode, body.date, body.personIds);
    const was = parseStored(TimelineEventDetails, current.details_json, ENTITY);
    const details: z.infer<typeof TimelineEventDetails> = {
      description: body.description !== undefined ? body.description : was.description, personIds: body.personIds ?? was.personIds,
      problemArea: body.problemArea !== undefined ? body.problemArea : was.problemArea, mood: body.mood !== undefined ? body.mood : was.mood,
    };
    const saved = await saveEvent(tx, ctx, episode, current, {
      event_date: body.date ?? current.event_date, title: body.title ?? current.title, kind: body.kind ?? current.kind, details_json: JSON.stringify(details),
    });
    await audit(tx, ctx, { action: 'update', entityType: ENTITY, entityId: eventId, clientId: episode.client_id });
    return eventViewOf(saved);
  });
}

/** Archives an event with a reason (If-Match); it leaves the timeline but stays on the record. */
export async function archiveEvent(ctx: RequestContext, episodeId: string, eventId: string, version: number, reason: string): Promise<View> {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    const { episode, current } = await loadForChange(tx, ctx, episodeId, eventId, version);
    const saved = await saveEvent(tx, ctx, episode, current, { status: 'archived', archived_at: isoNow(ctx.clock), archived_by: actor.userId, archive_reason: reason });
    await audit(tx, ctx, { action: 'delete', entityType: ENTITY, entityId: eventId, clientId: episode.client_id, reason: 'archived' });
    return eventViewOf(saved);
  });
}

/** Every version of an event, newest first. */
export async function eventHistory(ctx: RequestContext, episodeId: string, eventId: string) {
  return inTransaction(ctx, async (tx) => {
    const { episode } = await readableEpisode(tx, ctx, episodeId);
    const current = await loadEvent(tx, episode, eventId);
    await audit(tx, ctx, { action: 'read', entityType: ENTITY, entityId: eventId, clientId: episode.client_id, reason: 'history' });
    return versionHistory(tx, episode, ENTITY, eventId, TimelineEventView, {
      version: Number(current.version), changedAt: current.updated_at, changedBy: current.updated_by, snapshot: eventViewOf(current),
    });
  });
}
