import type { z } from 'zod';
import {
  InventoryPersonDetails, InventoryPersonView, type InventoryPersonCreateBody, type InventoryPersonUpdateBody, type StatusQuery,
} from '../../../contracts/initial-phase.contract';
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
import type { InventoryPersonTable } from './initial-phase.table';
import { assertNotFuture, insertRevision, parseStored, readableEpisode, versionHistory, writableEpisode } from './initial-phase.repository';

const ENTITY = 'inventory-person';
type View = z.infer<typeof InventoryPersonView>;
const DETAIL_KEYS = Object.keys(InventoryPersonDetails.shape) as Array<keyof InventoryPersonDetails>;

/** The person as the API shows it: columns and details merged, nothing else of the row. */
export function personViewOf(row: InventoryPersonTable): View {
  const details = parseStored(InventoryPersonDetails, row.details_json, ENTITY);
  return {
    ...details, id: row.id, episodeId: row.episode_id, clientId: row.client_id, label: row.label, relationshipType: row.relationship_type as View['relationshipType'],
    deceased: row.died_on ? { diedOn: row.died_on } : null, status: row.status as View['status'], archivedAt: row.archived_at, archiveReason: row.archive_reason,
    createdAt: row.created_at, updatedAt: row.updated_at, updatedBy: row.updated_by, version: Number(row.version),
  };
}

/** Details from a request: a key left out keeps its current value (null on create), null clears it. */
function detailsFrom(body: Partial<Record<keyof InventoryPersonDetails, unknown>>, current: InventoryPersonDetails | undefined): InventoryPersonDetails {
  const merged: Record<string, unknown> = {};
  for (const key of DETAIL_KEYS) {
    const value = body[key];
    merged[key] = value !== undefined ? value : current ? current[key] : key === 'problemAreas' ? [] : null;
  }
  return InventoryPersonDetails.parse(merged);
}

async function loadPerson(db: Executor, episode: EpisodeTable, personId: string): Promise<InventoryPersonTable> {
  const row = await db.selectFrom('inventory_person').selectAll().where('organization_id', '=', episode.organization_id)
    .where('episode_id', '=', episode.id).where('id', '=', personId).executeTakeFirst();
  if (!row) throw notFound(ENTITY);
  return row;
}

/** The inventory of an episode: current people by default, archived ones on request. */
export async function listPeople(ctx: RequestContext, episodeId: string, query: z.infer<typeof StatusQuery>): Promise<{ items: View[] }> {
  return inTransaction(ctx, async (tx) => {
    const { episode } = await readableEpisode(tx, ctx, episodeId);
    let q = tx.selectFrom('inventory_person').selectAll().where('organization_id', '=', episode.organization_id).where('episode_id', '=', episode.id);
    if (query.status !== 'all') q = q.where('status', '=', query.status);
    const rows = await q.orderBy('created_at').orderBy('id').execute();
    await audit(tx, ctx, { action: 'query', entityType: ENTITY, clientId: episode.client_id });
    return { items: rows.map(personViewOf) };
  });
}

/** One person with the version to send back as If-Match. */
export async function readPerson(ctx: RequestContext, episodeId: string, personId: string): Promise<View> {
  return inTransaction(ctx, async (tx) => {
    const { episode } = await readableEpisode(tx, ctx, episodeId);
    const row = await loadPerson(tx, episode, personId);
    await audit(tx, ctx, { action: 'read', entityType: ENTITY, entityId: personId, clientId: episode.client_id });
    return personViewOf(row);
  });
}

/** Adds a person to the inventory (Idempotency-Key: a retried request adds nobody twice). */
export async function createPerson(ctx: RequestContext, episodeId: string, body: z.infer<typeof InventoryPersonCreateBody>, idempotencyKey: string | undefined): Promise<StoredResponse<View>> {
  const actor = requireActor(ctx);
  return inTransaction(ctx, (tx) => withIdempotency(tx, ctx, idempotencyKey, `POST /api/v1/episodes/${episodeId}/inventory`, body, async () => {
    const { episode } = await writableEpisode(tx, ctx, episodeId);
    assertNotFuture(ctx, body.deceased?.diedOn, 'deceased.diedOn');
    const now = isoNow(ctx.clock);
    const row: InventoryPersonTable = {
      id: newId(), organization_id: episode.organization_id, client_id: episode.client_id, episode_id: episode.id, label: body.label, relationship_type: body.relationshipType,
      died_on: body.deceased?.diedOn ?? null, details_json: JSON.stringify(detailsFrom(body, undefined)), status: 'active', archived_at: null, archived_by: null, archive_reason: null,
      created_at: now, created_by: actor.userId, updated_at: now, updated_by: actor.userId, version: 1,
    };
    await tx.insertInto('inventory_person').values(row).execute();
    await audit(tx, ctx, { action: 'create', entityType: ENTITY, entityId: row.id, clientId: episode.client_id });
    return { statusCode: 201, body: personViewOf(row) };
  }));
}

