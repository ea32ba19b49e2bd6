import { can, type Action, type Resource } from '../../domain/access/policy';
import { DomainError } from '../../domain/errors';
import type { Sensitivity } from './audit';
import { requireActor, type RequestContext } from './context';
import { deniedError } from './transaction';

/**
 * Object-level check before every read or write of client data. A refusal is answered as "not
 * found", indistinguishable from a missing record, and audited as a denial.
 */
export function authorize(ctx: RequestContext, action: Action, resource: Resource, target: { entityType: string; entityId?: string; clientId?: string; sensitivity?: Sensitivity }): void {
  const actor = requireActor(ctx);
  if (can(actor, action, resource)) return;
  throw deniedError(notFound(target.entityType), {
    action: 'denied', entityType: target.entityType, entityId: target.entityId ?? null, clientId: target.clientId ?? null, reason: action, sensitivity: target.sensitivity ?? 'normal',
  });
}

/** The not-found answer for a missing record: identical to an access refusal. */
export function notFound(entityType: string): DomainError {
  return new DomainError('not-found', `No ${entityType.replace(/-/g, ' ')} with that id.`);
}
