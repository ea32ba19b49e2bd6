import type { NotifyRecipient } from '../../lib/notifier';
import type { z } from 'zod';
import type { NotificationView } from '../../../contracts/risk.contract';
import type { RiskFlagView } from '../../../contracts/episodes.contract';
import { audit } from '../../lib/audit';
import { requireActor, type RequestContext } from '../../lib/context';
import { inTransaction } from '../../lib/transaction';
import { mailEscalations, renotifyOverdue } from './escalation';
import { toRiskFlagView } from './risk.repository';

/** My notices (newest first), after re-notifying any escalation still unacknowledged past the interval. */
export async function listNotifications(ctx: RequestContext): Promise<Array<z.infer<typeof NotificationView>>> {
  const actor = requireActor(ctx);
  const emails: NotifyRecipient[] = [];
  const items = await inTransaction(ctx, async (tx) => {
    emails.push(...(await renotifyOverdue(tx, ctx, actor.organizationId)));
    const rows = await tx.selectFrom('notification').leftJoin('risk_flag', 'risk_flag.id', 'notification.flag_id').leftJoin('client', 'client.id', 'notification.client_id')
      .select(['notification.id', 'notification.kind', 'notification.flag_id', 'notification.client_id', 'notification.created_at', 'notification.read_at', 'risk_flag.level', 'risk_flag.escalation_status', 'client.display_name'])
      .where('notification.organization_id', '=', actor.organizationId).where('notification.recipient_id', '=', actor.userId)
      .orderBy('notification.created_at', 'desc').limit(100).execute();
    await audit(tx, ctx, { action: 'query', entityType: 'notification', sensitivity: 'risk' });
    return rows.map((r) => ({
      id: r.id, kind: r.kind, flagId: r.flag_id, clientId: r.client_id, clientName: r.display_name ?? null, level: r.level ?? null, createdAt: r.created_at, readAt: r.read_at,
      acknowledged: r.escalation_status === 'acknowledged',
    }));
  });
  await mailEscalations(ctx, emails);
  return items;
}

/**
 * The supervisor's risk dashboard: open flags on the clients of the clinicians they supervise,
 * unacknowledged escalations first (they stay on top until acknowledged), then by level and age.
 */
export async function supervisionRiskFlags(ctx: RequestContext): Promise<Array<z.infer<typeof RiskFlagView> & { clientName: string; clinicianName: string; escalationStatus: string; escalatedAt: string | null }>> {
  const actor = requireActor(ctx);
  const emails: NotifyRecipient[] = [];
  const items = await inTransaction(ctx, async (tx) => {
    emails.push(...(await renotifyOverdue(tx, ctx, actor.organizationId)));
    const clinicians = [actor.userId, ...actor.supervisedClinicianIds];
    const rows = await tx.selectFrom('risk_flag').innerJoin('client', 'client.id', 'risk_flag.client_id').innerJoin('app_user', 'app_user.id', 'client.clinician_id')
      .selectAll('risk_flag').select(['client.display_name', 'app_user.name as clinician_name'])
      // Both tables scoped to the organization, so the clients come from the caseload index.
      .where('risk_flag.organization_id', '=', actor.organizationId).where('client.organization_id', '=', actor.organizationId)
      .where('risk_flag.status', '=', 'open').where('client.clinician_id', 'in', clinicians).execute();
    await audit(tx, ctx, { action: 'query', entityType: 'risk-flag', sensitivity: 'risk', reason: 'supervision dashboard' });
    const rank = (r: (typeof rows)[number]) => [r.escalation_status === 'pending' ? 0 : 1, { high: 0, moderate: 1, low: 2 }[r.level as 'high'] ?? 0] as const;
    return rows.sort((a, b) => rank(a)[0] - rank(b)[0] || rank(a)[1] - rank(b)[1] || a.raised_at.localeCompare(b.raised_at))
      .map(({ display_name, clinician_name, ...flag }) => ({ ...toRiskFlagView(flag), clientName: display_name, clinicianName: clinician_name, escalationStatus: flag.escalation_status, escalatedAt: flag.escalated_at }));
  });
  await mailEscalations(ctx, emails);
  return items;
}
