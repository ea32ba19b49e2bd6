/** A client's consent to disclose some documents to a named third party; withdrawn, never deleted. */
export interface DisclosureConsentTable {
  id: string;
  organization_id: string;
  client_id: string;
  recipient_kind: string;
  recipient_name: string;
  /** JSON array of document kinds the consent covers. */
  documents_json: string;
  purpose: string | null;
  given_on: string;
  recorded_by: string;
  recorded_at: string;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
  withdrawal_reason: string | null;
  version: number;
}

/** One document made and handed out: what, which version, to whom, on what consent, by whom, when. */
export interface DisclosureTable {
  id: string;
  organization_id: string;
  client_id: string;
  episode_id: string | null;
  document_kind: string;
  document_version: string;
  recipient_kind: string;
  recipient_name: string | null;
  consent_id: string | null;
  purpose: string | null;
  disclosed_by: string;
  disclosed_at: string;
  file_name: string;
  byte_length: number;
  sha256: string;
}
