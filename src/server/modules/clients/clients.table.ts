/** A client (the person receiving treatment). Archived, never deleted. */
export interface ClientTable {
  id: string;
  organization_id: string;
  display_name: string;
  preferred_name: string | null;
  /** Lower-cased names and identifier, for search on both databases alike. */
  search_text: string;
  date_of_birth: string;
  pronouns: string | null;
  language: string | null;
  identifier: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  emergency_contact_name: string | null;
  emergency_contact_phone: string | null;
  emergency_contact_relationship: string | null;
  clinician_id: string;
  status: string;
  archived_at: string | null;
  archive_reason: string | null;
  archived_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** Time-limited emergency read access to one client, with the reason given. */
export interface BreakGlassGrantTable {
  id: string;
  organization_id: string;
  client_id: string;
  user_id: string;
  reason: string;
  granted_at: string;
  expires_at: string;
}
