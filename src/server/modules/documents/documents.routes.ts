import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, Problem } from '../../../contracts/common';
import {
  ClientDisclosureReport, ConsentCreateBody, ConsentList, ConsentView, ConsentWithdrawBody, DisclosureLog, DisclosureLogQuery, DocumentRequestBody,
} from '../../../contracts/documents.contract';
import { ClientParams } from '../../../contracts/episodes.contract';
import { readIdempotencyKey } from '../../lib/idempotency';
import { etagOf, requireIfMatch } from '../../lib/versioning';
import { listConsents, recordConsent, withdrawConsent } from './consents.service';
import { clientDisclosures, disclosureLog, makeClientDocument, makeEpisodeDocument, type MadeDocument } from './documents.service';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 412: Problem, 422: Problem, 428: Problem };

/** The PDF itself: a download with its file name; the disclosure's id in a header. */
function sendPdf(reply: FastifyReply, made: MadeDocument) {
  return reply.status(200).type('application/pdf')
    .header('content-disposition', `attachment; filename="${made.fileName}"`)
    .header('disclosure-id', made.disclosureId)
    .header('idempotent-replayed', String(made.replayed))
    .send(made.pdf);
}

const pdfAnswer = 'The PDF (application/pdf) as an attachment; the disclosure log row\'s id in the Disclosure-Id header.';

/**
 * Documents as PDFs, consents to share them, and the disclosure log. Making a document is a POST:
 * every PDF made is logged as a disclosure, so it changes state (and must never happen on a GET,
 * which browsers, proxies and link previews may repeat).
 */
export async function documentsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/episodes/:id/documents', {
    config: { permission: 'client.update' },
    schema: {
      tags: ['documents'], summary: 'Make a PDF of the episode (treatment summary, relapse-prevention plan, formulation letter, symptom chart, safety plan) and log the disclosure',
      description: pdfAnswer, params: IdParams, body: DocumentRequestBody, response: errors,
    },
  }, async (request, reply) => sendPdf(reply, await makeEpisodeDocument(request.ctx, request.params.id, request.body, readIdempotencyKey(request.headers['idempotency-key']))));

  r.post('/api/v1/clients/:clientId/documents', {
    config: { permission: 'client.update' },
    schema: {
      tags: ['documents'], summary: 'Make a PDF about the client as a whole (the safety plan) and log the disclosure',
      description: pdfAnswer, params: ClientParams, body: DocumentRequestBody, response: errors,
    },
  }, async (request, reply) => sendPdf(reply, await makeClientDocument(request.ctx, request.params.clientId, request.body, readIdempotencyKey(request.headers['idempotency-key']))));

  r.get('/api/v1/clients/:clientId/disclosures', {
    config: { permission: 'client.read' },
    schema: { tags: ['documents'], summary: 'The client\'s disclosure report: every document made, to whom, when, by whom', params: ClientParams, response: { 200: ClientDisclosureReport, ...errors } },
  }, async (request) => clientDisclosures(request.ctx, request.params.clientId));

  r.get('/api/v1/disclosures', {
    config: { permission: 'audit.read' },
    schema: { tags: ['documents'], summary: 'The organization\'s disclosure log (administrators), by client id and period', querystring: DisclosureLogQuery, response: { 200: DisclosureLog, 400: Problem, 401: Problem, 403: Problem } },
  }, async (request) => disclosureLog(request.ctx, request.query));

  r.get('/api/v1/clients/:clientId/disclosure-consents', {
    config: { permission: 'client.read' },
    schema: { tags: ['documents'], summary: 'The client\'s consents to share documents, withdrawn ones included', params: ClientParams, response: { 200: ConsentList, ...errors } },
  }, async (request) => ({ items: await listConsents(request.ctx, request.params.clientId) }));

  r.post('/api/v1/clients/:clientId/disclosure-consents', {
    config: { permission: 'client.update' },
    schema: { tags: ['documents'], summary: 'Record the client\'s consent to share documents with a named referrer, GP or professional (Idempotency-Key)', params: ClientParams, body: ConsentCreateBody, response: { 201: ConsentView, ...errors } },
  }, async (request, reply) => {
    const result = await recordConsent(request.ctx, request.params.clientId, request.body, readIdempotencyKey(request.headers['idempotency-key']));
    reply.header('etag', etagOf(result.body.version));
    return reply.status(result.statusCode).send(result.body);
  });

  r.post('/api/v1/disclosure-consents/:id/withdraw', {
    config: { permission: 'client.update' },
    schema: { tags: ['documents'], summary: 'Withdraw a consent (If-Match); it is kept, and no document is shared under it again', params: IdParams, body: ConsentWithdrawBody, response: { 200: ConsentView, ...errors } },
  }, async (request, reply) => {
    const view = await withdrawConsent(request.ctx, request.params.id, requireIfMatch(request.headers['if-match']), request.body);
    reply.header('etag', etagOf(view.version));
    return view;
  });
}
