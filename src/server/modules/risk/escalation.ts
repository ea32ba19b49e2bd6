import type { Executor } from '../../db/database';
import { isoNow, newId } from '../../lib/clock';
import type { RequestContext } from '../../lib/context';
import { audit, type PendingAudit } from '../../lib/audit';
import type { NotifyRecipient } from '../../lib/notifier';
import { organizationSettingsOf, type OrganizationSettings } from '../organizations/organization-settings';
import type { RiskFlagTable } from './risk.table';

const LEVEL_ORDER = { low: 0, moderate: 1, high: 2 } as const;

export function levelAtLeast(level: string, threshold: 'moderate' | 'high'): boolean {
  return (LEVEL_ORDER[level as keyof typeof LEVEL_ORDER] ?? 2) >= LEVEL_ORDER[threshold];
}

/**
 * Who is told about an escalated flag: the supervisors of the client's clinician; when the clinician
 * has none, every active supervisor of the organization, so an escalation never goes nowhere.
 */
export async function escalationRecipients(db: Executor, organizationId: string, clientId: string): Promise<NotifyRecipient[]> {
  const client = await db.selectFrom('client').select('clinician_id').where('organization_id', '=', organizationId).where('id', '=', clientId).executeTakeFirstOrThrow();
  const assigned = await db.selectFrom('supervision_assignment').innerJoin('app_user', 'app_user.id', 'supervision_assignment.supervisor_id')
    .select(['app_user.id', 'app_user.email', 'app_user.name'])
    .where('supervision_assignment.organization_id', '=', organizationId).where('supervision_assignment.clinician_id', '=', client.clinician_id).where('app_user.status', '=', 'active').execute();
  if (assigned.length > 0) return assigned;
  return db.selectFrom('app_user').select(['id', 'email', 'name']).where('organization_id', '=', organizationId).where('role', '=', 'supervisor').where('status', '=', 'active').execute();
}

async function notify(tx: Executor, ctx: RequestContext, flag: RiskFlagTable, now: string): Promise<NotifyRecipient[]> {
  const recipients = await escalationRecipients(tx, flag.organization_id, flag.client_id);
  // One multi-row insert, not a statement per supervisor.
  if (recipients.length > 0) {
    await tx.insertInto('notification').values(recipients.map((r) => ({ id: newId(), organization_id: flag.organization_id, recipient_id: r.id, kind: 'risk-escalation', flag_id: flag.id, client_id: flag.client_id, created_at: now, read_at: null }))).execute();
  }
  return recipients;
}

/**
 * Escalates an open flag at or above the organization's threshold: marks it pending, notifies the
 * supervisors in the app in the same transaction (the in-app notice never depends on e-mail), and
 * answers the addresses to e-mail after commit when a mailer is configured. A caller that has the
 * organization's risk settings already, or appends its audit events at the end (PendingAudit), passes them.
 */
export async function escalateIfNeeded(tx: Executor, ctx: RequestContext, flag: RiskFlagTable, given: { risk?: OrganizationSettings['risk']; pending?: PendingAudit } = {}): Promise<NotifyRecipient[]> {
  if (flag.status !== 'open' || flag.escalation_status !== 'none') return [];
  const risk = given.risk ?? (await organizationSettingsOf(tx, flag.organization_id)).risk;
  if (!levelAtLeast(flag.level, risk.escalateAtLevel)) return [];
  const now = isoNow(ctx.clock);
  await tx.updateTable('risk_flag').set({ escalation_status: 'pending', escalated_at: now, last_notified_at: now })
    .where('organization_id', '=', flag.organization_id).where('id', '=', flag.id).execute();
  Object.assign(flag, { escalation_status: 'pending', escalated_at: now, last_notified_at: now });
  const recipients = await notify(tx, ctx, flag, now);
  const event = { action: 'disclose', entityType: 'risk-escalation', entityId: flag.id, clientId: flag.client_id, sensitivity: 'risk', reason: `escalated (${flag.level}) to ${recipients.length} supervisor(s)` } as const;
  if (given.pending) given.pending.record(event);
  else await audit(tx, ctx, event);
  return recipients;
}

/**
 * Re-notification per policy: escalations still unacknowledged after the organization's interval
 * notify their supervisors again. Run whenever a supervisor's notices or dashboard are read, so no
 * background job is needed and every server instance behaves the same.
 */
export async function renotifyOverdue(tx: Executor, ctx: RequestContext, organizationId: string): Promise<NotifyRecipient[]> {
  const { risk } = await organizationSettingsOf(tx, organizationId);
  const cutoff = new Date(ctx.clock.now().getTime() - risk.renotifyMinutes * 60_000).toISOString();
  const overdue = await tx.selectFrom('risk_flag').selectAll().where('organization_id', '=', organizationId).where('status', '=', 'open')
    .where('escalation_status', '=', 'pending').where('last_notified_at', '<=', cutoff).execute();
  const emails: NotifyRecipient[] = [];
  const now = isoNow(ctx.clock);
  for (const flag of overdue) {
    await tx.updateTable('risk_flag').set({ last_notified_at: now }).where('organization_id', '=', organizationId).where('id', '=', flag.id).execute();
    emails.push(...(await notify(tx, ctx, flag, now)));
    await audit(tx, ctx, { action: 'disclose', entityType: 'risk-escalation', entityId: flag.id, clientId: flag.client_id, sensitivity: 'risk', reason: 'not yet acknowledged: notified again' });
  }
  return emails;
}

/**
 * After commit, each configured channel (e-mail by default, pluggable) nudges each recipient once to
 * open the app — never with client details. A channel that fails is skipped; the in-app notice stands.
 */
export async function mailEscalations(ctx: RequestContext, recipients: NotifyRecipient[]): Promise<void> {
  if (ctx.notifiers.length === 0 || recipients.length === 0) return;
  const message = { subject: 'IPT Workbench: a risk flag needs your acknowledgement', text: `A risk flag on one of your supervisees' clients needs your acknowledgement. Sign in to IPT Workbench to see it: ${ctx.config.publicUrl}/supervision/risk` };
  const unique = [...new Map(recipients.map((r) => [r.id, r])).values()];
  for (const notifier of ctx.notifiers) {
    for (const recipient of unique) {
      try {
        await notifier.notify(recipient, message);
      } catch {
        // a failing channel must not undo or delay the in-app notice, which is already committed
      }
    }
  }
}
