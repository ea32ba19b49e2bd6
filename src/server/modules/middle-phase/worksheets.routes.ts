import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../contracts/common';
import { WorksheetCreateBody, WorksheetHistory, WorksheetListQuery, WorksheetReplaceBody, WorksheetView } from '../../../contracts/middle-phase.contract';
import { readIdempotencyKey } from '../../lib/idempotency';
import { requireIfMatch } from '../../lib/versioning';
import { middlePhaseErrors as errors, withEtag } from './route-helpers';
import { createWorksheet, listEpisodeWorksheets, listSessionWorksheets, readWorksheet, replaceWorksheet, worksheetHistory } from './worksheets.service';

/**
 * Technique worksheets (clinical-reference §3): communication analysis, decision analysis, role play
 * and interval review, each a typed payload on one session, versioned, with a one-line summary for
 * the session note. Registered by middlePhaseRoutes.
 */
export async function worksheetsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['middle phase'];

  r.get('/api/v1/sessions/:id/worksheets', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'The worksheets of a session, each with its one-line summary for the note', params: IdParams, response: { 200: z.object({ items: z.array(WorksheetView) }), ...errors } },
  }, async (request) => ({ items: await listSessionWorksheets(request.ctx, request.params.id) }));

  r.post('/api/v1/sessions/:id/worksheets', {
    config: { permission: 'client.update' },
    schema: { tags, summary: 'Add a worksheet to an open session (Idempotency-Key accepted; signed sessions answer 423)', params: IdParams, body: WorksheetCreateBody, response: { 201: WorksheetView, ...errors } },
  }, async (request, reply) => {
    const result = await createWorksheet(request.ctx, request.params.id, request.body, readIdempotencyKey(request.headers['idempotency-key']));
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(201).send(withEtag(reply, result.body));
  });

  r.get('/api/v1/episodes/:id/worksheets', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'The worksheets of an episode (?kind=, ?workspaceId=)', params: IdParams, querystring: WorksheetListQuery, response: { 200: z.object({ items: z.array(WorksheetView) }), ...errors } },
  }, async (request) => ({ items: await listEpisodeWorksheets(request.ctx, request.params.id, request.query) }));

  r.get('/api/v1/worksheets/:id', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'One worksheet', params: IdParams, response: { 200: WorksheetView, ...errors } },
  }, async (request, reply) => withEtag(reply, await readWorksheet(request.ctx, request.params.id)));

  r.put('/api/v1/worksheets/:id', {
    config: { permission: 'client.update' },
    schema: { tags, summary: 'Save a new version of a worksheet (If-Match; the previous version is kept; signed sessions answer 423)', params: IdParams, body: WorksheetReplaceBody, response: { 200: WorksheetView, ...errors } },
  }, async (request, reply) => withEtag(reply, await replaceWorksheet(request.ctx, request.params.id, requireIfMatch(request.headers['if-match']), request.body)));

  r.get('/api/v1/worksheets/:id/history', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'Every version of a worksheet, newest first', params: IdParams, response: { 200: WorksheetHistory, ...errors } },
  }, async (request) => worksheetHistory(request.ctx, request.params.id));
}
