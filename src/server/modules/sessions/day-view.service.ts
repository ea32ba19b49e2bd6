import type { z } from 'zod';
import type { DayView } from '../../../contracts/sessions.contract';
import { planNextSession } from '../../../domain/protocols/progression';
import { audit } from '../../lib/audit';
import { requireActor, type RequestContext } from '../../lib/context';
import { inTransaction } from '../../lib/transaction';
import { effectiveProtocol } from '../episodes/episodes.service';
import { progressionStateOf } from '../episodes/progression-state';

/**
 * A clinician's day: the sessions on that date with what is due in each, notes still unsigned, and
 * active episodes whose measures are overdue. Only the clinician's own caseload.
 */
export async function dayView(ctx: RequestContext, date: string, tzOffsetMinutes = 0): Promise<z.infer<typeof DayView>> {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    // Local midnight to midnight: UTC+2 (offset 120) starts the day two hours before UTC midnight.
    const start = new Date(Date.parse(`${date}T00:00:00.000Z`) - tzOffsetMinutes * 60_000).toISOString();
    const end = new Date(Date.parse(start) + 86_400_000).toISOString();
    const mine = tx.selectFrom('therapy_session').innerJoin('client', 'client.id', 'therapy_session.client_id')
      .where('therapy_session.organization_id', '=', actor.organizationId).where('client.clinician_id', '=', actor.userId);
    const today = await mine.select(['therapy_session.id', 'therapy_session.episode_id', 'therapy_session.client_id', 'client.display_name', 'therapy_session.number',
      'therapy_session.starts_at', 'therapy_session.attendance', 'therapy_session.phase', 'therapy_session.note_status'])
      .where('therapy_session.starts_at', '>=', start).where('therapy_session.starts_at', '<', end).orderBy('therapy_session.starts_at').execute();
    const unsigned = await mine.select(['therapy_session.id', 'therapy_session.episode_id', 'client.display_name', 'therapy_session.number', 'therapy_session.starts_at'])
      .where('therapy_session.note_status', '=', 'draft').where('therapy_session.attendance', '!=', 'scheduled').orderBy('therapy_session.starts_at').limit(200).execute();
    const flags = await tx.selectFrom('risk_flag').select(['client_id']).select((eb) => eb.fn.countAll().as('n')).where('organization_id', '=', actor.organizationId).where('status', '=', 'open').groupBy('client_id').execute();
    const flagsBy = new Map(flags.map((f) => [f.client_id, Number(f.n)]));
    const episodes = await tx.selectFrom('episode').innerJoin('client', 'client.id', 'episode.client_id').selectAll('episode').select('client.display_name as client_name')
      .where('episode.organization_id', '=', actor.organizationId).where('client.clinician_id', '=', actor.userId).where('episode.status', '=', 'active').limit(500).execute();
    const overdueMeasures: z.infer<typeof DayView>['overdueMeasures'] = [];
    for (const { client_name, ...episode } of episodes) {
      const plan = planNextSession(await effectiveProtocol(tx, episode), await progressionStateOf(tx, episode));
      for (const m of plan.measuresDue.filter((d) => d.overdue)) overdueMeasures.push({ episodeId: episode.id, clientName: client_name, instrumentId: m.instrumentId, lastGivenAtSession: m.lastGivenAtSession ?? null });
    }
    const given = today.length === 0 ? [] : await tx.selectFrom('questionnaire_response').select(['session_id', 'instrument_id'])
      .where('organization_id', '=', actor.organizationId).where('session_id', 'in', today.map((s) => s.id)).execute();
    const dueIn = async (s: (typeof today)[number]): Promise<string[]> => {
      const episode = await tx.selectFrom('episode').selectAll().where('organization_id', '=', actor.organizationId).where('id', '=', s.episode_id).executeTakeFirstOrThrow();
      if (s.note_status === 'signed' || episode.status !== 'active') return [];
      const done = new Set(given.filter((g) => g.session_id === s.id).map((g) => g.instrument_id));
      return planNextSession(await effectiveProtocol(tx, episode), await progressionStateOf(tx, episode, Number(s.number))).measuresDue.map((m) => m.instrumentId).filter((id) => !done.has(id));
    };
    const dueBySession = new Map(await Promise.all(today.map(async (s) => [s.id, await dueIn(s)] as const)));
    await audit(tx, ctx, { action: 'query', entityType: 'day-view' });
    return {
      date,
      sessions: today.map((s) => ({
        id: s.id, episodeId: s.episode_id, clientId: s.client_id, clientName: s.display_name, number: Number(s.number), startsAt: s.starts_at, attendance: s.attendance,
        phase: s.phase, noteStatus: s.note_status, openRiskFlags: flagsBy.get(s.client_id) ?? 0,
        measuresDue: dueBySession.get(s.id) ?? [],
      })),
      unsignedNotes: unsigned.map((s) => ({ id: s.id, episodeId: s.episode_id, clientName: s.display_name, number: Number(s.number), startsAt: s.starts_at })),
      overdueMeasures,
    };
  });
}
