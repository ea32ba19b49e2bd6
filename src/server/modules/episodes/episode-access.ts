import type { Executor } from '../../db/database';
import { reusableQuery } from '../../db/reusable-query';
import { authorizeOnClient } from '../clients/client-access';
import { notFound } from '../../lib/authorize';
import { requireActor, type RequestContext } from '../../lib/context';
import type { EpisodeTable } from './episodes.table';

export interface EpisodeWithClient {
  episode: EpisodeTable;
  client: { id: string; display_name: string; clinician_id: string; status: string };
}

// Read on every request about an episode: built once (db/reusable-query.ts).
const episodeWithClient = reusableQuery<{ organizationId: string; episodeId: string }, EpisodeTable & { client_name: string; client_clinician_id: string; client_status: string }>(
  ['organizationId', 'episodeId'], (db, p) => db.selectFrom('episode').innerJoin('client', 'client.id', 'episode.client_id')
    .selectAll('episode').select(['client.display_name as client_name', 'client.clinician_id as client_clinician_id', 'client.status as client_status'])
    .where('episode.organization_id', '=', p.organizationId).where('episode.id', '=', p.episodeId));

/**
 * Loads an episode scoped by organization and checks access through its client: whoever may read
 * (or change) the client record may read (or change) its treatment. Refusals look like "not found".
 */
export async function loadAuthorizedEpisode(tx: Executor, ctx: RequestContext, episodeId: string, action: 'client.read' | 'client.update'): Promise<EpisodeWithClient> {
  const actor = requireActor(ctx);
  const [row] = await episodeWithClient(tx, { organizationId: actor.organizationId, episodeId });
  if (!row) throw notFound('episode');
  const { client_name, client_clinician_id, client_status, ...episode } = row;
  await authorizeOnClient(tx, ctx, action, { clientId: episode.client_id, clinicianId: client_clinician_id }, { entityType: 'episode', entityId: episodeId });
  return { episode, client: { id: episode.client_id, display_name: client_name, clinician_id: client_clinician_id, status: client_status } };
}
