import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Problem } from '../../../contracts/common';
import { InstrumentPackView, InstrumentParams, InstrumentQuery, InstrumentSummary, ScoreBody, ScoreResultView } from '../../../contracts/instruments.contract';
import { listInstruments } from '../../../domain/instruments/registry';
import { requireActor } from '../../lib/context';
import { toFhirQuestionnaire } from '../../fhir/questionnaire';
import { definitionFor, importInstrumentPack, listInstrumentPacks, listInstrumentSummaries, scoreAnswers } from './instruments.service';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
/** Definitions are published content, not client data: checked loosely on the way out. */
const DefinitionView = z.looseObject({ id: z.string(), version: z.string(), title: z.string(), items: z.array(z.looseObject({ id: z.string() })).readonly() });

/** The questionnaire library: list, definitions, stateless scoring, licensed-wording packs and FHIR Questionnaires. */
export async function instrumentsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/instruments', {
    config: { permission: 'instrument.read' },
    schema: { tags: ['instruments'], summary: 'The questionnaire library', response: { 200: z.object({ items: z.array(InstrumentSummary) }), ...errors } },
  }, async (request) => ({ items: await listInstrumentSummaries(request.ctx) }));

  r.get('/api/v1/instruments/:id', {
    config: { permission: 'instrument.read' },
    schema: { tags: ['instruments'], summary: 'One instrument definition (with this organization\'s licensed wording when imported)', params: InstrumentParams, querystring: InstrumentQuery, response: { 200: DefinitionView, ...errors } },
  }, async (request) => {
    const definition = await definitionFor(request.ctx.db, requireActor(request.ctx).organizationId, request.params.id, request.query.version);
    // Interfaces carry no index signature; the definition is plain data, so widen it for the loose schema.
    return definition as unknown as z.infer<typeof DefinitionView>;
  });

  r.post('/api/v1/instruments/:id/score', {
    config: { permission: 'instrument.score' },
    schema: { tags: ['instruments'], summary: 'Score answers; stores nothing', params: InstrumentParams, body: ScoreBody, response: { 200: ScoreResultView, ...errors } },
  }, async (request) => scoreAnswers(request.ctx, request.params.id, request.body));

  r.get('/api/v1/instrument-packs', {
    config: { permission: 'instrument-pack.import' },
    schema: { tags: ['instruments'], summary: 'Licensed-wording packs this organization imported', response: { 200: z.object({ items: z.array(InstrumentPackView) }), ...errors } },
  }, async (request) => ({ items: await listInstrumentPacks(request.ctx) }));

  r.post('/api/v1/instrument-packs', {
    config: { permission: 'instrument-pack.import' },
    schema: { tags: ['instruments'], summary: 'Import licensed wording for an instrument (validated, versioned, audited)', body: z.record(z.string(), z.unknown()), response: { 201: InstrumentPackView, ...errors } },
  }, async (request, reply) => reply.status(201).send(await importInstrumentPack(request.ctx, request.body)));

  r.get('/fhir/R4/Questionnaire', {
    config: { permission: 'instrument.read' },
    schema: { tags: ['fhir'], summary: 'FHIR R4 Questionnaires of the library (searchset Bundle)' },
  }, async (request, reply) => {
    const orgId = requireActor(request.ctx).organizationId;
    const resources = await Promise.all(listInstruments().map(async (d) => toFhirQuestionnaire(await definitionFor(request.ctx.db, orgId, d.id, d.version))));
    return reply.type('application/fhir+json').send({ resourceType: 'Bundle', type: 'searchset', total: resources.length, entry: resources.map((resource) => ({ resource })) });
  });

  r.get('/fhir/R4/Questionnaire/:id', {
    config: { permission: 'instrument.read' },
    schema: { tags: ['fhir'], summary: 'One FHIR R4 Questionnaire', params: InstrumentParams },
  }, async (request, reply) => {
    const definition = await definitionFor(request.ctx.db, requireActor(request.ctx).organizationId, request.params.id);
    return reply.type('application/fhir+json').send(toFhirQuestionnaire(definition));
  });
}
