import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common';
import {
  OutcomeBody, OutcomeParams, OutcomeSeriesView, OutcomeView, StageChangeBody, WorkspaceList, WorkspaceOpenBody, WorkspaceUpdateBody, WorkspaceView,
} from '../../../contracts/middle-phase.contract';
import { readIdempotencyKey } from '../../lib/idempotency';
import { requireIfMatch } from '../../lib/versioning';
import { outcomeSeries, putOutcome } from './outcomes.service';
import { middlePhaseErrors, withEtag } from './route-helpers';
import { tasksRoutes } from './tasks.routes';
import { worksheetsRoutes } from './worksheets.routes';
import { changeStage, listWorkspaces, openWorkspace, readWorkspace, updateWorkspace } from './workspaces.service';

/**
 * The middle phase of an episode (clinical-reference §2, §3): problem-area workspaces with their
 * stage history and strategy checklist, per-session problem-area outcomes, technique worksheets and
 * between-session tasks. Access follows the episode's client; refusals answer 404.
 */
export async function middlePhaseRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['middle phase'];
  const errors = middlePhaseErrors;

  r.get('/api/v1/episodes/:id/workspaces', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'The problem-area workspaces of an episode, with the focus rule', params: IdParams, response: { 200: WorkspaceList, ...errors } },
  }, async (request) => listWorkspaces(request.ctx, request.params.id));

  r.post('/api/v1/episodes/:id/workspaces', {
    config: { permission: 'client.update' },
    schema: { tags, summary: 'Open a workspace for one problem area (focus rules; at most two; Idempotency-Key accepted)', params: IdParams, body: WorkspaceOpenBody, response: { 201: WorkspaceView, ...errors } },
  }, async (request, reply) => {
    const result = await openWorkspace(request.ctx, request.params.id, request.body, readIdempotencyKey(request.headers['idempotency-key']));
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(201).send(withEtag(reply, result.body));
  });

  r.get('/api/v1/workspaces/:id', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'A workspace: details, goals, summary, checklist for the area and stage, stage history, progress', params: IdParams, response: { 200: WorkspaceView, ...errors } },
  }, async (request, reply) => withEtag(reply, await readWorkspace(request.ctx, request.params.id)));

  r.patch('/api/v1/workspaces/:id', {
    config: { permission: 'client.update' },
    schema: { tags, summary: 'Change goals, summary, details or checklist ticks (If-Match); the replaced version is kept', params: IdParams, body: WorkspaceUpdateBody, response: { 200: WorkspaceView, ...errors } },
  }, async (request, reply) => withEtag(reply, await updateWorkspace(request.ctx, request.params.id, requireIfMatch(request.headers['if-match']), request.body)));

  r.post('/api/v1/workspaces/:id/stage-changes', {
    config: { permission: 'client.update' },
    schema: { tags, summary: 'Move a role dispute to another stage (If-Match); kept in the stage history', params: IdParams, body: StageChangeBody, response: { 200: WorkspaceView, ...errors } },
  }, async (request, reply) => withEtag(reply, await changeStage(request.ctx, request.params.id, requireIfMatch(request.headers['if-match']), request.body)));

  r.put('/api/v1/workspaces/:id/outcomes/:sessionId', {
    config: { permission: 'client.update' },
    schema: { tags, summary: 'Record one session\'s problem-area outcome (If-Match: "0" when there is none yet; signed sessions answer 423)', params: OutcomeParams, body: OutcomeBody, response: { 200: OutcomeView, ...errors } },
  }, async (request, reply) => withEtag(reply, await putOutcome(request.ctx, request.params.id, request.params.sessionId, requireIfMatch(request.headers['if-match']), request.body)));

  r.get('/api/v1/episodes/:id/outcomes', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'The problem-area outcome series of every workspace, for charting beside the symptom chart', params: IdParams, response: { 200: OutcomeSeriesView, ...errors } },
  }, async (request) => outcomeSeries(request.ctx, request.params.id));

  await worksheetsRoutes(app);
  await tasksRoutes(app);
}
