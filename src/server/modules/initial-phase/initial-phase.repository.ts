import { sql } from 'kysely';
import type { z } from 'zod';
import { DomainError } from '../../../domain/errors';
import type { Executor, Tx } from '../../db/database';
import { isoNow, newId } from '../../lib/clock';
import type { RequestContext } from '../../lib/context';
import { loadAuthorizedEpisode, type EpisodeWithClient } from '../episodes/episode-access';
import type { EpisodeTable } from '../episodes/episodes.table';
import type { InventoryPersonTable } from './initial-phase.table';

const OPEN_STATUSES = ['planned', 'active'];

/** An episode the caller may read (refusal = 404, audited as a denial). */
export function readableEpisode(tx: Executor, ctx: RequestContext, episodeId: string): Promise<EpisodeWithClient> {
  return loadAuthorizedEpisode(tx, ctx, episodeId, 'client.read');
}

/**
 * An episode the caller may change, still open: the initial-phase records of an ended episode are
 * part of the closed record and no longer change (409).
 */
export async function writableEpisode(tx: Executor, ctx: RequestContext, episodeId: string): Promise<EpisodeWithClient> {
  const loaded = await loadAuthorizedEpisode(tx, ctx, episodeId, 'client.update');
  if (!OPEN_STATUSES.includes(loaded.episode.status)) throw new DomainError('conflict', 'This episode has ended; its initial-phase records can no longer be changed.');
  return loaded;
}

/** Parses JSON stored by this module against its schema: damaged data fails loudly, never silently. */
export function parseStored<T extends z.ZodType>(schema: T, json: string, what: string): z.infer<T> {
  const parsed = schema.safeParse(JSON.parse(json));
  if (!parsed.success) throw new Error(`stored ${what} does not match its schema: ${parsed.error.message}`);
  return parsed.data;
}

/** Refuses a date after today (the clock's UTC date): events, deaths and snapshots are in the past. */
export function assertNotFuture(ctx: RequestContext, date: string | null | undefined, field: string): void {
  if (date && date > isoNow(ctx.clock).slice(0, 10)) throw new DomainError('validation', 'is in the future', { field });
}

/** Stores the version of a record that an update is about to replace, as it stood and who made it. */
export async function insertRevision(tx: Tx, episode: EpisodeTable, input: { entityType: string; entityId: string; version: number; snapshot: unknown; changedBy: string; changedAt: string }): Promise<void> {
  await tx.insertInto('record_revision').values({
    id: newId(), organization_id: episode.organization_id, client_id: episode.client_id, episode_id: episode.id, entity_type: input.entityType, entity_id: input.entityId,
    version: input.version, snapshot_json: JSON.stringify(input.snapshot), changed_by: input.changedBy, changed_at: input.changedAt,
  }).execute();
}

/** Display names of users of one organization, for "changed by" columns. */
export async function namesOf(db: Executor, organizationId: string, ids: ReadonlyArray<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('app_user').select(['id', 'name']).where('organization_id', '=', organizationId).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Every version of a record, newest first: the current one (from the record itself) and the earlier
 * ones from the revision table, each parsed against the snapshot schema.
 */
export async function versionHistory<T extends z.ZodType>(db: Executor, episode: EpisodeTable, entityType: string, entityId: string, schema: T,
  current: { version: number; changedAt: string; changedBy: string; snapshot: z.infer<T> }) {
  const rows = await db.selectFrom('record_revision').selectAll().where('organization_id', '=', episode.organization_id)
    .where('episode_id', '=', episode.id).where('entity_type', '=', entityType).where('entity_id', '=', entityId).orderBy('version', 'desc').execute();
  const names = await namesOf(db, episode.organization_id, [current.changedBy, ...rows.map((r) => r.changed_by)]);
  return {
    items: [
      { ...current, changedByName: names.get(current.changedBy) ?? null, current: true },
      ...rows.map((r) => ({
        version: Number(r.version), changedAt: r.changed_at, changedBy: r.changed_by, changedByName: names.get(r.changed_by) ?? null, current: false,
        snapshot: parseStored(schema, r.snapshot_json, `${entityType} revision`),
      })),
    ],
  };
}

/**
 * Changes milestone columns of the episode from one of these tools, in the caller's transaction. The
 * version is incremented in SQL (version + 1), so a concurrent change of the episode is never lost.
 * Answers the episode as it now stands.
 */
export async function changeEpisode(tx: Tx, ctx: RequestContext, episode: EpisodeTable, changes: Partial<Pick<EpisodeTable, 'formulation_agreed_at' | 'contracted_sessions' | 'schedule' | 'session_length_minutes'>>): Promise<EpisodeTable> {
  if (Object.keys(changes).length === 0) return episode;
  await tx.updateTable('episode').set({ ...changes, updated_at: isoNow(ctx.clock), version: sql<number>`version + 1` })
    .where('organization_id', '=', episode.organization_id).where('id', '=', episode.id).execute();
  return tx.selectFrom('episode').selectAll().where('organization_id', '=', episode.organization_id).where('id', '=', episode.id).executeTakeFirstOrThrow();
}

/** The episode's inventory people that are not archived. */
export function activePeopleOf(db: Executor, episode: EpisodeTable): Promise<InventoryPersonTable[]> {
  return db.selectFrom('inventory_person').selectAll().where('organization_id', '=', episode.organization_id).where('episode_id', '=', episode.id)
    .where('status', '=', 'active').orderBy('created_at').execute();
}

/**
 * Checks that every id names a current inventory person of this episode; answers them by id. A
 * wrong id is a 400 naming its place in the request (e.g. `placements.2.personId`).
 */
export async function assertPeopleOfEpisode(db: Executor, episode: EpisodeTable, ids: readonly string[], fieldOf: (index: number) => string): Promise<Map<string, InventoryPersonTable>> {
  const people = new Map((await activePeopleOf(db, episode)).map((p) => [p.id, p]));
  ids.forEach((id, index) => {
    if (!people.has(id)) throw new DomainError('validation', 'is not a person in this episode\'s interpersonal inventory', { field: fieldOf(index) });
  });
  return people;
}

/** Attended sessions of an episode (the protocol counts sessions held). */
export async function sessionsHeldOf(db: Executor, episode: EpisodeTable): Promise<number> {
  const rows = await db.selectFrom('therapy_session').select('id').where('organization_id', '=', episode.organization_id).where('episode_id', '=', episode.id)
    .where('attendance', '=', 'attended').execute();
  return rows.length;
}
