import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Problem } from '../../../contracts/common';
import {
  ClientParams, EpisodeCreateBody, EpisodeEndBody, EpisodeList, EpisodeUpdateBody, EpisodeView, MedicationBody, MedicationParams, MedicationUpdateBody, PhaseChangeBody, RiskFlagView,
} from '../../../contracts/episodes.contract';
import { audit } from '../../lib/audit';
import { sendReadAnswer } from '../../lib/send-read-answer';
import { inTransaction } from '../../lib/transaction';
import { etagOf, requireIfMatch } from '../../lib/versioning';
import { loadAuthorizedClient } from '../clients/clients.service';
import { openRiskFlagsOfClient, toRiskFlagView } from '../risk/risk.repository';
import { addMedication, changePhase, createEpisode, endEpisode, listEpisodes, readEpisode, updateEpisode, updateMedication } from './episodes.service';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 412: Problem, 423: Problem, 428: Problem };

/** Episodes of care: start, read (plan, chart, sessions), change, phase changes, end, medications. */
export async function episodesRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const withEtag = (reply: { header(name: string, value: string): unknown }, view: { version: number }) => { reply.header('etag', etagOf(view.version)); return view; };

  r.get('/api/v1/clients/:clientId/episodes', {
    config: { permission: 'client.read', sessionOnReadWorker: true },
    schema: { tags: ['episodes'], summary: 'A client\'s episodes of care', params: ClientParams, response: { 200: EpisodeList, ...errors } },
  }, async (request, reply) => sendReadAnswer(reply, await listEpisodes(request.ctx, request.params.clientId)));

  r.post('/api/v1/clients/:clientId/episodes', {
    config: { permission: 'client.update' },
    schema: { tags: ['episodes'], summary: 'Start an episode under a protocol (one open episode per protocol)', params: ClientParams, body: EpisodeCreateBody, response: { 201: EpisodeView, ...errors } },
  }, async (request, reply) => reply.status(201).send(withEtag(reply, await createEpisode(request.ctx, request.params.clientId, request.body)) as z.infer<typeof EpisodeView>));

  r.get('/api/v1/clients/:clientId/risk-flags', {
    config: { permission: 'client.read' },
    schema: { tags: ['risk'], summary: 'Open risk flags of a client', params: ClientParams, response: { 200: z.object({ items: z.array(RiskFlagView) }), ...errors } },
  }, async (request) => {
    const ctx = request.ctx;
    return inTransaction(ctx, async (tx) => {
      const client = await loadAuthorizedClient(tx, ctx, request.params.clientId, 'client.read');
      await audit(tx, ctx, { action: 'query', entityType: 'risk-flag', clientId: client.id, sensitivity: 'risk' });
      return { items: (await openRiskFlagsOfClient(tx, client.organization_id, client.id)).map(toRiskFlagView) };
    });
  });

  r.get('/api/v1/episodes/:id', {
    config: { permission: 'client.read', sessionOnReadWorker: true },
    schema: { tags: ['episodes'], summary: 'An episode with its plan, sessions, symptom chart and flags', params: IdParams, response: { 200: EpisodeView, ...errors } },
  }, async (request, reply) => sendReadAnswer(reply, await readEpisode(request.ctx, request.params.id)));

  r.patch('/api/v1/episodes/:id', {
    config: { permission: 'client.update' },
    schema: { tags: ['episodes'], summary: 'Change the contract, schedule or medication referral; start a planned episode (If-Match)', params: IdParams, body: EpisodeUpdateBody, response: { 200: EpisodeView, ...errors } },
  }, async (request, reply) => withEtag(reply, await updateEpisode(request.ctx, request.params.id, requireIfMatch(request.headers['if-match']), request.body)) as z.infer<typeof EpisodeView>);

  r.post('/api/v1/episodes/:id/phase-changes', {
    config: { permission: 'client.update' },
    schema: { tags: ['episodes'], summary: 'Move to another phase; overriding a guard needs a reason (If-Match)', params: IdParams, body: PhaseChangeBody, response: { 200: EpisodeView, ...errors } },
  }, async (request, reply) => withEtag(reply, await changePhase(request.ctx, request.params.id, requireIfMatch(request.headers['if-match']), request.body)) as z.infer<typeof EpisodeView>);

  r.post('/api/v1/episodes/:id/end', {
    config: { permission: 'client.update' },
    schema: { tags: ['episodes'], summary: 'End an episode with a reason (If-Match)', params: IdParams, body: EpisodeEndBody, response: { 200: EpisodeView, ...errors } },
  }, async (request, reply) => withEtag(reply, await endEpisode(request.ctx, request.params.id, requireIfMatch(request.headers['if-match']), request.body)) as z.infer<typeof EpisodeView>);

  r.post('/api/v1/episodes/:id/medications', {
    config: { permission: 'client.update' },
    schema: { tags: ['episodes'], summary: 'Record a concurrent medication', params: IdParams, body: MedicationBody, response: { 201: EpisodeView, ...errors } },
  }, async (request, reply) => reply.status(201).send(withEtag(reply, await addMedication(request.ctx, request.params.id, request.body)) as z.infer<typeof EpisodeView>));

  r.patch('/api/v1/episodes/:id/medications/:medicationId', {
    config: { permission: 'client.update' },
    schema: { tags: ['episodes'], summary: 'Change a medication, e.g. its stop date (If-Match with the medication version)', params: MedicationParams, body: MedicationUpdateBody, response: { 200: EpisodeView, ...errors } },
  }, async (request, reply) => withEtag(reply, await updateMedication(request.ctx, request.params.id, request.params.medicationId, requireIfMatch(request.headers['if-match']), request.body)) as z.infer<typeof EpisodeView>);
}
