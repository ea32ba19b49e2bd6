import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Problem } from '../../../contracts/common';
import {
  AddendumBody, MaintenanceEpisodeBody, ProgressReview, RelapsePlan, RelapsePlanBody, SharingBody, TerminationRecord, TerminationRecordBody,
} from '../../../contracts/termination.contract';
import { readIdempotencyKey } from '../../lib/idempotency';
import { etagOf, requireIfMatch } from '../../lib/versioning';
import {
  addTerminationAddendum, getProgressReview, getRelapsePlan, getTerminationRecord, relapsePlanHistory, saveRelapsePlan, saveTerminationRecord, setRelapsePlanSharing,
  signRelapsePlan, signTerminationRecord, startMaintenanceEpisode,
} from './termination.service';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 412: Problem, 422: Problem, 423: Problem, 428: Problem };
const tags = ['termination'];

/** The termination phase: progress review, termination note, relapse-prevention plan, next step. */
export async function terminationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const withEtag = <T extends { version: number }>(reply: { header(n: string, v: string): unknown }, view: T) => { reply.header('etag', etagOf(view.version)); return view; };

  r.get('/api/v1/episodes/:id/termination/progress-review', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'The progress review computed from the record: scores with their outcome, problem areas, closeness circle, goals, tasks and next-step options', params: IdParams, response: { 200: ProgressReview, ...errors } },
  }, async (request) => getProgressReview(request.ctx, request.params.id));

  r.get('/api/v1/episodes/:id/termination', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'The termination record (feelings about ending, what remains, goals, next step); signed it is the termination note', params: IdParams, response: { 200: TerminationRecord, ...errors } },
  }, async (request, reply) => withEtag(reply, await getTerminationRecord(request.ctx, request.params.id)));

  r.put('/api/v1/episodes/:id/termination', {
    config: { permission: 'client.update' },
    schema: { tags, summary: 'Save the draft termination record (If-Match; "0" for the first save); a signed record is locked (423)', params: IdParams, body: TerminationRecordBody, response: { 200: TerminationRecord, ...errors } },
  }, async (request, reply) => withEtag(reply, await saveTerminationRecord(request.ctx, request.params.id, requireIfMatch(request.headers['if-match']), request.body)));

  r.post('/api/v1/episodes/:id/termination/sign', {
    config: { permission: 'client.update' },
    schema: { tags, summary: 'Sign the termination note: locked and hashed (If-Match); needs the next step', params: IdParams, response: { 200: TerminationRecord, ...errors } },
  }, async (request, reply) => withEtag(reply, await signTerminationRecord(request.ctx, request.params.id, requireIfMatch(request.headers['if-match']))));

  r.post('/api/v1/episodes/:id/termination/addenda', {
    config: { permission: 'client.update' },
    schema: { tags, summary: 'Add a signed addendum to the signed termination note', params: IdParams, body: AddendumBody, response: { 201: TerminationRecord, ...errors } },
  }, async (request, reply) => reply.status(201).send(withEtag(reply, await addTerminationAddendum(request.ctx, request.params.id, request.body))));

  r.post('/api/v1/episodes/:id/termination/maintenance-episode', {
    config: { permission: 'client.update' },
    schema: { tags, summary: 'Start the maintenance-IPT episode chosen as next step, linked to this one (Idempotency-Key accepted)', params: IdParams, body: MaintenanceEpisodeBody, response: { 201: TerminationRecord, ...errors } },
  }, async (request, reply) => {
    const result = await startMaintenanceEpisode(request.ctx, request.params.id, readIdempotencyKey(request.headers['idempotency-key']), request.body);
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(201).send(withEtag(reply, result.body));
  });

  r.get('/api/v1/episodes/:id/relapse-plan', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'The current relapse-prevention plan (or a new one prefilled from the record)', params: IdParams, response: { 200: RelapsePlan, ...errors } },
  }, async (request, reply) => withEtag(reply, await getRelapsePlan(request.ctx, request.params.id)));

  r.put('/api/v1/episodes/:id/relapse-plan', {
    config: { permission: 'client.update' },
    schema: { tags, summary: 'Save the relapse-prevention plan (If-Match; "0" for the first); a signed plan starts a new version', params: IdParams, body: RelapsePlanBody, response: { 200: RelapsePlan, ...errors } },
  }, async (request, reply) => withEtag(reply, await saveRelapsePlan(request.ctx, request.params.id, requireIfMatch(request.headers['if-match']), request.body)));

  r.post('/api/v1/episodes/:id/relapse-plan/sign', {
    config: { permission: 'client.update' },
    schema: { tags, summary: 'Sign the draft relapse-prevention plan (If-Match); the signed version is locked', params: IdParams, response: { 200: RelapsePlan, ...errors } },
  }, async (request, reply) => withEtag(reply, await signRelapsePlan(request.ctx, request.params.id, requireIfMatch(request.headers['if-match']))));

  r.put('/api/v1/episodes/:id/relapse-plan/sharing', {
    config: { permission: 'client.update' },
    schema: { tags, summary: 'Share the current plan with the client, or stop (If-Match)', params: IdParams, body: SharingBody, response: { 200: RelapsePlan, ...errors } },
  }, async (request, reply) => withEtag(reply, await setRelapsePlanSharing(request.ctx, request.params.id, requireIfMatch(request.headers['if-match']), request.body)));

  r.get('/api/v1/episodes/:id/relapse-plan/history', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'Every version of the episode\'s relapse-prevention plan, newest first', params: IdParams, response: { 200: z.object({ items: z.array(RelapsePlan) }), ...errors } },
  }, async (request) => ({ items: await relapsePlanHistory(request.ctx, request.params.id) }));
}
