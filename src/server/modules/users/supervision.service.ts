import { DomainError } from '../../../domain/errors';
import { audit } from '../../lib/audit';
import { isoNow, newId } from '../../lib/clock';
import { requireActor, type RequestContext } from '../../lib/context';
import { inTransaction } from '../../lib/transaction';
import { findUserById } from './users.repository';

const view = (r: { id: string; supervisor_id: string; clinician_id: string; created_at: string }) => ({ id: r.id, supervisorId: r.supervisor_id, clinicianId: r.clinician_id, createdAt: r.created_at });

export async function listAssignments(ctx: RequestContext) {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    const rows = await tx.selectFrom('supervision_assignment').selectAll().where('organization_id', '=', actor.organizationId).orderBy('created_at').execute();
    await audit(tx, ctx, { action: 'query', entityType: 'supervision-assignment' });
    return rows.map(view);
  });
}

/** Assigns a clinician to a supervisor: both must be active users of this organization in those roles. */
export async function assignSupervisor(ctx: RequestContext, supervisorId: string, clinicianId: string) {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    const supervisor = await findUserById(tx, actor.organizationId, supervisorId);
    if (!supervisor || supervisor.role !== 'supervisor' || supervisor.status !== 'active') throw new DomainError('validation', 'must be an active supervisor of this organization', { field: 'supervisorId' });
    const clinician = await findUserById(tx, actor.organizationId, clinicianId);
    if (!clinician || clinician.role !== 'clinician' || clinician.status !== 'active') throw new DomainError('validation', 'must be an active clinician of this organization', { field: 'clinicianId' });
    const existing = await tx.selectFrom('supervision_assignment').select('id').where('supervisor_id', '=', supervisorId).where('clinician_id', '=', clinicianId).executeTakeFirst();
    if (existing) throw new DomainError('conflict', 'This supervisor already supervises this clinician.');
    const row = { id: newId(), organization_id: actor.organizationId, supervisor_id: supervisorId, clinician_id: clinicianId, created_at: isoNow(ctx.clock), created_by: actor.userId };
    await tx.insertInto('supervision_assignment').values(row).execute();
    await audit(tx, ctx, { action: 'privilege-change', entityType: 'supervision-assignment', entityId: row.id, reason: 'supervisor assigned' });
    return view(row);
  });
}

export async function removeAssignment(ctx: RequestContext, id: string): Promise<void> {
  const actor = requireActor(ctx);
  await inTransaction(ctx, async (tx) => {
    const result = await tx.deleteFrom('supervision_assignment').where('organization_id', '=', actor.organizationId).where('id', '=', id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw new DomainError('not-found', 'No supervision assignment with that id.');
    await audit(tx, ctx, { action: 'privilege-change', entityType: 'supervision-assignment', entityId: id, reason: 'supervisor unassigned' });
  });
}

/** The clinicians a supervisor oversees, with their active caseload size. */
export async function listSupervisedClinicians(ctx: RequestContext) {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    let query = tx.selectFrom('app_user').select(['app_user.id', 'app_user.name', 'app_user.email'])
      .select((eb) => eb.selectFrom('client').select((e) => e.fn.countAll().as('n'))
        .whereRef('client.clinician_id', '=', 'app_user.id').where('client.status', '=', 'active').where('client.organization_id', '=', actor.organizationId).as('active_clients'))
      .where('app_user.organization_id', '=', actor.organizationId).where('app_user.role', '=', 'clinician').where('app_user.status', '=', 'active');
    if (actor.role === 'supervisor') query = query.where('app_user.id', 'in', actor.supervisedClinicianIds.length > 0 ? [...actor.supervisedClinicianIds] : ['']);
    const rows = await query.orderBy('app_user.name').execute();
    await audit(tx, ctx, { action: 'query', entityType: 'supervised-clinician' });
    return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, activeClients: Number(r.active_clients ?? 0) }));
  });
}
