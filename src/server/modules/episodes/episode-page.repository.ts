import type { Executor } from '../../db/database';
import { byText, jsonRows, rowsOfJson } from '../../db/json-rows';
import { reusableQuery } from '../../db/reusable-query';
import type { QuestionnaireResponseTable } from '../measures/measures.table';
import type { RiskFlagTable } from '../risk/risk.table';
import type { TherapySessionTable } from '../sessions/sessions.table';
import type { EpisodeMedicationTable, PhaseChangeTable } from './episodes.table';

/** The columns of each list the episode page shows (explicit: SQLite's JSON rows need names). */
export type PageMedication = Pick<EpisodeMedicationTable, 'id' | 'name' | 'dose' | 'prescriber' | 'start_date' | 'stop_date' | 'created_at' | 'version'>;
export type PagePhaseChange = Pick<PhaseChangeTable, 'id' | 'from_phase' | 'to_phase' | 'at_session' | 'overridden_guards' | 'reason' | 'changed_by' | 'changed_at'> & { changed_by_name: string };
export type PageSession = Pick<TherapySessionTable, 'id' | 'number' | 'starts_at' | 'attendance' | 'mode' | 'phase' | 'note_status'>;
export type PageResponse = Pick<QuestionnaireResponseTable, 'session_id' | 'instrument_id' | 'total' | 'severity_code' | 'administered_at'>;
export type PageRiskFlag = Pick<RiskFlagTable, 'id' | 'client_id' | 'episode_id' | 'session_id' | 'trigger' | 'level' | 'status' | 'detail' | 'raised_at' | 'closed_at' | 'close_reason'>;
export type PageTimelineEvent = { id: string; event_date: string; title: string; kind: string };

/** Everything the episode page lists besides the episode and its client, sorted as the page shows it. */
export interface EpisodePageRows {
  settingsJson: string;
  clinicianName: string;
  medications: PageMedication[];
  phaseChanges: PagePhaseChange[];
  sessions: PageSession[];
  responses: PageResponse[];
  openRiskFlags: PageRiskFlag[];
  activeTimeline: PageTimelineEvent[];
  openTasks: number;
}

type PageKey = { organizationId: string; episodeId: string; clientId: string; clinicianId: string };

/**
 * The episode page's lists in one statement: each list is a JSON array column (db/json-rows.ts).
 * They were nine statements, one round trip each; on PostgreSQL a round trip costs the server a
 * system call and a wake-up of the database process, and the page is a quarter of what counsellors
 * open (docs/performance.md, seventh round). Built once (db/reusable-query.ts).
 */
const pageLists = reusableQuery<PageKey, {
  settings_json: string | null; clinician_name: string | null; open_tasks: number | string | bigint;
  medications: PageMedication[] | string; phase_changes: PagePhaseChange[] | string; sessions: PageSession[] | string;
  responses: PageResponse[] | string; open_risk_flags: PageRiskFlag[] | string; active_timeline: PageTimelineEvent[] | string;
}>(['organizationId', 'episodeId', 'clientId', 'clinicianId'], (db, p) => db.selectNoFrom((eb) => [
  eb.selectFrom('organization').select('settings_json').where('id', '=', p.organizationId).as('settings_json'),
  eb.selectFrom('app_user').select('name').where('id', '=', p.clinicianId).as('clinician_name'),
  eb.selectFrom('between_session_task').select((c) => c.fn.countAll().as('n'))
    .where('organization_id', '=', p.organizationId).where('episode_id', '=', p.episodeId).where('status', '=', 'open').as('open_tasks'),
  jsonRows(db, eb.selectFrom('episode_medication').select(['id', 'name', 'dose', 'prescriber', 'start_date', 'stop_date', 'created_at', 'version'])
    .where('organization_id', '=', p.organizationId).where('episode_id', '=', p.episodeId)).as('medications'),
  jsonRows(db, eb.selectFrom('phase_change').innerJoin('app_user', 'app_user.id', 'phase_change.changed_by')
    .select(['phase_change.id', 'phase_change.from_phase', 'phase_change.to_phase', 'phase_change.at_session', 'phase_change.overridden_guards', 'phase_change.reason',
      'phase_change.changed_by', 'phase_change.changed_at', 'app_user.name as changed_by_name'])
    .where('phase_change.organization_id', '=', p.organizationId).where('phase_change.episode_id', '=', p.episodeId)).as('phase_changes'),
  jsonRows(db, eb.selectFrom('therapy_session').select(['id', 'number', 'starts_at', 'attendance', 'mode', 'phase', 'note_status'])
    .where('organization_id', '=', p.organizationId).where('episode_id', '=', p.episodeId)).as('sessions'),
  jsonRows(db, eb.selectFrom('questionnaire_response').select(['session_id', 'instrument_id', 'total', 'severity_code', 'administered_at'])
    .where('organization_id', '=', p.organizationId).where('episode_id', '=', p.episodeId)).as('responses'),
  jsonRows(db, eb.selectFrom('risk_flag').select(['id', 'client_id', 'episode_id', 'session_id', 'trigger', 'level', 'status', 'detail', 'raised_at', 'closed_at', 'close_reason'])
    .where('organization_id', '=', p.organizationId).where('client_id', '=', p.clientId).where('status', '=', 'open')).as('open_risk_flags'),
  jsonRows(db, eb.selectFrom('timeline_event').select(['id', 'event_date', 'title', 'kind'])
    .where('organization_id', '=', p.organizationId).where('episode_id', '=', p.episodeId).where('status', '=', 'active')).as('active_timeline'),
]));

export async function episodePageRows(db: Executor, key: PageKey): Promise<EpisodePageRows> {
  const [row] = await pageLists(db, key);
  if (!row) throw new Error('the episode page query returned no row');
  return {
    settingsJson: row.settings_json ?? '{}',
    clinicianName: row.clinician_name ?? '',
    openTasks: Number(row.open_tasks),
    medications: rowsOfJson(row.medications).sort(byText((m) => m.created_at)),
    phaseChanges: rowsOfJson(row.phase_changes).sort(byText((c) => c.changed_at)),
    sessions: rowsOfJson(row.sessions).sort((a, b) => Number(a.number) - Number(b.number)),
    responses: rowsOfJson(row.responses).sort(byText((r) => r.administered_at)),
    openRiskFlags: rowsOfJson(row.open_risk_flags).sort(byText((f) => f.raised_at, 'desc')),
    activeTimeline: rowsOfJson(row.active_timeline).sort(byText((e) => e.event_date)),
  };
}
