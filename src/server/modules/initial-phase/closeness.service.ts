import { compareCloseness } from '../../../domain/termination/progress-review';
import { z } from 'zod';
import { ClosenessPlacement, type ClosenessListView, type ClosenessSnapshotBody, type ClosenessSnapshotView } from '../../../contracts/initial-phase.contract';
import { DomainError } from '../../../domain/errors';
import type { Executor } from '../../db/database';
import { audit } from '../../lib/audit';
import { isoNow, newId } from '../../lib/clock';
import { requireActor, type RequestContext } from '../../lib/context';
import { withIdempotency, type StoredResponse } from '../../lib/idempotency';
import { inTransaction } from '../../lib/transaction';
import type { EpisodeTable } from '../episodes/episodes.table';
import type { ClosenessSnapshotTable } from './initial-phase.table';
import { assertNotFuture, assertPeopleOfEpisode, parseStored, readableEpisode, writableEpisode } from './initial-phase.repository';

const ENTITY = 'closeness-snapshot';
const Placements = z.array(ClosenessPlacement);
type List = z.infer<typeof ClosenessListView>;

/** The episode's snapshots, oldest first (by date). */
export function snapshotsOf(db: Executor, episode: EpisodeTable): Promise<ClosenessSnapshotTable[]> {
  return db.selectFrom('closeness_snapshot').selectAll().where('organization_id', '=', episode.organization_id).where('episode_id', '=', episode.id)
    .orderBy('taken_on').orderBy('created_at').execute();
}

/** The stored placements of a snapshot. */
export function placementsOf(row: ClosenessSnapshotTable): Array<z.infer<typeof ClosenessPlacement>> {
  return parseStored(Placements, row.placements_json, ENTITY);
}

async function peopleById(db: Executor, episode: EpisodeTable) {
  const rows = await db.selectFrom('inventory_person').select(['id', 'label', 'relationship_type']).where('organization_id', '=', episode.organization_id)
    .where('episode_id', '=', episode.id).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

function viewOf(row: ClosenessSnapshotTable, people: Map<string, { label: string; relationship_type: string }>): ClosenessSnapshotView {
  return {
    id: row.id, episodeId: row.episode_id, takenOn: row.taken_on, label: row.label as ClosenessSnapshotView['label'], rings: Number(row.rings),
    placements: placementsOf(row).map((p) => ({ ...p, label: people.get(p.personId)?.label ?? '', relationshipType: people.get(p.personId)?.relationship_type ?? '' })),
    note: row.note, createdAt: row.created_at, createdBy: row.created_by,
  };
}

/** The intake snapshot (else the earliest) against the latest, by the domain rule the progress review uses too. */
function compare(items: ClosenessSnapshotView[]): List['comparison'] {
  const review = compareCloseness(items);
  return review ? { fromSnapshotId: review.from.id, toSnapshotId: review.to.id, people: review.people } : null;
}

/** The snapshots of an episode with the intake-to-latest comparison. */
export async function listSnapshots(ctx: RequestContext, episodeId: string): Promise<List> {
  return inTransaction(ctx, async (tx) => {
    const { episode } = await readableEpisode(tx, ctx, episodeId);
    const people = await peopleById(tx, episode);
    const items = (await snapshotsOf(tx, episode)).map((row) => viewOf(row, people));
    await audit(tx, ctx, { action: 'query', entityType: ENTITY, clientId: episode.client_id });
    return { items, comparison: compare(items) };
  });
}

/**
 * Records a dated snapshot. It never changes afterwards; a later picture is a new snapshot with
 * its own date (one per date). Every placed person must be a current person of the inventory.
 */
export async function createSnapshot(ctx: RequestContext, episodeId: string, body: z.infer<typeof ClosenessSnapshotBody>, idempotencyKey: string | undefined): Promise<StoredResponse<ClosenessSnapshotView>> {
  const actor = requireActor(ctx);
  return inTransaction(ctx, (tx) => withIdempotency(tx, ctx, idempotencyKey, `POST /api/v1/episodes/${episodeId}/closeness-circles`, body, async () => {
    const { episode } = await writableEpisode(tx, ctx, episodeId);
    assertNotFuture(ctx, body.takenOn, 'takenOn');
    await assertPeopleOfEpisode(tx, episode, body.placements.map((p) => p.personId), (i) => `placements.${i}.personId`);
    const seen = new Set<string>();
    body.placements.forEach((p, i) => {
      if (seen.has(p.personId)) throw new DomainError('validation', 'is placed twice on this circle', { field: `placements.${i}.personId` });
      seen.add(p.personId);
      if (p.ring > body.rings) throw new DomainError('validation', `must be a ring from 1 to ${body.rings}`, { field: `placements.${i}.ring` });
    });
    const row: ClosenessSnapshotTable = {
      id: newId(), organization_id: episode.organization_id, client_id: episode.client_id, episode_id: episode.id, taken_on: body.takenOn, label: body.label,
      rings: body.rings, placements_json: JSON.stringify(body.placements.map((p) => ({ personId: p.personId, ring: p.ring }))), note: body.note ?? null,
      created_at: isoNow(ctx.clock), created_by: actor.userId,
    };
    const result = await tx.insertInto('closeness_snapshot').values(row).onConflict((oc) => oc.columns(['episode_id', 'taken_on']).doNothing()).executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) throw new DomainError('conflict', 'There is already a closeness circle for this date; snapshots do not change, so choose another date.', { field: 'takenOn' });
    await audit(tx, ctx, { action: 'create', entityType: ENTITY, entityId: row.id, clientId: episode.client_id });
    return { statusCode: 201, body: viewOf(row, await peopleById(tx, episode)) };
  }));
}
