import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { BreakGlassBody, BreakGlassGrantView, ClientArchiveBody, ClientCreateBody, ClientListQuery, ClientPage, ClientTransferBody, ClientUpdateBody, ClientView } from '../../../contracts/clients.contract';
import { IdParams, Problem } from '../../../contracts/common';
import { readIdempotencyKey } from '../../lib/idempotency';
import { sendReadAnswer } from '../../lib/send-read-answer';
import { etagOf, requireIfMatch } from '../../lib/versioning';
import { archiveClient, breakGlass, createClient, listCaseload, readClient, transferClient, updateClient } from './clients.service';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 412: Problem, 422: Problem, 428: Problem };

/** The client record: caseload, create, read, edit, archive, transfer and break-glass access. */
export async function clientsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/clients', {
    config: { permission: 'client.list', sessionOnReadWorker: true },
    schema: { tags: ['clients'], summary: 'Caseload: clients I may see, by name, searchable, paginated', querystring: ClientListQuery, response: { 200: ClientPage, ...errors } },
  }, async (request, reply) => sendReadAnswer(reply, await listCaseload(request.ctx, request.query)));

  r.post('/api/v1/clients', {
    config: { permission: 'client.create' },
    schema: { tags: ['clients'], summary: 'Create a client (Idempotency-Key accepted)', body: ClientCreateBody, response: { 201: ClientView, ...errors } },
  }, async (request, reply) => {
    const key = readIdempotencyKey(request.headers['idempotency-key']);
    const result = await createClient(request.ctx, request.body, key);
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    reply.header('etag', etagOf(result.body.version)).header('location', `/api/v1/clients/${result.body.id}`);
    return reply.status(result.statusCode as 201).send(result.body);
  });

  r.get('/api/v1/clients/:id', {
    config: { permission: 'client.read', sessionOnReadWorker: true },
    schema: { tags: ['clients'], summary: 'One client record (ETag carries the version)', params: IdParams, response: { 200: ClientView, ...errors } },
  }, async (request, reply) => sendReadAnswer(reply, await readClient(request.ctx, request.params.id)));

  r.patch('/api/v1/clients/:id', {
    config: { permission: 'client.update' },
    schema: { tags: ['clients'], summary: 'Edit a client (If-Match required)', params: IdParams, body: ClientUpdateBody, response: { 200: ClientView, ...errors } },
  }, async (request, reply) => {
    const client = await updateClient(request.ctx, request.params.id, requireIfMatch(request.headers['if-match']), request.body);
    reply.header('etag', etagOf(client.version));
    return client;
  });

  r.post('/api/v1/clients/:id/archive', {
    config: { permission: 'client.archive' },
    schema: { tags: ['clients'], summary: 'Archive a client with a reason (If-Match required)', params: IdParams, body: ClientArchiveBody, response: { 200: ClientView, ...errors } },
  }, async (request, reply) => {
    const client = await archiveClient(request.ctx, request.params.id, requireIfMatch(request.headers['if-match']), request.body.reason);
    reply.header('etag', etagOf(client.version));
    return client;
  });

  r.post('/api/v1/clients/:id/transfer', {
    config: { permission: 'client.transfer' },
    schema: { tags: ['clients'], summary: 'Move a client to another clinician you supervise (If-Match required)', params: IdParams, body: ClientTransferBody, response: { 200: ClientView, ...errors } },
  }, async (request, reply) => {
    const client = await transferClient(request.ctx, request.params.id, requireIfMatch(request.headers['if-match']), request.body.clinicianId, request.body.reason);
    reply.header('etag', etagOf(client.version));
    return client;
  });

  r.post('/api/v1/clients/:id/break-glass', {
    config: { permission: 'client.break-glass' },
    schema: { tags: ['clients'], summary: 'Emergency read access for one hour, with a reason (audited)', params: IdParams, body: BreakGlassBody, response: { 201: BreakGlassGrantView, ...errors } },
  }, async (request, reply) => reply.status(201).send(await breakGlass(request.ctx, request.params.id, request.body.reason)));
}
