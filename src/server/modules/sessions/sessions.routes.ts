import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, IdParams, Problem } from '../../../contracts/common';
import { AddendumBody, DayQuery, DayView, MeasureBody, MeasureCreated, ProcessNoteBody, ProcessNoteView, SessionCreateBody, SessionUpdateBody, SessionView } from '../../../contracts/sessions.contract';
import { readIdempotencyKey } from '../../lib/idempotency';
import { etagOf, requireIfMatch } from '../../lib/versioning';
import { submitMeasure } from '../measures/measures.service';
import { dayView } from './day-view.service';
import { addProcessNote, listProcessNotes, updateProcessNote } from './process-notes.service';
import { addAddendum, createSession, readSession, signSession, updateSession } from './sessions.service';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 412: Problem, 422: Problem, 423: Problem, 428: Problem };

/** Sessions: agenda, structured note, signing, addenda, private process notes, measures, day view. */
export async function sessionsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const withEtag = (reply: { header(name: string, value: string): unknown }, view: z.infer<typeof SessionView>) => { reply.header('etag', etagOf(view.version)); return view; };

  r.post('/api/v1/episodes/:id/sessions', {
    config: { permission: 'client.update' },
    schema: { tags: ['sessions'], summary: 'Record a session; its agenda comes from the protocol (Idempotency-Key accepted)', params: IdParams, body: SessionCreateBody, response: { 201: SessionView, ...errors } },
  }, async (request, reply) => {
    const result = await createSession(request.ctx, request.params.id, request.body, readIdempotencyKey(request.headers['idempotency-key']));
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(201).send(withEtag(reply, result.body));
  });

  r.get('/api/v1/sessions/:id', {
    config: { permission: 'client.read' },
    schema: { tags: ['sessions'], summary: 'A session with its agenda, note, measures and flags', params: IdParams, response: { 200: SessionView, ...errors } },
  }, async (request, reply) => withEtag(reply, await readSession(request.ctx, request.params.id)));

  r.patch('/api/v1/sessions/:id', {
    config: { permission: 'client.update' },
    schema: { tags: ['sessions'], summary: 'Edit a draft: attendance, agenda ticks, note sections (If-Match; signed notes answer 423)', params: IdParams, body: SessionUpdateBody, response: { 200: SessionView, ...errors } },
  }, async (request, reply) => withEtag(reply, await updateSession(request.ctx, request.params.id, requireIfMatch(request.headers['if-match']), request.body)));

  r.post('/api/v1/sessions/:id/sign', {
    config: { permission: 'client.update' },
    schema: { tags: ['sessions'], summary: 'Sign and lock the note (If-Match)', params: IdParams, response: { 200: SessionView, ...errors } },
  }, async (request, reply) => withEtag(reply, await signSession(request.ctx, request.params.id, requireIfMatch(request.headers['if-match']))));

  r.post('/api/v1/sessions/:id/addenda', {
    config: { permission: 'client.update' },
    schema: { tags: ['sessions'], summary: 'Add a signed, timed addendum to a signed note', params: IdParams, body: AddendumBody, response: { 201: SessionView, ...errors } },
  }, async (request, reply) => reply.status(201).send(withEtag(reply, await addAddendum(request.ctx, request.params.id, request.body.text))));

  r.post('/api/v1/sessions/:id/measures', {
    config: { permission: 'client.update' },
    schema: { tags: ['sessions'], summary: 'Administer a questionnaire in this session: scored, risk-checked, audited (Idempotency-Key accepted)', params: IdParams, body: MeasureBody, response: { 201: MeasureCreated, ...errors } },
  }, async (request, reply) => {
    const result = await submitMeasure(request.ctx, request.params.id, request.body, readIdempotencyKey(request.headers['idempotency-key']));
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(201).send(result.body);
  });

  r.get('/api/v1/sessions/:id/process-notes', {
    config: { permission: 'client.update' },
    schema: { tags: ['sessions'], summary: 'My private process notes on this session (never shared)', params: IdParams, response: { 200: z.object({ items: z.array(ProcessNoteView) }), ...errors } },
  }, async (request) => ({ items: await listProcessNotes(request.ctx, request.params.id) }));

  r.post('/api/v1/sessions/:id/process-notes', {
    config: { permission: 'client.update' },
    schema: { tags: ['sessions'], summary: 'Add a private process note', params: IdParams, body: ProcessNoteBody, response: { 201: ProcessNoteView, ...errors } },
  }, async (request, reply) => reply.status(201).send(await addProcessNote(request.ctx, request.params.id, request.body.text)));

  r.patch('/api/v1/sessions/:id/process-notes/:noteId', {
    config: { permission: 'client.update' },
    schema: { tags: ['sessions'], summary: 'Edit a private process note (If-Match)', params: z.strictObject({ id: Id, noteId: Id }), body: ProcessNoteBody, response: { 200: ProcessNoteView, ...errors } },
  }, async (request) => updateProcessNote(request.ctx, request.params.id, request.params.noteId, requireIfMatch(request.headers['if-match']), request.body.text));

  r.get('/api/v1/day', {
    config: { permission: 'client.list' },
    schema: { tags: ['sessions'], summary: 'My day: sessions with what is due, unsigned notes, overdue measures', querystring: DayQuery, response: { 200: DayView, ...errors } },
  }, async (request) => {
    const localNow = new Date(request.ctx.clock.now().getTime() + request.query.tzOffsetMinutes * 60_000).toISOString();
    return dayView(request.ctx, request.query.date ?? localNow.slice(0, 10), request.query.tzOffsetMinutes);
  });
}
