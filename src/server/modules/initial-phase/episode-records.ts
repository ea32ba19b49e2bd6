import type { z } from 'zod';
import type { Executor, Tx } from '../../db/database';
import { isoNow, newId } from '../../lib/clock';
import { requireActor, type RequestContext } from '../../lib/context';
import { staleVersion } from '../../lib/versioning';
import type { EpisodeTable } from '../episodes/episodes.table';
import type { InitialPhaseRecordTable } from './initial-phase.table';
import { insertRevision, parseStored, versionHistory } from './initial-phase.repository';

/** The records an episode has at most one of; each kind is also its entity type in audit and history. */
export type RecordKind = 'onset' | 'diagnosis-checklist' | 'psychoeducation' | 'formulation' | 'treatment-contract';

/** A record as read: its payload parsed against the kind's schema, with version and authorship. */
export interface LoadedRecord<T> {
  row: InitialPhaseRecordTable;
  payload: T;
}

/** The saved record of a kind, or undefined while the episode has none (its version is then 0). */
export async function findRecord<T extends z.ZodType>(db: Executor, episode: EpisodeTable, kind: RecordKind, schema: T): Promise<LoadedRecord<z.infer<T>> | undefined> {
  const row = await db.selectFrom('initial_phase_record').selectAll().where('organization_id', '=', episode.organization_id)
    .where('episode_id', '=', episode.id).where('kind', '=', kind).executeTakeFirst();
  return row ? { row, payload: parseStored(schema, row.payload_json, kind) } : undefined;
}

/** The metadata every record view carries; version 0 means "not saved yet". */
export function recordMetaOf(row: InitialPhaseRecordTable | undefined) {
  return row
    ? { saved: true, version: Number(row.version), updatedAt: row.updated_at, updatedBy: row.updated_by }
    : { saved: false, version: 0, updatedAt: null, updatedBy: null };
}

/**
 * Saves a record at the version the caller read (If-Match): 0 creates it, anything else updates it,
 * keeping the replaced version in the revision table. A stale or concurrent write answers 412 with
 * the current version; two first saves racing cannot both win (unique episode and kind).
 */
export async function saveRecord<T>(tx: Tx, ctx: RequestContext, episode: EpisodeTable, kind: RecordKind, expectedVersion: number, existing: LoadedRecord<T> | undefined, payload: T): Promise<InitialPhaseRecordTable> {
  const actor = requireActor(ctx);
  const now = isoNow(ctx.clock);
  const payload_json = JSON.stringify(payload);
  if (!existing) {
    if (expectedVersion !== 0) throw staleVersion(kind, 0);
    const row: InitialPhaseRecordTable = {
      id: newId(), organization_id: episode.organization_id, client_id: episode.client_id, episode_id: episode.id, kind, payload_json,
      created_at: now, created_by: actor.userId, updated_at: now, updated_by: actor.userId, version: 1,
    };
    const result = await tx.insertInto('initial_phase_record').values(row).onConflict((oc) => oc.columns(['episode_id', 'kind']).doNothing()).executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) throw staleVersion(kind, 1);
    return row;
  }
  const version = Number(existing.row.version);
  if (version !== expectedVersion) throw staleVersion(kind, version);
  const result = await tx.updateTable('initial_phase_record').set({ payload_json, updated_at: now, updated_by: actor.userId, version: version + 1 })
    .where('organization_id', '=', episode.organization_id).where('id', '=', existing.row.id).where('version', '=', version).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion(kind, version + 1);
  await insertRevision(tx, episode, { entityType: kind, entityId: existing.row.id, version, snapshot: existing.payload, changedBy: existing.row.updated_by, changedAt: existing.row.updated_at });
  return { ...existing.row, payload_json, updated_at: now, updated_by: actor.userId, version: version + 1 };
}

/** Every saved version of a record, newest first (empty while it was never saved). */
export async function recordHistory<T extends z.ZodType>(db: Executor, episode: EpisodeTable, kind: RecordKind, schema: T) {
  const existing = await findRecord(db, episode, kind, schema);
  if (!existing) return { items: [] };
  return versionHistory(db, episode, kind, existing.row.id, schema, {
    version: Number(existing.row.version), changedAt: existing.row.updated_at, changedBy: existing.row.updated_by, snapshot: existing.payload,
  });
}
