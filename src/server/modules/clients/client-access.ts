import { can, type Action } from '../../../domain/access/policy';
import type { Executor } from '../../db/database';
import type { Sensitivity } from '../../lib/audit';
import { authorize } from '../../lib/authorize';
import { isoNow } from '../../lib/clock';
import { requireActor, type RequestContext } from '../../lib/context';
import { hasActiveBreakGlass } from './clients.repository';

/**
 * The one access check for anything that belongs to a client record (the client, its episodes,
 * sessions, flags, worksheets…): the owner and their supervisors by the policy, plus read-only
 * break-glass. The record must already have been loaded scoped to the actor's organization.
 * A refusal is "not found" and audited (lib/authorize).
 */
export async function authorizeOnClient(
  tx: Executor, ctx: RequestContext, action: Action, owner: { clientId: string; clinicianId: string },
  target: { entityType: string; entityId?: string; sensitivity?: Sensitivity },
): Promise<void> {
  const actor = requireActor(ctx);
  const resource = { kind: 'client' as const, organizationId: actor.organizationId, clinicianId: owner.clinicianId, breakGlass: false };
  // The owner and their supervisors pass on the policy alone; only someone else's read looks for a
  // break-glass grant (one query fewer on almost every request).
  const breakGlass = action === 'client.read' && !can(actor, action, resource)
    && (await hasActiveBreakGlass(tx, actor.organizationId, owner.clientId, actor.userId, isoNow(ctx.clock)));
  authorize(ctx, action, { ...resource, breakGlass }, { ...target, clientId: owner.clientId });
}
