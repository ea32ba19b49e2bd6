import type { z } from 'zod';
import { PsychoeducationRecord, type PsychoeducationBody, type PsychoeducationView } from '../../../contracts/initial-phase.contract';
import { audit } from '../../lib/audit';
import type { RequestContext } from '../../lib/context';
import { inTransaction } from '../../lib/transaction';
import { findRecord, recordHistory, recordMetaOf, saveRecord } from './episode-records';
import { assertNotFuture, readableEpisode, writableEpisode } from './initial-phase.repository';

const KIND = 'psychoeducation';
type View = z.infer<typeof PsychoeducationView>;

const EMPTY: z.infer<typeof PsychoeducationRecord> = {
  coveredOn: null, topics: [], details: null, clientResponse: null, sickRole: { status: 'not-yet', easedObligations: null, clientResponsibilities: null },
};

/**
 * What the client was told about depression and IPT, and the sick role they were given
 * (clinical-reference §4.4): the topics, the client's response and the date, kept as one record per
 * episode whose earlier versions stay in the history.
 */
export async function readPsychoeducation(ctx: RequestContext, episodeId: string): Promise<View> {
  return inTransaction(ctx, async (tx) => {
    const { episode } = await readableEpisode(tx, ctx, episodeId);
    const saved = await findRecord(tx, episode, KIND, PsychoeducationRecord);
    await audit(tx, ctx, { action: 'read', entityType: KIND, entityId: episodeId, clientId: episode.client_id });
    return { ...(saved?.payload ?? EMPTY), ...recordMetaOf(saved?.row) };
  });
}

/** Saves the record (If-Match; "0" for the first save). */
export async function savePsychoeducation(ctx: RequestContext, episodeId: string, version: number, body: z.infer<typeof PsychoeducationBody>): Promise<View> {
  return inTransaction(ctx, async (tx) => {
    const { episode } = await writableEpisode(tx, ctx, episodeId);
    assertNotFuture(ctx, body.coveredOn, 'coveredOn');
    const existing = await findRecord(tx, episode, KIND, PsychoeducationRecord);
    const payload: z.infer<typeof PsychoeducationRecord> = {
      coveredOn: body.coveredOn, topics: body.topics, details: body.details ?? null, clientResponse: body.clientResponse ?? null,
      sickRole: { status: body.sickRole.status, easedObligations: body.sickRole.easedObligations ?? null, clientResponsibilities: body.sickRole.clientResponsibilities ?? null },
    };
    const row = await saveRecord(tx, ctx, episode, KIND, version, existing, payload);
    await audit(tx, ctx, { action: existing ? 'update' : 'create', entityType: KIND, entityId: row.id, clientId: episode.client_id });
    return { ...payload, ...recordMetaOf(row) };
  });
}

/** Every saved version of the record, newest first. */
export async function psychoeducationHistory(ctx: RequestContext, episodeId: string) {
  return inTransaction(ctx, async (tx) => {
    const { episode } = await readableEpisode(tx, ctx, episodeId);
    await audit(tx, ctx, { action: 'read', entityType: KIND, entityId: episodeId, clientId: episode.client_id, reason: 'history' });
    return recordHistory(tx, episode, KIND, PsychoeducationRecord);
  });
}
