import type { z } from 'zod';
import { OnsetRecord, type OnsetBody, type OnsetView, type TimelineView } from '../../../contracts/initial-phase.contract';
import type { Executor } from '../../db/database';
import { audit } from '../../lib/audit';
import type { RequestContext } from '../../lib/context';
import { inTransaction } from '../../lib/transaction';
import type { EpisodeTable } from '../episodes/episodes.table';
import { findRecord, recordHistory, recordMetaOf, saveRecord } from './episode-records';
import { assertNotFuture, readableEpisode, writableEpisode } from './initial-phase.repository';
import { activeEventsOf, eventViewOf } from './timeline.service';

const KIND = 'onset';
type Onset = z.infer<typeof OnsetView>;

/** When the current problems began: the marker the timeline and the suggestion rules measure from. */
export async function onsetOf(db: Executor, episode: EpisodeTable): Promise<Onset> {
  const found = await findRecord(db, episode, KIND, OnsetRecord);
  return { ...(found?.payload ?? { onsetDate: null, note: null }), ...recordMetaOf(found?.row) };
}

/** The onset record (version 0 and ETag "0" until it is first saved). */
export async function readOnset(ctx: RequestContext, episodeId: string): Promise<Onset> {
  return inTransaction(ctx, async (tx) => {
    const { episode } = await readableEpisode(tx, ctx, episodeId);
    await audit(tx, ctx, { action: 'read', entityType: KIND, entityId: episodeId, clientId: episode.client_id });
    return onsetOf(tx, episode);
  });
}

/** Sets or clears the onset date (If-Match; "0" for the first save). */
export async function saveOnset(ctx: RequestContext, episodeId: string, version: number, body: z.infer<typeof OnsetBody>): Promise<Onset> {
  return inTransaction(ctx, async (tx) => {
    const { episode } = await writableEpisode(tx, ctx, episodeId);
    assertNotFuture(ctx, body.onsetDate, 'onsetDate');
    const existing = await findRecord(tx, episode, KIND, OnsetRecord);
    const payload: z.infer<typeof OnsetRecord> = { onsetDate: body.onsetDate, note: body.note ?? null };
    const row = await saveRecord(tx, ctx, episode, KIND, version, existing, payload);
    await audit(tx, ctx, { action: existing ? 'update' : 'create', entityType: KIND, entityId: row.id, clientId: episode.client_id });
    return { ...payload, ...recordMetaOf(row) };
  });
}

/** Every saved onset date, newest first: a revised onset stays on the record. */
export async function onsetHistory(ctx: RequestContext, episodeId: string) {
  return inTransaction(ctx, async (tx) => {
    const { episode } = await readableEpisode(tx, ctx, episodeId);
    await audit(tx, ctx, { action: 'read', entityType: KIND, entityId: episodeId, clientId: episode.client_id, reason: 'history' });
    return recordHistory(tx, episode, KIND, OnsetRecord);
  });
}

function moodOf(noteJson: string): number | null {
  try {
    const mood = (JSON.parse(noteJson) as { moodRating?: unknown }).moodRating;
    return typeof mood === 'number' && Number.isFinite(mood) ? mood : null;
  } catch {
    return null;
  }
}

/**
 * The timeline to plot: the events, the onset marker, the mood ratings of the session notes and
 * every questionnaire total of the episode, so events can be read against mood and scores.
 */
export async function readTimeline(ctx: RequestContext, episodeId: string): Promise<z.infer<typeof TimelineView>> {
  return inTransaction(ctx, async (tx) => {
    const { episode } = await readableEpisode(tx, ctx, episodeId);
    const [onset, events, sessions, responses] = await Promise.all([
      onsetOf(tx, episode),
      activeEventsOf(tx, episode),
      tx.selectFrom('therapy_session').select(['id', 'number', 'starts_at', 'note_json']).where('organization_id', '=', episode.organization_id)
        .where('episode_id', '=', episode.id).orderBy('starts_at').execute(),
      tx.selectFrom('questionnaire_response').select(['id', 'instrument_id', 'administered_at', 'total', 'severity_code', 'session_id'])
        .where('organization_id', '=', episode.organization_id).where('episode_id', '=', episode.id).orderBy('administered_at').execute(),
    ]);
    await audit(tx, ctx, { action: 'read', entityType: 'timeline', entityId: episodeId, clientId: episode.client_id });
    return {
      episodeStart: episode.start_date,
      onset,
      events: events.map(eventViewOf),
      moodPoints: sessions.flatMap((s) => {
        const mood = moodOf(s.note_json);
        return mood === null ? [] : [{ sessionId: s.id, sessionNumber: Number(s.number), date: s.starts_at.slice(0, 10), mood }];
      }),
      scores: responses.map((r) => ({
        responseId: r.id, instrumentId: r.instrument_id, date: r.administered_at.slice(0, 10), total: r.total === null ? null : Number(r.total), severityCode: r.severity_code, sessionId: r.session_id,
      })),
    };
  });
}
