/**
 * Append-only audit trail, hash-chained per organization in one or more chains (see
 * audit.repository.ts). Never holds clinical content.
 */
export interface AuditEventTable {
  id: string;
  organization_id: string;
  /** Which of the organization's chains the event is in (0 on SQLite); seq counts within that chain. */
  chain: number;
  seq: number;
  recorded_at: string;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  client_id: string | null;
  sensitivity: string;
  outcome: string;
  reason: string | null;
  source_ip: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

/** The end of each of an organization's chains, locked while events are appended to it. */
export interface AuditChainHeadTable {
  organization_id: string;
  chain: number;
  seq: number;
  hash: string;
}
