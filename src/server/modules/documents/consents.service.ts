import type { z } from 'zod';
import { DocumentKind, type ConsentCreateBody, type ConsentView, type ConsentWithdrawBody } from '../../../contracts/documents.contract';
import { DomainError } from '../../../domain/errors';
import type { Executor } from '../../db/database';
import { audit } from '../../lib/audit';
import { notFound } from '../../lib/authorize';
import { isoNow, newId } from '../../lib/clock';
import { requireActor, type RequestContext } from '../../lib/context';
import { withIdempotency, type StoredResponse } from '../../lib/idempotency';
import { inTransaction } from '../../lib/transaction';
import { staleVersion } from '../../lib/versioning';
import { authorizeOnClient } from '../clients/client-access';
import { loadAuthorizedClient } from '../clients/clients.service';
import type { DisclosureConsentTable } from './documents.table';

async function namesOf(db: Executor, organizationId: string, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('app_user').select(['id', 'name']).where('organization_id', '=', organizationId).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function toConsentViews(db: Executor, rows: DisclosureConsentTable[]): Promise<ConsentView[]> {
  if (rows.length === 0) return [];
  const names = await namesOf(db, rows[0]!.organization_id, rows.flatMap((r) => [r.recorded_by, r.withdrawn_by]));
  return rows.map((r) => ({
    id: r.id, clientId: r.client_id, recipientKind: r.recipient_kind as ConsentView['recipientKind'], recipientName: r.recipient_name,
    documents: DocumentKind.array().parse(JSON.parse(r.documents_json)), purpose: r.purpose, givenOn: r.given_on,
    recordedBy: r.recorded_by, recordedByName: names.get(r.recorded_by) ?? null, recordedAt: r.recorded_at,
    status: r.withdrawn_at ? 'withdrawn' : 'active', withdrawnAt: r.withdrawn_at, withdrawnByName: r.withdrawn_by ? names.get(r.withdrawn_by) ?? null : null,
    withdrawalReason: r.withdrawal_reason, version: Number(r.version),
  }));
}

/** The client's consents to share documents, newest first, withdrawn ones included. */
export async function listConsents(ctx: RequestContext, clientId: string): Promise<ConsentView[]> {
  return inTransaction(ctx, async (tx) => {
    const client = await loadAuthorizedClient(tx, ctx, clientId, 'client.read');
    const rows = await tx.selectFrom('disclosure_consent').selectAll().where('organization_id', '=', client.organization_id).where('client_id', '=', clientId)
      .orderBy('recorded_at', 'desc').orderBy('id', 'desc').execute();
    await audit(tx, ctx, { action: 'query', entityType: 'disclosure-consent', clientId });
    return toConsentViews(tx, rows);
  });
}

/** Records the client's consent to share the named documents with one person or service (Idempotency-Key). */
export async function recordConsent(ctx: RequestContext, clientId: string, body: z.infer<typeof ConsentCreateBody>, idempotencyKey: string | undefined): Promise<StoredResponse<ConsentView>> {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    const client = await loadAuthorizedClient(tx, ctx, clientId, 'client.update');
    return withIdempotency(tx, ctx, idempotencyKey, `consent:${clientId}`, body, async () => {
      const now = isoNow(ctx.clock);
      if (body.givenOn > now.slice(0, 10)) throw new DomainError('validation', 'must not be in the future', { field: 'givenOn' });
      const row: DisclosureConsentTable = {
        id: newId(), organization_id: actor.organizationId, client_id: client.id, recipient_kind: body.recipientKind, recipient_name: body.recipientName,
        documents_json: JSON.stringify(body.documents), purpose: body.purpose ?? null, given_on: body.givenOn, recorded_by: actor.userId, recorded_at: now,
        withdrawn_at: null, withdrawn_by: null, withdrawal_reason: null, version: 1,
      };
      await tx.insertInto('disclosure_consent').values(row).execute();
      await audit(tx, ctx, { action: 'create', entityType: 'disclosure-consent', entityId: row.id, clientId });
      return { statusCode: 201, body: (await toConsentViews(tx, [row]))[0]! };
    });
  });
}

/** Loads a consent scoped by organization and checks access through its client (a refusal looks like "not found"). */
export async function loadAuthorizedConsent(tx: Executor, ctx: RequestContext, consentId: string, action: 'client.read' | 'client.update'): Promise<DisclosureConsentTable> {
  const actor = requireActor(ctx);
  const row = await tx.selectFrom('disclosure_consent').innerJoin('client', 'client.id', 'disclosure_consent.client_id').selectAll('disclosure_consent').select('client.clinician_id')
    .where('disclosure_consent.organization_id', '=', actor.organizationId).where('disclosure_consent.id', '=', consentId).executeTakeFirst();
  if (!row) throw notFound('disclosure-consent');
  const { clinician_id, ...consent } = row;
  await authorizeOnClient(tx, ctx, action, { clientId: consent.client_id, clinicianId: clinician_id }, { entityType: 'disclosure-consent', entityId: consentId });
  return consent;
}

/** Withdraws a consent (If-Match). It is kept; documents already shared stay in the log; no new ones go out under it. */
export async function withdrawConsent(ctx: RequestContext, consentId: string, version: number, body: z.infer<typeof ConsentWithdrawBody>): Promise<ConsentView> {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    const consent = await loadAuthorizedConsent(tx, ctx, consentId, 'client.update');
    if (Number(consent.version) !== version) throw staleVersion('consent', Number(consent.version));
    if (consent.withdrawn_at) throw new DomainError('conflict', 'This consent has already been withdrawn.');
    const now = isoNow(ctx.clock);
    const changes = { withdrawn_at: now, withdrawn_by: actor.userId, withdrawal_reason: body?.reason ?? null, version: version + 1 };
    const result = await tx.updateTable('disclosure_consent').set(changes)
      .where('organization_id', '=', actor.organizationId).where('id', '=', consentId).where('version', '=', version).executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw staleVersion('consent', version + 1);
    await audit(tx, ctx, { action: 'update', entityType: 'disclosure-consent', entityId: consentId, clientId: consent.client_id, reason: 'withdrawn' });
    return (await toConsentViews(tx, [{ ...consent, ...changes }]))[0]!;
  });
}
