/** Append-only audit trail, hash-chained per organization. Never holds clinical content. */
export interface AuditEventTable {
  id: string;
  organization_id: string;
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

/** The end of each organization's chain, locked while an event is appended. */
export interface AuditChainHeadTable {
  organization_id: string;
  seq: number;
  hash: string;
}
