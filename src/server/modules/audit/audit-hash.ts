import { sha256Hex } from '../../lib/crypto';
import type { AuditEventTable } from './audit.table';

/** The genesis value each organization's chain starts from. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash of one event covers every recorded field and the previous event's hash, so editing,
 * removing or reordering any event breaks every hash after it. The chain number is left out: it names
 * the sequence the event is linked into (seq and prev_hash already place the event in it), so events
 * written before an organization had several chains keep their hashes.
 */
export function hashAuditEvent(event: Omit<AuditEventTable, 'hash' | 'chain'>): string {
  return sha256Hex(JSON.stringify([
    event.id, event.organization_id, event.seq, event.recorded_at, event.actor_id, event.actor_role, event.action,
    event.entity_type, event.entity_id, event.client_id, event.sensitivity, event.outcome, event.reason,
    event.source_ip, event.request_id, event.prev_hash,
  ]));
}
