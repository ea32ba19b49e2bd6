import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common';
import {
  ContractBody, ContractRecord, ContractView, DiagnosisBody, DiagnosisRecord, DiagnosisView, FormulationAgreeBody, FormulationBody, FormulationRecord, FormulationView,
  OnsetBody, OnsetRecord, OnsetView, PsychoeducationBody, PsychoeducationRecord, PsychoeducationView, SuggestionsView, historyOf,
} from '../../../contracts/initial-phase.contract';
import { requireIfMatch } from '../../lib/versioning';
import { contractHistory, readContract, saveContract } from './contract.service';
import { diagnosisHistory, readDiagnosis, saveDiagnosis } from './diagnosis.service';
import { agreeFormulation, formulationHistory, readFormulation, saveFormulation } from './formulation.service';
import { onsetHistory, readOnset, saveOnset } from './onset.service';
import { psychoeducationHistory, readPsychoeducation, savePsychoeducation } from './psychoeducation.service';
import { initialPhaseErrors as errors, withEtag } from './route-helpers';
import { readSuggestions } from './suggestions.service';

/**
 * The records an episode has one of: onset, diagnosis checklist, psychoeducation and sick role,
 * formulation (with suggestions and agreement) and treatment contract. Each answers version 0 and
 * ETag "0" until first saved; PUT with If-Match "0" saves it the first time.
 */
export async function initialPhaseRecordRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['initial phase'];
  const ifMatch = (headers: Record<string, string | string[] | undefined>) => requireIfMatch(headers['if-match']);

  r.get('/api/v1/episodes/:id/onset', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'When the current problems began (version 0 until set)', params: IdParams, response: { 200: OnsetView, ...errors } },
  }, async (request, reply) => withEtag(reply, await readOnset(request.ctx, request.params.id)));

  r.put('/api/v1/episodes/:id/onset', {
    config: { permission: 'client.update' },
    schema: { tags, summary: 'Set or clear the onset date (If-Match; "0" the first time)', params: IdParams, body: OnsetBody, response: { 200: OnsetView, ...errors } },
  }, async (request, reply) => withEtag(reply, await saveOnset(request.ctx, request.params.id, ifMatch(request.headers), request.body)));

  r.get('/api/v1/episodes/:id/onset/history', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'Every version of the onset record', params: IdParams, response: { 200: historyOf(OnsetRecord), ...errors } },
  }, async (request) => onsetHistory(request.ctx, request.params.id));

  r.get('/api/v1/episodes/:id/diagnosis', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'The major depressive episode checklist, or a draft prefilled from the latest PHQ-9 (never a diagnosis)', params: IdParams, response: { 200: DiagnosisView, ...errors } },
  }, async (request, reply) => withEtag(reply, await readDiagnosis(request.ctx, request.params.id)));

  r.put('/api/v1/episodes/:id/diagnosis', {
    config: { permission: 'client.update' },
    schema: { tags, summary: 'Save the checklist, optionally confirmed by the clinician (If-Match; "0" the first time)', params: IdParams, body: DiagnosisBody, response: { 200: DiagnosisView, ...errors } },
  }, async (request, reply) => withEtag(reply, await saveDiagnosis(request.ctx, request.params.id, ifMatch(request.headers), request.body)));

  r.get('/api/v1/episodes/:id/diagnosis/history', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'Every saved version of the checklist', params: IdParams, response: { 200: historyOf(DiagnosisRecord), ...errors } },
  }, async (request) => diagnosisHistory(request.ctx, request.params.id));

  r.get('/api/v1/episodes/:id/psychoeducation', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'Psychoeducation given and the sick role (version 0 until saved)', params: IdParams, response: { 200: PsychoeducationView, ...errors } },
  }, async (request, reply) => withEtag(reply, await readPsychoeducation(request.ctx, request.params.id)));

  r.put('/api/v1/episodes/:id/psychoeducation', {
    config: { permission: 'client.update' },
    schema: { tags, summary: 'Record the topics covered, the client\'s response and the sick role (If-Match; "0" the first time)', params: IdParams, body: PsychoeducationBody, response: { 200: PsychoeducationView, ...errors } },
  }, async (request, reply) => withEtag(reply, await savePsychoeducation(request.ctx, request.params.id, ifMatch(request.headers), request.body)));

  r.get('/api/v1/episodes/:id/psychoeducation/history', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'Every saved version of the psychoeducation record', params: IdParams, response: { 200: historyOf(PsychoeducationRecord), ...errors } },
  }, async (request) => psychoeducationHistory(request.ctx, request.params.id));

  r.get('/api/v1/episodes/:id/formulation/suggestions', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'Problem areas the inventory, timeline and closeness circle point to, with reasons', params: IdParams, response: { 200: SuggestionsView, ...errors } },
  }, async (request) => readSuggestions(request.ctx, request.params.id));

  r.get('/api/v1/episodes/:id/formulation', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'The formulation (version 0 until saved) with the domain\'s draft statement', params: IdParams, response: { 200: FormulationView, ...errors } },
  }, async (request, reply) => withEtag(reply, await readFormulation(request.ctx, request.params.id)));

  r.put('/api/v1/episodes/:id/formulation', {
    config: { permission: 'client.update' },
    schema: { tags, summary: 'Save the formulation as a draft; editing an agreed one needs agreement again (If-Match; "0" the first time)', params: IdParams, body: FormulationBody, response: { 200: FormulationView, ...errors } },
  }, async (request, reply) => withEtag(reply, await saveFormulation(request.ctx, request.params.id, ifMatch(request.headers), request.body)));

  r.post('/api/v1/episodes/:id/formulation/agree', {
    config: { permission: 'client.update' },
    schema: { tags, summary: 'Record the client\'s agreement with this version; sets the episode\'s formulation date (If-Match)', params: IdParams, body: FormulationAgreeBody, response: { 200: FormulationView, ...errors } },
  }, async (request, reply) => withEtag(reply, await agreeFormulation(request.ctx, request.params.id, ifMatch(request.headers), request.body)));

  r.get('/api/v1/episodes/:id/formulation/history', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'Every saved version of the formulation, agreed ones included', params: IdParams, response: { 200: historyOf(FormulationRecord), ...errors } },
  }, async (request) => formulationHistory(request.ctx, request.params.id));

  r.get('/api/v1/episodes/:id/contract', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'The treatment contract, or one prefilled from the episode, formulation and protocol', params: IdParams, response: { 200: ContractView, ...errors } },
  }, async (request, reply) => withEtag(reply, await readContract(request.ctx, request.params.id)));

  r.put('/api/v1/episodes/:id/contract', {
    config: { permission: 'client.update' },
    schema: { tags, summary: 'Save the contract; the episode\'s session count, schedule and length follow it (If-Match; "0" the first time)', params: IdParams, body: ContractBody, response: { 200: ContractView, ...errors } },
  }, async (request, reply) => withEtag(reply, await saveContract(request.ctx, request.params.id, ifMatch(request.headers), request.body)));

  r.get('/api/v1/episodes/:id/contract/history', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'Every saved version of the contract', params: IdParams, response: { 200: historyOf(ContractRecord), ...errors } },
  }, async (request) => contractHistory(request.ctx, request.params.id));
}
