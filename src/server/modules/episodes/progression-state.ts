import type { ProgressionState } from '../../../domain/protocols/progression-state';
import type { PhaseId } from '../../../domain/protocols/protocol-definition';
import type { Executor } from '../../db/database';
import type { EpisodeTable } from './episodes.table';
import { countUnreviewedTasks } from '../middle-phase/middle-phase.repository';

/**
 * Gathers what the progression rules need from the record: sessions attended (overall and in the
 * current phase), whether the focus was agreed and the ending raised, when each measure was last
 * given, and whether a risk flag is open. With `beforeSessionNumber`, only what came before that session
 * counts (to plan that session's agenda).
 */
export async function progressionStateOf(db: Executor, episode: EpisodeTable, beforeSessionNumber?: number): Promise<ProgressionState> {
  const sessions = await db.selectFrom('therapy_session').select(['id', 'number', 'attendance'])
    .where('organization_id', '=', episode.organization_id).where('episode_id', '=', episode.id).execute();
  const measures = await db.selectFrom('questionnaire_response').select(['instrument_id', 'session_id'])
    .where('organization_id', '=', episode.organization_id).where('episode_id', '=', episode.id).execute();
  const openFlag = await db.selectFrom('risk_flag').select('id').where('organization_id', '=', episode.organization_id)
    .where('client_id', '=', episode.client_id).where('status', '=', 'open').executeTakeFirst();
  const unreviewedTasks = await countUnreviewedTasks(db, episode.organization_id, episode.id);
  return progressionStateFrom(episode, { sessions, measures, openRiskFlag: openFlag !== undefined, unreviewedTasks }, beforeSessionNumber);
}

/** What progressionStateFrom needs, for callers that have already loaded it (the episode page). */
export interface ProgressionRecord {
  sessions: ReadonlyArray<{ id: string; number: number; attendance: string }>;
  measures: ReadonlyArray<{ instrument_id: string; session_id: string | null }>;
  openRiskFlag: boolean;
  unreviewedTasks: number;
}

/** The progression state from rows already loaded (see progressionStateOf). */
export function progressionStateFrom(episode: EpisodeTable, record: ProgressionRecord, beforeSessionNumber?: number): ProgressionState {
  const sessions = record.sessions.filter((s) => beforeSessionNumber === undefined || Number(s.number) < beforeSessionNumber);
  // The protocol counts sessions held: a measure given at the 3rd attended session counts as given at
  // session 3, whatever number a cancelled appointment took in between.
  const attended = sessions.filter((s) => s.attendance === 'attended').sort((a, b) => Number(a.number) - Number(b.number));
  const numberById = new Map(attended.map((s, index) => [s.id, index + 1]));
  const lastMeasureSessionByInstrument: Record<string, number> = {};
  for (const m of record.measures) {
    const n = m.session_id ? numberById.get(m.session_id) : undefined;
    if (n !== undefined) lastMeasureSessionByInstrument[m.instrument_id] = Math.max(lastMeasureSessionByInstrument[m.instrument_id] ?? 0, n);
  }
  return {
    contractedSessions: Number(episode.contracted_sessions),
    sessionsHeld: attended.length,
    currentPhase: episode.current_phase as PhaseId,
    sessionsHeldInCurrentPhase: Math.min(attended.length, attended.filter((s) => Number(s.number) >= Number(episode.phase_started_session)).length),
    formulationAgreed: episode.formulation_agreed_at !== null,
    terminationDiscussed: episode.termination_discussed_at !== null,
    lastMeasureSessionByInstrument,
    openRiskFlag: record.openRiskFlag,
    unreviewedTasks: record.unreviewedTasks,
  };
}
