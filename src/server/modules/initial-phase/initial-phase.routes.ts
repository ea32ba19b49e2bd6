import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../contracts/common';
import {
  ArchiveBody, ClosenessListView, ClosenessSnapshotBody, ClosenessSnapshotView, EventParams, InventoryPersonCreateBody, InventoryPersonUpdateBody, InventoryPersonView,
  PersonParams, StatusQuery, TimelineEventCreateBody, TimelineEventUpdateBody, TimelineEventView, TimelineView, historyOf,
} from '../../../contracts/initial-phase.contract';
import { readIdempotencyKey } from '../../lib/idempotency';
import { requireIfMatch } from '../../lib/versioning';
import { createSnapshot, listSnapshots } from './closeness.service';
import { initialPhaseRecordRoutes } from './initial-phase-records.routes';
import { archivePerson, createPerson, listPeople, personHistory, readPerson, updatePerson } from './inventory.service';
import { readTimeline } from './onset.service';
import { initialPhaseErrors as errors, withEtag } from './route-helpers';
import { archiveEvent, createEvent, eventHistory, updateEvent } from './timeline.service';


/**
 * The initial-phase tools of an episode (clinical-reference §2, §4): interpersonal inventory,
 * closeness circle, timeline and onset, diagnosis checklist, psychoeducation, suggestions,
 * formulation and treatment contract. Access follows the episode's client; refusals answer 404.
 */
export async function initialPhaseRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['initial phase'];

  r.get('/api/v1/episodes/:id/inventory', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'The interpersonal inventory (current people; ?status=archived|all for the rest)', params: IdParams, querystring: StatusQuery, response: { 200: z.object({ items: z.array(InventoryPersonView) }), ...errors } },
  }, async (request) => listPeople(request.ctx, request.params.id, request.query));

  r.post('/api/v1/episodes/:id/inventory', {
    config: { permission: 'client.update' },
    schema: { tags, summary: 'Add a person to the inventory (Idempotency-Key accepted)', params: IdParams, body: InventoryPersonCreateBody, response: { 201: InventoryPersonView, ...errors } },
  }, async (request, reply) => {
    const result = await createPerson(request.ctx, request.params.id, request.body, readIdempotencyKey(request.headers['idempotency-key']));
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(201).send(withEtag(reply, result.body));
  });

  r.get('/api/v1/episodes/:id/inventory/:personId', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'One person of the inventory', params: PersonParams, response: { 200: InventoryPersonView, ...errors } },
  }, async (request, reply) => withEtag(reply, await readPerson(request.ctx, request.params.id, request.params.personId)));

  r.patch('/api/v1/episodes/:id/inventory/:personId', {
    config: { permission: 'client.update' },
    schema: { tags, summary: 'Change a person (If-Match); the replaced version is kept', params: PersonParams, body: InventoryPersonUpdateBody, response: { 200: InventoryPersonView, ...errors } },
  }, async (request, reply) => withEtag(reply, await updatePerson(request.ctx, request.params.id, request.params.personId, requireIfMatch(request.headers['if-match']), request.body)));

  r.post('/api/v1/episodes/:id/inventory/:personId/archive', {
    config: { permission: 'client.update' },
    schema: { tags, summary: 'Archive a person with a reason (If-Match); nothing is deleted', params: PersonParams, body: ArchiveBody, response: { 200: InventoryPersonView, ...errors } },
  }, async (request, reply) => withEtag(reply, await archivePerson(request.ctx, request.params.id, request.params.personId, requireIfMatch(request.headers['if-match']), request.body.reason)));

  r.get('/api/v1/episodes/:id/inventory/:personId/history', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'Every version of a person, newest first', params: PersonParams, response: { 200: historyOf(InventoryPersonView), ...errors } },
  }, async (request) => personHistory(request.ctx, request.params.id, request.params.personId));

  r.get('/api/v1/episodes/:id/closeness-circles', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'Closeness-circle snapshots, oldest first, with intake compared to the latest', params: IdParams, response: { 200: ClosenessListView, ...errors } },
  }, async (request) => listSnapshots(request.ctx, request.params.id));

  r.post('/api/v1/episodes/:id/closeness-circles', {
    config: { permission: 'client.update' },
    schema: { tags, summary: 'Record a dated closeness-circle snapshot (immutable; one per date; Idempotency-Key accepted)', params: IdParams, body: ClosenessSnapshotBody, response: { 201: ClosenessSnapshotView, ...errors } },
  }, async (request, reply) => {
    const result = await createSnapshot(request.ctx, request.params.id, request.body, readIdempotencyKey(request.headers['idempotency-key']));
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(201).send(result.body);
  });

  r.get('/api/v1/episodes/:id/timeline', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'Timeline events with the onset, session mood ratings and questionnaire totals', params: IdParams, response: { 200: TimelineView, ...errors } },
  }, async (request) => readTimeline(request.ctx, request.params.id));

  r.post('/api/v1/episodes/:id/timeline/events', {
    config: { permission: 'client.update' },
    schema: { tags, summary: 'Add a timeline event (Idempotency-Key accepted)', params: IdParams, body: TimelineEventCreateBody, response: { 201: TimelineEventView, ...errors } },
  }, async (request, reply) => {
    const result = await createEvent(request.ctx, request.params.id, request.body, readIdempotencyKey(request.headers['idempotency-key']));
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(201).send(withEtag(reply, result.body));
  });

  r.patch('/api/v1/episodes/:id/timeline/events/:eventId', {
    config: { permission: 'client.update' },
    schema: { tags, summary: 'Change a timeline event (If-Match); the replaced version is kept', params: EventParams, body: TimelineEventUpdateBody, response: { 200: TimelineEventView, ...errors } },
  }, async (request, reply) => withEtag(reply, await updateEvent(request.ctx, request.params.id, request.params.eventId, requireIfMatch(request.headers['if-match']), request.body)));

  r.post('/api/v1/episodes/:id/timeline/events/:eventId/archive', {
    config: { permission: 'client.update' },
    schema: { tags, summary: 'Archive a timeline event with a reason (If-Match)', params: EventParams, body: ArchiveBody, response: { 200: TimelineEventView, ...errors } },
  }, async (request, reply) => withEtag(reply, await archiveEvent(request.ctx, request.params.id, request.params.eventId, requireIfMatch(request.headers['if-match']), request.body.reason)));

  r.get('/api/v1/episodes/:id/timeline/events/:eventId/history', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'Every version of a timeline event, newest first', params: EventParams, response: { 200: historyOf(TimelineEventView), ...errors } },
  }, async (request) => eventHistory(request.ctx, request.params.id, request.params.eventId));

  await initialPhaseRecordRoutes(app);
}
