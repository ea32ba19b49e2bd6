import { createHash } from 'node:crypto';
import type { z } from 'zod';
import {
  CLIENT_DOCUMENT_KINDS, DocumentKind, RecipientKind, type DisclosureLogQuery, type DisclosureView, type DocumentRequestBody,
} from '../../../contracts/documents.contract';
import { DomainError } from '../../../domain/errors';
import type { Executor, Tx } from '../../db/database';
import { audit } from '../../lib/audit';
import { isoNow, newId } from '../../lib/clock';
import { requireActor, type RequestContext } from '../../lib/context';
import { withIdempotency } from '../../lib/idempotency';
import { createPdf } from '../../lib/pdf/pdf-document';
import { inTransaction } from '../../lib/transaction';
import { countThrottledUse, THROTTLE_RULES } from '../auth/throttle';
import { loadAuthorizedClient } from '../clients/clients.service';
import { loadAuthorizedEpisode } from '../episodes/episode-access';
import { episodeView } from '../episodes/episodes.service';
import type { EpisodeTable } from '../episodes/episodes.table';
import { formulationLetterPlan, safetyPlanDocument, symptomChartPlan, treatmentSummaryPlan } from './document-plans';
import { RECIPIENT_LABELS, type DocumentPlan, type DocumentSource } from './document-source';
import type { DisclosureTable } from './documents.table';
import { endingDetails, relapsePreventionPlan } from './ending-plans';

/** A made document: its bytes, its file name and the disclosure row that logs it. */
export interface MadeDocument {
  pdf: Buffer;
  fileName: string;
  disclosureId: string;
  replayed: boolean;
}

/** What the idempotency store keeps, so a retried request answers the same bytes without a second disclosure. */
interface StoredDocument { disclosureId: string; fileName: string; pdfBase64: string }

async function planFor(kind: DocumentKind, source: DocumentSource): Promise<DocumentPlan> {
  switch (kind) {
    case 'symptom-chart': return symptomChartPlan(source);
    case 'formulation-letter': return formulationLetterPlan(source);
    case 'safety-plan': return safetyPlanDocument(source);
    case 'relapse-prevention-plan': return relapsePreventionPlan(source);
    case 'treatment-summary': return treatmentSummaryPlan(source, await endingDetails(source));
  }
}

/**
 * Who the document is for. The client needs no consent; anyone else needs the client's recorded
 * consent, not withdrawn, for this recipient kind and this document (security-reference §1 d11).
 */
async function recipientOf(tx: Executor, organizationId: string, clientId: string, body: DocumentRequestBody) {
  if (body.recipientKind === 'client') {
    if (body.consentId) throw new DomainError('validation', 'is only for a document shared with someone other than the client', { field: 'consentId' });
    return { kind: 'client' as const, name: null, consentId: null, consentGivenOn: null };
  }
  const who = RECIPIENT_LABELS[body.recipientKind];
  if (!body.consentId) throw new DomainError('conflict', `Sharing with a ${who} needs the client's recorded consent: record it first and choose it here.`, { field: 'consentId' });
  const consent = await tx.selectFrom('disclosure_consent').selectAll().where('organization_id', '=', organizationId).where('id', '=', body.consentId).executeTakeFirst();
  if (!consent || consent.client_id !== clientId) throw new DomainError('validation', 'must be a consent recorded for this client', { field: 'consentId' });
  if (consent.withdrawn_at) throw new DomainError('conflict', 'The client has withdrawn this consent; the document cannot be shared under it.', { field: 'consentId' });
  if (consent.recipient_kind !== body.recipientKind) throw new DomainError('conflict', `This consent is for a ${RECIPIENT_LABELS[consent.recipient_kind as RecipientKind]}, not a ${who}.`, { field: 'recipientKind' });
  const documents = DocumentKind.array().parse(JSON.parse(consent.documents_json));
  if (!documents.includes(body.kind)) throw new DomainError('conflict', 'This consent does not cover this document.', { field: 'consentId' });
  return { kind: body.recipientKind, name: consent.recipient_name, consentId: consent.id, consentGivenOn: consent.given_on };
}

