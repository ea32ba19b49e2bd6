import type { z } from 'zod';
import { SafetyPlanPayload, type SafetyPlanBody, type SafetyPlanView } from '../../../contracts/risk.contract';
import { DomainError } from '../../../domain/errors';
import type { Executor } from '../../db/database';
import { audit } from '../../lib/audit';
import { isoNow, newId } from '../../lib/clock';
import { requireActor, type RequestContext } from '../../lib/context';
import { inTransaction } from '../../lib/transaction';
import { staleVersion } from '../../lib/versioning';
import { loadAuthorizedClient } from '../clients/clients.service';
import { organizationSettingsOf } from '../organizations/organization-settings';
import type { SafetyPlanTable } from './risk.table';

type View = z.infer<typeof SafetyPlanView>;

async function latestPlan(db: Executor, organizationId: string, clientId: string): Promise<SafetyPlanTable | undefined> {
  return db.selectFrom('safety_plan').selectAll().where('organization_id', '=', organizationId).where('client_id', '=', clientId).orderBy('plan_number', 'desc').limit(1).executeTakeFirst();
}

async function toView(db: Executor, row: SafetyPlanTable): Promise<View> {
  const signer = row.signed_by ? await db.selectFrom('app_user').select('name').where('id', '=', row.signed_by).executeTakeFirst() : undefined;
  return {
    id: row.id, planNumber: Number(row.plan_number), status: row.status as 'draft' | 'signed', plan: SafetyPlanPayload.parse(JSON.parse(row.payload_json)),
    reviewDate: row.review_date, signedAt: row.signed_at, signedByName: signer?.name ?? null, createdAt: row.created_at, version: Number(row.version),
  };
}

/**
 * The client's current safety plan (Stanley–Brown, [V] [S49a]), or a new one whose "professionals
 * and services" step is prefilled with the organization's crisis resources.
 */
export async function readSafetyPlan(ctx: RequestContext, clientId: string): Promise<View> {
  return inTransaction(ctx, async (tx) => {
    const client = await loadAuthorizedClient(tx, ctx, clientId, 'client.read');
    const row = await latestPlan(tx, client.organization_id, clientId);
    await audit(tx, ctx, { action: 'read', entityType: 'safety-plan', entityId: row?.id ?? null, clientId, sensitivity: 'risk' });
    if (row) return toView(tx, row);
    const { risk } = await organizationSettingsOf(tx, client.organization_id);
    const plan = SafetyPlanPayload.parse({ professionalsAndServices: risk.crisisResources.map((c) => ({ name: c.name, phone: c.phone, note: c.description ?? null })) });
    return { id: null, planNumber: 1, status: 'new', plan, reviewDate: null, signedAt: null, signedByName: null, createdAt: null, version: 0 };
  });
}

/**
 * Saves the plan. Editing a draft needs its version; when the current plan is signed (or there is
 * none, version 0), saving starts the next plan number as a draft and the signed one stays as it was.
 */