/** Writes a new version of a person, keeping the one it replaces as a revision. */
async function savePerson(tx: Tx, ctx: RequestContext, episode: EpisodeTable, current: InventoryPersonTable, changes: Partial<InventoryPersonTable>): Promise<InventoryPersonTable> {
  const actor = requireActor(ctx);
  const version = Number(current.version);
  const next = { ...changes, updated_at: isoNow(ctx.clock), updated_by: actor.userId, version: version + 1 };
  const result = await tx.updateTable('inventory_person').set(next).where('organization_id', '=', episode.organization_id)
    .where('id', '=', current.id).where('version', '=', version).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion(ENTITY, version + 1);
  await insertRevision(tx, episode, { entityType: ENTITY, entityId: current.id, version, snapshot: personViewOf(current), changedBy: current.updated_by, changedAt: current.updated_at });
  return { ...current, ...next };
}

async function loadForChange(tx: Tx, ctx: RequestContext, episodeId: string, personId: string, version: number) {
  const { episode } = await writableEpisode(tx, ctx, episodeId);
  const current = await loadPerson(tx, episode, personId);
  if (Number(current.version) !== version) throw staleVersion(ENTITY, Number(current.version));
  if (current.status === 'archived') throw new DomainError('conflict', 'This person is archived; archived entries are kept as they were.');
  return { episode, current };
}

/** Changes a person (If-Match); fields left out stay as they are, null clears a field. */
export async function updatePerson(ctx: RequestContext, episodeId: string, personId: string, version: number, body: InventoryPersonUpdateBody): Promise<View> {
  return inTransaction(ctx, async (tx) => {
    const { episode, current } = await loadForChange(tx, ctx, episodeId, personId, version);
    if (body.deceased) assertNotFuture(ctx, body.deceased.diedOn, 'deceased.diedOn');
    const details = detailsFrom(body, parseStored(InventoryPersonDetails, current.details_json, ENTITY));
    const saved = await savePerson(tx, ctx, episode, current, {
      label: body.label ?? current.label, relationship_type: body.relationshipType ?? current.relationship_type,
      died_on: body.deceased === undefined ? current.died_on : body.deceased?.diedOn ?? null, details_json: JSON.stringify(details),
    });
    await audit(tx, ctx, { action: 'update', entityType: ENTITY, entityId: personId, clientId: episode.client_id });
    return personViewOf(saved);
  });
}

/** Archives a person with a reason (If-Match): the entry and its history stay on the record. */
export async function archivePerson(ctx: RequestContext, episodeId: string, personId: string, version: number, reason: string): Promise<View> {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    const { episode, current } = await loadForChange(tx, ctx, episodeId, personId, version);
    const saved = await savePerson(tx, ctx, episode, current, { status: 'archived', archived_at: isoNow(ctx.clock), archived_by: actor.userId, archive_reason: reason });
    await audit(tx, ctx, { action: 'delete', entityType: ENTITY, entityId: personId, clientId: episode.client_id, reason: 'archived' });
    return personViewOf(saved);
  });
}

/** Every version of a person, newest first. */
export async function personHistory(ctx: RequestContext, episodeId: string, personId: string) {
  return inTransaction(ctx, async (tx) => {
    const { episode } = await readableEpisode(tx, ctx, episodeId);
    const current = await loadPerson(tx, episode, personId);
    await audit(tx, ctx, { action: 'read', entityType: ENTITY, entityId: personId, clientId: episode.client_id, reason: 'history' });
    return versionHistory(tx, episode, ENTITY, personId, InventoryPersonView, {
      version: Number(current.version), changedAt: current.updated_at, changedBy: current.updated_by, snapshot: personViewOf(current),
    });
  });
}
