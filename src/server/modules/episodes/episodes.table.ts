/** One course of treatment for one client under one protocol. */
export interface EpisodeTable {
  id: string;
  organization_id: string;
  client_id: string;
  clinician_id: string;
  protocol_id: string;
  protocol_version: string;
  status: string;
  current_phase: string;
  /** The session number at which the current phase began (1 for the first phase). */
  phase_started_session: number;
  start_date: string;
  contracted_sessions: number;
  schedule: string;
  session_length_minutes: number | null;
  medication_referral: string;
  medication_referral_note: string | null;
  formulation_agreed_at: string | null;
  termination_discussed_at: string | null;
  end_reason: string | null;
  ended_at: string | null;
  previous_episode_id: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface EpisodeMedicationTable {
  id: string;
  organization_id: string;
  episode_id: string;
  name: string;
  dose: string | null;
  prescriber: string | null;
  start_date: string | null;
  stop_date: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** An explicit phase change, with any guard the clinician overrode and the reason given. */
export interface PhaseChangeTable {
  id: string;
  organization_id: string;
  episode_id: string;
  from_phase: string;
  to_phase: string;
  at_session: number;
  overridden_guards: string;
  reason: string | null;
  changed_by: string;
  changed_at: string;
}