export async function saveSafetyPlan(ctx: RequestContext, clientId: string, version: number, body: z.infer<typeof SafetyPlanBody>): Promise<View> {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    const client = await loadAuthorizedClient(tx, ctx, clientId, 'client.update');
    if (body.flagId) {
      const flag = await tx.selectFrom('risk_flag').select('client_id').where('organization_id', '=', actor.organizationId).where('id', '=', body.flagId).executeTakeFirst();
      if (!flag || flag.client_id !== clientId) throw new DomainError('validation', 'must be a risk flag of this client', { field: 'flagId' });
    }
    const current = await latestPlan(tx, client.organization_id, clientId);
    const now = isoNow(ctx.clock);
    const currentVersion = current ? Number(current.version) : 0;
    if (version !== currentVersion) throw staleVersion('safety plan', currentVersion);
    if (current && current.status === 'draft') {
      const updated = await tx.updateTable('safety_plan').set({ payload_json: JSON.stringify(body.plan), review_date: body.reviewDate ?? null, flag_id: body.flagId ?? current.flag_id, updated_at: now, version: currentVersion + 1 })
        .where('organization_id', '=', actor.organizationId).where('id', '=', current.id).where('version', '=', currentVersion).executeTakeFirst();
      // Another device saved between our read and this write (PostgreSQL runs both at once): theirs stands.
      if (Number(updated.numUpdatedRows) === 0) throw staleVersion('safety plan', Number((await latestPlan(tx, client.organization_id, clientId))?.version ?? currentVersion + 1));
      await audit(tx, ctx, { action: 'update', entityType: 'safety-plan', entityId: current.id, clientId, sensitivity: 'risk' });
      return toView(tx, (await latestPlan(tx, client.organization_id, clientId))!);
    }
    const row: SafetyPlanTable = {
      id: newId(), organization_id: actor.organizationId, client_id: clientId, flag_id: body.flagId ?? null, plan_number: current ? Number(current.plan_number) + 1 : 1,
      payload_json: JSON.stringify(body.plan), status: 'draft', review_date: body.reviewDate ?? null, created_by: actor.userId, created_at: now, updated_at: now,
      signed_by: null, signed_at: null, version: currentVersion + 1,
    };
    const inserted = await tx.insertInto('safety_plan').values(row).onConflict((oc) => oc.columns(['client_id', 'plan_number']).doNothing()).executeTakeFirst();
    // Another device started this plan number between our read and this write (PostgreSQL runs both at once): theirs stands.
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw staleVersion('safety plan', Number((await latestPlan(tx, client.organization_id, clientId))?.version ?? currentVersion + 1));
    await audit(tx, ctx, { action: 'create', entityType: 'safety-plan', entityId: row.id, clientId, sensitivity: 'risk' });
    return toView(tx, row);
  });
}

/** Signing locks this plan; it needs at least one warning sign and one person or service to contact. */
export async function signSafetyPlan(ctx: RequestContext, clientId: string, version: number): Promise<View> {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    const client = await loadAuthorizedClient(tx, ctx, clientId, 'client.update');
    const current = await latestPlan(tx, client.organization_id, clientId);
    if (!current || current.status !== 'draft') throw new DomainError('conflict', 'There is no draft safety plan to sign.');
    if (Number(current.version) !== version) throw staleVersion('safety plan', Number(current.version));
    const plan = SafetyPlanPayload.parse(JSON.parse(current.payload_json));
    if (plan.warningSigns.length === 0) throw new DomainError('validation', 'needs at least one warning sign before signing', { field: 'plan.warningSigns' });
    if (plan.peopleToAskForHelp.length + plan.professionalsAndServices.length === 0) throw new DomainError('validation', 'needs at least one person or service to contact before signing', { field: 'plan.professionalsAndServices' });
    const now = isoNow(ctx.clock);
    await tx.updateTable('safety_plan').set({ status: 'signed', signed_by: actor.userId, signed_at: now, updated_at: now, version: version + 1 })
      .where('organization_id', '=', actor.organizationId).where('id', '=', current.id).where('version', '=', version).execute();
    if (current.flag_id) {
      await tx.insertInto('risk_action').values({ id: newId(), organization_id: actor.organizationId, flag_id: current.flag_id, kind: 'safety-plan-made', note: null, recorded_by: actor.userId, recorded_at: now }).execute();
    }
    await audit(tx, ctx, { action: 'sign', entityType: 'safety-plan', entityId: current.id, clientId, sensitivity: 'risk' });
    return toView(tx, (await latestPlan(tx, client.organization_id, clientId))!);
  });
}

export async function safetyPlanHistory(ctx: RequestContext, clientId: string): Promise<View[]> {
  return inTransaction(ctx, async (tx) => {
    const client = await loadAuthorizedClient(tx, ctx, clientId, 'client.read');
    const rows = await tx.selectFrom('safety_plan').selectAll().where('organization_id', '=', client.organization_id).where('client_id', '=', clientId).orderBy('plan_number', 'desc').execute();
    await audit(tx, ctx, { action: 'query', entityType: 'safety-plan', clientId, sensitivity: 'risk' });
    return Promise.all(rows.map((r) => toView(tx, r)));
  });
}
