import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../contracts/common';
import { TaskCreateBody, TaskListQuery, TaskReviewBody, TaskUpdateBody, TaskView } from '../../../contracts/middle-phase.contract';
import { readIdempotencyKey } from '../../lib/idempotency';
import { requireIfMatch } from '../../lib/versioning';
import { middlePhaseErrors as errors, withEtag } from './route-helpers';
import { createTask, listTasks, readTask, reviewTask, updateTask } from './tasks.service';

/**
 * Between-session tasks: set in one session, reviewed at a later one; open tasks are what the next
 * session brings up. Registered by middlePhaseRoutes.
 */
export async function tasksRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['middle phase'];

  r.post('/api/v1/sessions/:id/tasks', {
    config: { permission: 'client.update' },
    schema: { tags, summary: 'Set a between-session task in an open session (Idempotency-Key accepted)', params: IdParams, body: TaskCreateBody, response: { 201: TaskView, ...errors } },
  }, async (request, reply) => {
    const result = await createTask(request.ctx, request.params.id, request.body, readIdempotencyKey(request.headers['idempotency-key']));
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(201).send(withEtag(reply, result.body));
  });

  r.get('/api/v1/episodes/:id/tasks', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'The tasks of an episode (?status=open|reviewed|all)', params: IdParams, querystring: TaskListQuery, response: { 200: z.object({ items: z.array(TaskView) }), ...errors } },
  }, async (request) => ({ items: await listTasks(request.ctx, request.params.id, request.query.status) }));

  r.get('/api/v1/tasks/:id', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'One task', params: IdParams, response: { 200: TaskView, ...errors } },
  }, async (request, reply) => withEtag(reply, await readTask(request.ctx, request.params.id)));

  r.patch('/api/v1/tasks/:id', {
    config: { permission: 'client.update' },
    schema: { tags, summary: 'Change a task as set (If-Match; once its session is signed only visibleToClient can change)', params: IdParams, body: TaskUpdateBody, response: { 200: TaskView, ...errors } },
  }, async (request, reply) => withEtag(reply, await updateTask(request.ctx, request.params.id, requireIfMatch(request.headers['if-match']), request.body)));

  r.post('/api/v1/tasks/:id/review', {
    config: { permission: 'client.update' },
    schema: { tags, summary: 'Review a task at a later open session: done, partly or not, what happened, mood effect −5…+5 (If-Match)', params: IdParams, body: TaskReviewBody, response: { 200: TaskView, ...errors } },
  }, async (request, reply) => withEtag(reply, await reviewTask(request.ctx, request.params.id, requireIfMatch(request.headers['if-match']), request.body)));
}