function fileNameOf(kind: DocumentKind, identifier: string | null, date: string): string {
  const id = (identifier ?? '').replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return `${kind}${id ? `-${id}` : ''}-${date}.pdf`;
}

/**
 * Makes the PDF and logs it, in one transaction: the disclosure row (what, which version, to whom,
 * on what consent, by whom, when, the SHA-256 of the bytes) and an audit event without content
 * (`export` for the client's own copy, `disclose` for anyone else). Private process notes are never
 * read here.
 */
async function makeDocument(tx: Tx, ctx: RequestContext, episode: EpisodeTable | null, clientId: string, body: DocumentRequestBody, idempotencyKey: string | undefined, route: string): Promise<MadeDocument> {
  const actor = requireActor(ctx);
  const result = await withIdempotency<StoredDocument>(tx, ctx, idempotencyKey, route, body, async () => {
    const client = await tx.selectFrom('client').selectAll().where('organization_id', '=', actor.organizationId).where('id', '=', clientId).executeTakeFirstOrThrow();
    const organization = await tx.selectFrom('organization').select('name').where('id', '=', actor.organizationId).executeTakeFirstOrThrow();
    const recipient = await recipientOf(tx, actor.organizationId, clientId, body);
    const now = ctx.clock.now();
    const date = now.toISOString().slice(0, 10);
    const source: DocumentSource = {
      db: tx, organizationId: actor.organizationId, organizationName: organization.name, client, episode,
      episodeView: episode ? await episodeView(tx, ctx, episode, client) : null, recipient, date,
    };
    const plan = await planFor(body.kind, source);
    const writer = createPdf({
      organization: organization.name, title: plan.title, clientName: client.display_name, clientIdentifier: client.identifier, date,
      recipient: recipient.kind === 'client' ? null : `${recipient.name} (${RECIPIENT_LABELS[recipient.kind]})`,
    }, { createdAt: now, subject: plan.title });
    plan.render(writer);
    const pdf = await writer.finish();
    const row: DisclosureTable = {
      id: newId(), organization_id: actor.organizationId, client_id: clientId, episode_id: episode?.id ?? null, document_kind: plan.kind, document_version: plan.version,
      recipient_kind: recipient.kind, recipient_name: recipient.name, consent_id: recipient.consentId, purpose: body.purpose ?? null,
      disclosed_by: actor.userId, disclosed_at: isoNow(ctx.clock), file_name: fileNameOf(plan.kind, client.identifier, date), byte_length: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    };
    await tx.insertInto('disclosure').values(row).execute();
    await audit(tx, ctx, {
      action: recipient.kind === 'client' ? 'export' : 'disclose', entityType: 'document', entityId: row.id, clientId, sensitivity: plan.sensitivity,
      reason: `${plan.kind} to ${recipient.kind}`,
    });
    return { statusCode: 200, body: { disclosureId: row.id, fileName: row.file_name, pdfBase64: pdf.toString('base64') } };
  });
  return { pdf: Buffer.from(result.body.pdfBase64, 'base64'), fileName: result.body.fileName, disclosureId: result.body.disclosureId, replayed: result.replayed };
}

/**
 * Anti-automation for exports (security-reference §8 row 26): each person may make a limited number of
 * documents per window, shared by every server instance; a refusal is 429 with Retry-After, audited.
 */
async function admitDocumentExport(ctx: RequestContext): Promise<void> {
  const actor = requireActor(ctx);
  const wait = await countThrottledUse(ctx.db, ctx.clock, `export:${actor.userId}`, THROTTLE_RULES.documentExports);
  if (wait === null) return;
  await inTransaction(ctx, (tx) => audit(tx, ctx, { action: 'denied', entityType: 'document', outcome: 'denied', reason: 'too many documents: export throttled' }));
  throw new DomainError('too-many-requests', `Too many documents made in a short time. Try again in ${Math.ceil(wait / 60)} minute(s).`, { extra: { retryAfterSeconds: wait } });
}

