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
}
