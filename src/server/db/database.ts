import type { Kysely, Transaction } from 'kysely';

/**
 * The tables as Kysely sees them. Columns are snake_case and portable (text, integer, real); ids are
 * UUIDv7 text and times ISO-8601 UTC text, both made by the app. Each table's row type lives with its
 * module (`<m>.table.ts`); this file only assembles them.
 */
import type { OrganizationTable } from '../modules/organizations/organizations.table';
import type { UserTable, SupervisionAssignmentTable } from '../modules/users/users.table';
import type { AuthSessionTable, OneTimeTokenTable, LoginThrottleTable } from '../modules/auth/auth.table';
import type { AuditEventTable, AuditChainHeadTable } from '../modules/audit/audit.table';
import type { ClientTable, BreakGlassGrantTable } from '../modules/clients/clients.table';
import type { IdempotencyKeyTable } from '../lib/idempotency.table';
import type { InstrumentPackTable } from '../modules/instruments/instruments.table';
import type { EpisodeMedicationTable, EpisodeTable, PhaseChangeTable } from '../modules/episodes/episodes.table';
import type { ProcessNoteTable, SessionAddendumTable, TherapySessionTable } from '../modules/sessions/sessions.table';
import type { QuestionnaireResponseTable } from '../modules/measures/measures.table';
import type { NotificationTable, RiskActionTable, RiskFlagTable, SafetyPlanTable } from '../modules/risk/risk.table';
import type { ClosenessSnapshotTable, InitialPhaseRecordTable, InventoryPersonTable, RecordRevisionTable, TimelineEventTable } from '../modules/initial-phase/initial-phase.table';
import type {
  BetweenSessionTaskTable, MiddlePhaseRevisionTable, ProblemAreaOutcomeTable, ProblemAreaWorkspaceTable, WorksheetTable, WorkspaceStageChangeTable,
} from '../modules/middle-phase/middle-phase.table';
import type { DisclosureConsentTable, DisclosureTable } from '../modules/documents/documents.table';
import type { RelapsePlanTable, TerminationAddendumTable, TerminationRecordTable } from '../modules/termination/termination.table';

export interface Database {
  organization: OrganizationTable;
  app_user: UserTable;
  supervision_assignment: SupervisionAssignmentTable;
  auth_session: AuthSessionTable;
  one_time_token: OneTimeTokenTable;
  login_throttle: LoginThrottleTable;
  audit_event: AuditEventTable;
  audit_chain_head: AuditChainHeadTable;
  client: ClientTable;
  break_glass_grant: BreakGlassGrantTable;
  idempotency_key: IdempotencyKeyTable;
  instrument_pack: InstrumentPackTable;
  episode: EpisodeTable;
  episode_medication: EpisodeMedicationTable;
  phase_change: PhaseChangeTable;
  therapy_session: TherapySessionTable;
  session_addendum: SessionAddendumTable;
  process_note: ProcessNoteTable;
  questionnaire_response: QuestionnaireResponseTable;
  risk_flag: RiskFlagTable;
  risk_action: RiskActionTable;
  notification: NotificationTable;
  safety_plan: SafetyPlanTable;
  inventory_person: InventoryPersonTable;
  closeness_snapshot: ClosenessSnapshotTable;
  timeline_event: TimelineEventTable;
  initial_phase_record: InitialPhaseRecordTable;
  record_revision: RecordRevisionTable;
  problem_area_workspace: ProblemAreaWorkspaceTable;
  workspace_stage_change: WorkspaceStageChangeTable;
  problem_area_outcome: ProblemAreaOutcomeTable;
  worksheet: WorksheetTable;
  between_session_task: BetweenSessionTaskTable;
  middle_phase_revision: MiddlePhaseRevisionTable;
  termination_record: TerminationRecordTable;
  termination_addendum: TerminationAddendumTable;
  relapse_plan: RelapsePlanTable;
  disclosure_consent: DisclosureConsentTable;
  disclosure: DisclosureTable;
}

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the database or an open transaction: repositories accept both. */
export type Executor = Kysely<Database>;
