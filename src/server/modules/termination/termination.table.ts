/**
 * Row types of the termination phase. The editable content is JSON text validated by the
 * contract's zod schemas when read and written.
 */

/** The termination record of an episode (one per episode); signed, it is the termination note. */
export interface TerminationRecordTable {
  id: string;
  organization_id: string;
  client_id: string;
  episode_id: string;
  /** JSON: TerminationContent. */
  payload_json: string;
  /** draft → signed (locked; addenda afterwards). */
  status: string;
  signed_by: string | null;
  signed_at: string | null;
  /** SHA-256 of the payload as signed. */
  signed_hash: string | null;
  /** The maintenance episode started from this record's next step. */
  maintenance_episode_id: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A signed, timed addendum to a signed termination note. Append-only. */
export interface TerminationAddendumTable {
  id: string;
  organization_id: string;
  record_id: string;
  text: string;
  signed_by: string;
  signed_at: string;
}

/** One version of an episode's relapse-prevention plan; a change to a signed plan starts the next number. */
export interface RelapsePlanTable {
  id: string;
  organization_id: string;
  client_id: string;
  episode_id: string;
  plan_number: number;
  /** JSON: RelapsePlanContent. */
  payload_json: string;
  status: string;
  /** 1 when the client's portal (and the client copy) may show this plan. */
  shared_with_client: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  signed_by: string | null;
  signed_at: string | null;
  version: number;
}
