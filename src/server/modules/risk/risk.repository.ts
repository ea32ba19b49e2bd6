import type { z } from 'zod';
import type { RiskFlagView } from '../../../contracts/episodes.contract';
import type { RiskFlagProposal } from '../../../domain/risk/risk-flag';
import type { Executor } from '../../db/database';
import { reusableQuery } from '../../db/reusable-query';
import { newId } from '../../lib/clock';
import type { RiskFlagTable } from './risk.table';

export function toRiskFlagView(r: Pick<RiskFlagTable, 'id' | 'client_id' | 'episode_id' | 'session_id' | 'trigger' | 'level' | 'status' | 'detail' | 'raised_at' | 'closed_at' | 'close_reason'>): z.infer<typeof RiskFlagView> {
  return {
    id: r.id, clientId: r.client_id, episodeId: r.episode_id, sessionId: r.session_id, trigger: r.trigger, level: r.level, status: r.status,
    detail: r.detail, raisedAt: r.raised_at, closedAt: r.closed_at, closeReason: r.close_reason,
  };
}

/**
 * Stores the flags a risk rule proposed, in the caller's transaction (the same one that stores the
 * answer), so a risk answer can never be saved without its flag.
 */
export async function insertRiskFlags(tx: Executor, input: { organizationId: string; clientId: string; episodeId: string | null; sessionId: string | null; sourceType: string; sourceId: string | null; raisedBy: string; raisedAt: string }, proposals: readonly RiskFlagProposal[]): Promise<RiskFlagTable[]> {
  const rows: RiskFlagTable[] = proposals.map((p) => ({
    id: newId(), organization_id: input.organizationId, client_id: input.clientId, episode_id: input.episodeId, session_id: input.sessionId,
    source_type: input.sourceType, source_id: input.sourceId, trigger: p.trigger, level: p.level, status: 'open', detail: p.reason,
    raised_by: input.raisedBy, raised_at: input.raisedAt, closed_by: null, closed_at: null, close_reason: null, version: 1,
    screen_response_id: null, screened_at: null, escalation_status: 'none', escalated_at: null, acknowledged_by: null, acknowledged_at: null, last_notified_at: null,
  }));
  if (rows.length > 0) await tx.insertInto('risk_flag').values(rows).execute();
  return rows;
}

// On every episode page: built once (db/reusable-query.ts).
const openFlagsOfClient = reusableQuery<{ organizationId: string; clientId: string }, RiskFlagTable>(['organizationId', 'clientId'], (db, p) => db.selectFrom('risk_flag').selectAll()
  .where('organization_id', '=', p.organizationId).where('client_id', '=', p.clientId).where('status', '=', 'open').orderBy('raised_at', 'desc'));

export async function openRiskFlagsOfClient(db: Executor, organizationId: string, clientId: string): Promise<RiskFlagTable[]> {
  return openFlagsOfClient(db, { organizationId, clientId });
}