/** Makes one of the episode's documents (any kind; the safety plan is the client's current one). */
export async function makeEpisodeDocument(ctx: RequestContext, episodeId: string, body: DocumentRequestBody, idempotencyKey: string | undefined): Promise<MadeDocument> {
  await admitDocumentExport(ctx);
  return inTransaction(ctx, async (tx) => {
    const { episode } = await loadAuthorizedEpisode(tx, ctx, episodeId, 'client.update');
    return makeDocument(tx, ctx, episode, episode.client_id, body, idempotencyKey, `document:episode:${episodeId}`);
  });
}

/** Makes a document about the client as a whole (today: the safety plan). */
export async function makeClientDocument(ctx: RequestContext, clientId: string, body: DocumentRequestBody, idempotencyKey: string | undefined): Promise<MadeDocument> {
  if (!(CLIENT_DOCUMENT_KINDS as readonly string[]).includes(body.kind)) {
    throw new DomainError('validation', `must be one of ${CLIENT_DOCUMENT_KINDS.join(', ')} here; make episode documents from the episode`, { field: 'kind' });
  }
  await admitDocumentExport(ctx);
  return inTransaction(ctx, async (tx) => {
    await loadAuthorizedClient(tx, ctx, clientId, 'client.update');
    return makeDocument(tx, ctx, null, clientId, body, idempotencyKey, `document:client:${clientId}`);
  });
}

async function toDisclosureViews(db: Executor, organizationId: string, rows: DisclosureTable[]): Promise<DisclosureView[]> {
  const ids = [...new Set(rows.map((r) => r.disclosed_by))];
  const names = ids.length === 0 ? new Map<string, string>()
    : new Map((await db.selectFrom('app_user').select(['id', 'name']).where('organization_id', '=', organizationId).where('id', 'in', ids).execute()).map((u) => [u.id, u.name]));
  return rows.map((r) => ({
    id: r.id, clientId: r.client_id, episodeId: r.episode_id, documentKind: DocumentKind.parse(r.document_kind), documentVersion: r.document_version,
    recipientKind: RecipientKind.parse(r.recipient_kind), recipientName: r.recipient_name, consentId: r.consent_id, purpose: r.purpose,
    disclosedBy: r.disclosed_by, disclosedByName: names.get(r.disclosed_by) ?? null, disclosedAt: r.disclosed_at, fileName: r.file_name,
    byteLength: Number(r.byte_length), sha256: r.sha256,
  }));
}

/** The disclosure report of one client (security-reference §1 d11): every document made, newest first. */
export async function clientDisclosures(ctx: RequestContext, clientId: string) {
  return inTransaction(ctx, async (tx) => {
    const client = await loadAuthorizedClient(tx, ctx, clientId, 'client.read');
    const rows = await tx.selectFrom('disclosure').selectAll().where('organization_id', '=', client.organization_id).where('client_id', '=', clientId)
      .orderBy('disclosed_at', 'desc').orderBy('id', 'desc').execute();
    await audit(tx, ctx, { action: 'query', entityType: 'disclosure', clientId });
    return { clientId, clientName: client.display_name, items: await toDisclosureViews(tx, client.organization_id, rows) };
  });
}

/** The organization's disclosure log for administrators: by client id and period, no clinical content. */
export async function disclosureLog(ctx: RequestContext, query: z.infer<typeof DisclosureLogQuery>) {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    let q = tx.selectFrom('disclosure').selectAll().where('organization_id', '=', actor.organizationId);
    if (query.clientId) q = q.where('client_id', '=', query.clientId);
    if (query.from) q = q.where('disclosed_at', '>=', `${query.from}T00:00:00.000Z`);
    if (query.to) q = q.where('disclosed_at', '<', new Date(Date.parse(`${query.to}T00:00:00.000Z`) + 86_400_000).toISOString());
    const rows = await q.orderBy('disclosed_at', 'desc').orderBy('id', 'desc').limit(1000).execute();
    await audit(tx, ctx, { action: 'query', entityType: 'disclosure', clientId: query.clientId ?? null });
    return { items: await toDisclosureViews(tx, actor.organizationId, rows) };
  });
}
