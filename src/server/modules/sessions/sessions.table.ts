/** One treatment session: agenda, attendance and the structured (progress) note. */
export interface TherapySessionTable {
  id: string;
  organization_id: string;
  episode_id: string;
  client_id: string;
  clinician_id: string;
  number: number;
  starts_at: string;
  duration_minutes: number | null;
  attendance: string;
  mode: string;
  phase: string;
  /** JSON: the agenda items due for this session and whether each was covered. */
  agenda_json: string;
  /** JSON: the structured note's sections. */
  note_json: string;
  note_status: string;
  signed_at: string | null;
  signed_by: string | null;
  /** SHA-256 of the note as signed, so any later change to a signed note is detectable. */
  signed_hash: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A signed correction or addition to a signed note; the original stays as it was. */
export interface SessionAddendumTable {
  id: string;
  organization_id: string;
  session_id: string;
  text: string;
  signed_by: string;
  signed_at: string;
}

/** A clinician's private process note: kept apart from the record, visible to its author only. */
export interface ProcessNoteTable {
  id: string;
  organization_id: string;
  session_id: string;
  client_id: string;
  author_id: string;
  text: string;
  created_at: string;
  updated_at: string;
  version: number;
}
