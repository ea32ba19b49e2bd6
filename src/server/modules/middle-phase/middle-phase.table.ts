/**
 * Row types of the middle phase. What the app filters, sorts or charts on has its own column; the
 * rest of each record is JSON text validated by the domain's zod schemas when read and written.
 */

/** One problem area worked on in an episode (at most two per episode, one per area). */
export interface ProblemAreaWorkspaceTable {
  id: string;
  organization_id: string;
  client_id: string;
  episode_id: string;
  area: string;
  /** Role dispute: who the dispute is with. */
  other_party: string | null;
  /** Role dispute: the current stage (its changes are in workspace_stage_change). */
  stage: string | null;
  /** JSON: string[] of goals. */
  goals_json: string;
  /** Short plain-text summary for the termination review and the supervisor view. */
  summary: string | null;
  /** JSON: the area's details (domain/worksheets/workspace-details.ts). */
  details_json: string;
  /** JSON: string[] of ticked strategy-checklist item ids. */
  ticks_json: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  version: number;
}

/** A change of a role dispute's stage, with the session it was recognized in. Append-only. */
export interface WorkspaceStageChangeTable {
  id: string;
  organization_id: string;
  workspace_id: string;
  /** Null for the stage set when the workspace was opened. */
  from_stage: string | null;
  to_stage: string;
  session_id: string | null;
  reason: string | null;
  changed_by: string;
  changed_at: string;
}

/** One session's problem-area outcome for one workspace; columns so that the series can be charted. */
export interface ProblemAreaOutcomeTable {
  id: string;
  organization_id: string;
  episode_id: string;
  workspace_id: string;
  session_id: string;
  progress: number | null;
  stage: string | null;
  expectations_closer: string | null;
  adjustment: number | null;
  mourning: number | null;
  contacts: number | null;
  contact_quality: number | null;
  created_at: string;
  updated_at: string;
  updated_by: string;
  version: number;
}

/** A technique worksheet, done in one session, optionally for one workspace. */
export interface WorksheetTable {
  id: string;
  organization_id: string;
  client_id: string;
  episode_id: string;
  session_id: string;
  workspace_id: string | null;
  /** The earlier worksheet this one carries on (on a later, open session). */
  continues_id: string | null;
  kind: string;
  /** JSON: the kind's payload. */
  payload_json: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  version: number;
}

/** A between-session task: set in one session, reviewed in a later one. */
export interface BetweenSessionTaskTable {
  id: string;
  organization_id: string;
  client_id: string;
  episode_id: string;
  workspace_id: string | null;
  area: string | null;
  set_in_session_id: string;
  what: string;
  with_whom: string | null;
  when_date: string | null;
  when_text: string | null;
  /** 1 when the client's portal may show the task (the default), 0 otherwise. */
  visible_to_client: number;
  status: string;
  reviewed_in_session_id: string | null;
  review_outcome: string | null;
  what_happened: string | null;
  /** −5 … +5: the effect doing the task had on the client's mood. */
  mood_effect: number | null;
  reviewed_at: string | null;
  reviewed_by: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  version: number;
}

/** An earlier version of an edited middle-phase record, as it stood, with who made it and when. */
export interface MiddlePhaseRevisionTable {
  id: string;
  organization_id: string;
  episode_id: string;
  entity_type: string;
  entity_id: string;
  version: number;
  snapshot_json: string;
  changed_by: string;
  changed_at: string;
}
