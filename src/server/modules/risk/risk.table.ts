/** A risk flag on a client: raised by a risk answer or a clinician's concern; closed, never deleted. */
export interface RiskFlagTable {
  id: string;
  organization_id: string;
  client_id: string;
  episode_id: string | null;
  session_id: string | null;
  source_type: string;
  source_id: string | null;
  trigger: string;
  level: string;
  status: string;
  /** What fired, in words (instrument, item, value, rule): no free text from the client. */
  detail: string;
  raised_by: string;
  raised_at: string;
  closed_by: string | null;
  closed_at: string | null;
  close_reason: string | null;
  version: number;
  /** The C-SSRS screen that set the level. */
  screen_response_id: string | null;
  screened_at: string | null;
  /** none → pending (supervisor notified) → acknowledged. */
  escalation_status: string;
  escalated_at: string | null;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  last_notified_at: string | null;
}

/** Something done about a flag: called emergency services, referred, safety plan made, … */
export interface RiskActionTable {
  id: string;
  organization_id: string;
  flag_id: string;
  kind: string;
  note: string | null;
  recorded_by: string;
  recorded_at: string;
}

/** An in-app notice to a person (a supervisor for an escalated flag); never depends on e-mail. */
export interface NotificationTable {
  id: string;
  organization_id: string;
  recipient_id: string;
  kind: string;
  flag_id: string | null;
  client_id: string | null;
  created_at: string;
  read_at: string | null;
}

/** A Stanley–Brown safety plan; each signed plan is kept, and a change starts a new plan number. */
export interface SafetyPlanTable {
  id: string;
  organization_id: string;
  client_id: string;
  flag_id: string | null;
  plan_number: number;
  payload_json: string;
  status: string;
  review_date: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  signed_by: string | null;
  signed_at: string | null;
  version: number;
}
