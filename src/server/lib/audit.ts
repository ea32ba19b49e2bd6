import type { AuditAction } from '../../contracts/audit.contract';
import type { Executor } from '../db/database';
import { appendAuditEvents, type NewAuditEvent } from '../modules/audit/audit.repository';
import { isoNow, newId } from './clock';
import type { RequestContext } from './context';

export type Sensitivity = 'normal' | 'psychotherapy' | 'sud' | 'risk';

export interface AuditInput {
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  clientId?: string | null;
  outcome?: 'success' | 'denied' | 'error';
  reason?: string | null;
  sensitivity?: Sensitivity;
  /** For events without a signed-in actor (failed sign-in, setup). */
  organizationId?: string;
  actorId?: string | null;
  actorRole?: string | null;
}

/** Organization id for events that belong to no organization (e.g. sign-in with an unknown e-mail). */
export const SYSTEM_CHAIN = 'system';

/**
 * Records one audit event in the caller's transaction. Never pass clinical content here: the event
 * says who did what to which record, not what the record says.
 */
export async function audit(tx: Executor, ctx: RequestContext, input: AuditInput): Promise<void> {
  await appendAuditEvents(tx, [auditEventOf(ctx, input)], ctx.dialect);
}

/** Several events in one go, in the given order (one chain-head read and update per organization and chain). */
export async function auditAll(tx: Executor, ctx: Pick<RequestContext, 'dialect'>, events: readonly NewAuditEvent[]): Promise<void> {
  await appendAuditEvents(tx, events, ctx.dialect);
}

/**
 * The audit events of one unit of work, kept in the order they were recorded and appended together
 * at its end (`append`, the transaction's last statements before COMMIT). The chain head the append
 * takes is locked until COMMIT (on SQLite every writer waits for it; on PostgreSQL others take another
 * chain until all are held), so taking it last keeps that hold short. Each event is stamped when
 * recorded, as with audit().
 */
export class PendingAudit {
  readonly #events: NewAuditEvent[] = [];

  constructor(private readonly ctx: RequestContext) {}

  record(input: AuditInput): void {
    this.#events.push(auditEventOf(this.ctx, input));
  }

  /** Appends what was recorded (nothing when nothing was) and starts empty again. */
  async append(tx: Executor): Promise<void> {
    if (this.#events.length === 0) return;
    await appendAuditEvents(tx, this.#events.splice(0), this.ctx.dialect);
  }
}

/** The row an event becomes, stamped with the request's actor, time, address and request id. */
export function auditEventOf(ctx: RequestContext, input: AuditInput): NewAuditEvent {
  const organizationId = input.organizationId ?? ctx.actor?.organizationId ?? SYSTEM_CHAIN;
  return {
    id: newId(),
    organization_id: organizationId,
    recorded_at: isoNow(ctx.clock),
    actor_id: input.actorId !== undefined ? input.actorId : ctx.actor?.userId ?? null,
    actor_role: input.actorRole !== undefined ? input.actorRole : ctx.actor?.role ?? null,
    action: input.action,
    entity_type: input.entityType,
    entity_id: input.entityId ?? null,
    client_id: input.clientId ?? null,
    sensitivity: input.sensitivity ?? 'normal',
    outcome: input.outcome ?? 'success',
    reason: input.reason ?? null,
    source_ip: ctx.sourceIp,
    request_id: ctx.requestId,
  };
}
