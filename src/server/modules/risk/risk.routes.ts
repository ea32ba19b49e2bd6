import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Problem } from '../../../contracts/common';
import { ClientParams, RiskFlagView } from '../../../contracts/episodes.contract';
import { CloseFlagBody, ConcernBody, NotificationView, RiskActionBody, RiskFlagDetail, SafetyPlanBody, SafetyPlanView, ScreenBody } from '../../../contracts/risk.contract';
import { etagOf, requireIfMatch } from '../../lib/versioning';
import { acknowledgeFlag, closeFlag, raiseConcern, readFlag, recordAction, screenFlag } from './risk-flags.service';
import { readSafetyPlan, safetyPlanHistory, saveSafetyPlan, signSafetyPlan } from './safety-plan.service';
import { listNotifications, supervisionRiskFlags } from './supervision-risk.service';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 412: Problem, 428: Problem };
const DashboardItem = RiskFlagView.extend({ clientName: z.string(), clinicianName: z.string(), escalationStatus: z.string(), escalatedAt: z.string().nullable() });

/** The safety workflow: flag → screen → safety plan → supervisor → follow-up → close. */
export async function riskRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const withEtag = <T extends { version: number }>(reply: { header(n: string, v: string): unknown }, view: T) => { reply.header('etag', etagOf(view.version)); return view; };

  r.post('/api/v1/clients/:clientId/risk-flags', {
    config: { permission: 'client.update' },
    schema: { tags: ['risk'], summary: 'Raise a flag for a clinician\'s own concern', params: ClientParams, body: ConcernBody, response: { 201: RiskFlagDetail, ...errors } },
  }, async (request, reply) => reply.status(201).send(withEtag(reply, await raiseConcern(request.ctx, request.params.clientId, request.body))));

  r.get('/api/v1/risk-flags/:id', {
    config: { permission: 'client.read' },
    schema: { tags: ['risk'], summary: 'A flag with its screen, escalation, actions and the referral pathway', params: IdParams, response: { 200: RiskFlagDetail, ...errors } },
  }, async (request, reply) => withEtag(reply, await readFlag(request.ctx, request.params.id)));

  r.post('/api/v1/risk-flags/:id/screen', {
    config: { permission: 'client.update' },
    schema: { tags: ['risk'], summary: 'Record the C-SSRS screen; its triage sets the level and may escalate', params: IdParams, body: ScreenBody, response: { 200: RiskFlagDetail, ...errors } },
  }, async (request, reply) => withEtag(reply, await screenFlag(request.ctx, request.params.id, request.body)));

  r.post('/api/v1/risk-flags/:id/actions', {
    config: { permission: 'client.update' },
    schema: { tags: ['risk'], summary: 'Record an action taken (called emergency services, referred, …)', params: IdParams, body: RiskActionBody, response: { 201: RiskFlagDetail, ...errors } },
  }, async (request, reply) => reply.status(201).send(withEtag(reply, await recordAction(request.ctx, request.params.id, request.body))));

  r.post('/api/v1/risk-flags/:id/acknowledge', {
    config: { permission: 'risk.acknowledge' },
    schema: { tags: ['risk'], summary: 'Supervisor acknowledges an escalated flag', params: IdParams, response: { 200: RiskFlagDetail, ...errors } },
  }, async (request, reply) => withEtag(reply, await acknowledgeFlag(request.ctx, request.params.id)));

  r.post('/api/v1/risk-flags/:id/close', {
    config: { permission: 'client.update' },
    schema: { tags: ['risk'], summary: 'Close a flag with a reason (If-Match); it is kept, never deleted', params: IdParams, body: CloseFlagBody, response: { 200: RiskFlagDetail, ...errors } },
  }, async (request, reply) => withEtag(reply, await closeFlag(request.ctx, request.params.id, requireIfMatch(request.headers['if-match']), request.body.reason)));

  r.get('/api/v1/notifications', {
    config: { permission: 'authenticated' },
    schema: { tags: ['risk'], summary: 'My in-app notices (escalated risk flags)', response: { 200: z.object({ items: z.array(NotificationView) }), 401: Problem } },
  }, async (request) => ({ items: await listNotifications(request.ctx) }));

  r.get('/api/v1/supervision/risk-flags', {
    config: { permission: 'risk.acknowledge' },
    schema: { tags: ['risk'], summary: 'Open flags of my supervisees\' clients, unacknowledged escalations first', response: { 200: z.object({ items: z.array(DashboardItem) }), ...errors } },
  }, async (request) => ({ items: await supervisionRiskFlags(request.ctx) }));

  r.get('/api/v1/clients/:clientId/safety-plan', {
    config: { permission: 'client.read' },
    schema: { tags: ['risk'], summary: 'The current safety plan (or a new one prefilled with crisis resources)', params: ClientParams, response: { 200: SafetyPlanView, ...errors } },
  }, async (request, reply) => withEtag(reply, await readSafetyPlan(request.ctx, request.params.clientId)));

  r.put('/api/v1/clients/:clientId/safety-plan', {
    config: { permission: 'client.update' },
    schema: { tags: ['risk'], summary: 'Save the safety plan (If-Match; "0" for the first); a signed plan starts a new version', params: ClientParams, body: SafetyPlanBody, response: { 200: SafetyPlanView, ...errors } },
  }, async (request, reply) => withEtag(reply, await saveSafetyPlan(request.ctx, request.params.clientId, requireIfMatch(request.headers['if-match']), request.body)));

  r.post('/api/v1/clients/:clientId/safety-plan/sign', {
    config: { permission: 'client.update' },
    schema: { tags: ['risk'], summary: 'Sign the draft safety plan (If-Match)', params: ClientParams, response: { 200: SafetyPlanView, ...errors } },
  }, async (request, reply) => withEtag(reply, await signSafetyPlan(request.ctx, request.params.clientId, requireIfMatch(request.headers['if-match']))));

  r.get('/api/v1/clients/:clientId/safety-plan/history', {
    config: { permission: 'client.read' },
    schema: { tags: ['risk'], summary: 'Every version of the client\'s safety plan', params: ClientParams, response: { 200: z.object({ items: z.array(SafetyPlanView) }), ...errors } },
  }, async (request) => ({ items: await safetyPlanHistory(request.ctx, request.params.clientId) }));
}
