/**
 * Row types of the initial-phase tools. What the app filters or sorts on has its own column; the
 * rest of each record is JSON text validated by the contract's zod schemas when read and written.
 */

/** One important person in the client's interpersonal inventory. Archived, never deleted. */
export interface InventoryPersonTable {
  id: string;
  organization_id: string;
  client_id: string;
  episode_id: string;
  label: string;
  relationship_type: string;
  /** Set when the person has died (YYYY-MM-DD): grief evidence for the suggestions. */
  died_on: string | null;
  /** JSON: the inventory fields (InventoryPersonDetails). */
  details_json: string;
  status: string;
  archived_at: string | null;
  archived_by: string | null;
  archive_reason: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  version: number;
}

/** A dated closeness circle: who the client placed on which ring. Immutable once made. */
export interface ClosenessSnapshotTable {
  id: string;
  organization_id: string;
  client_id: string;
  episode_id: string;
  taken_on: string;
  label: string;
  rings: number;
  /** JSON: [{ personId, ring }]. */
  placements_json: string;
  note: string | null;
  created_at: string;
  created_by: string;
}

/** One event on the interpersonal timeline. Archived, never deleted. */
export interface TimelineEventTable {
  id: string;
  organization_id: string;
  client_id: string;
  episode_id: string;
  event_date: string;
  kind: string;
  title: string;
  /** JSON: description, personIds, problemArea, mood (TimelineEventDetails). */
  details_json: string;
  status: string;
  archived_at: string | null;
  archived_by: string | null;
  archive_reason: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  version: number;
}

/**
 * A record an episode has at most one of (onset, diagnosis checklist, psychoeducation, formulation,
 * treatment contract), each with its own version so that editing one never makes another stale.
 */
export interface InitialPhaseRecordTable {
  id: string;
  organization_id: string;
  client_id: string;
  episode_id: string;
  kind: string;
  payload_json: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  version: number;
}

/** An earlier version of an edited record, as it stood, with who made that version and when. */
export interface RecordRevisionTable {
  id: string;
  organization_id: string;
  client_id: string;
  episode_id: string | null;
  entity_type: string;
  entity_id: string;
  version: number;
  snapshot_json: string;
  changed_by: string;
  changed_at: string;
}
