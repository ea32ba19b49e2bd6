import type { z } from 'zod';
import { DiagnosisRecord, type DiagnosisBody, type DiagnosisView, type Finding, type SymptomKey } from '../../../contracts/initial-phase.contract';
import type { PhqDiagnosticSpec } from '../../../domain/instruments/instrument-definition';
import { findInstrument } from '../../../domain/instruments/registry';
import type { Executor } from '../../db/database';
import { audit } from '../../lib/audit';
import { isoNow } from '../../lib/clock';
import { requireActor, type RequestContext } from '../../lib/context';
import { inTransaction } from '../../lib/transaction';
import type { EpisodeTable } from '../episodes/episodes.table';
import { measureViewOf } from '../measures/measures.service';
import { findRecord, recordHistory, recordMetaOf, saveRecord } from './episode-records';
import { namesOf, readableEpisode, writableEpisode } from './initial-phase.repository';

const KIND = 'diagnosis-checklist';
type View = z.infer<typeof DiagnosisView>;
type Stored = z.infer<typeof DiagnosisRecord>;

/**
 * The nine symptoms of criterion A for a major depressive episode (DSM-5, in its order; labels are
 * our plain wording) and the PHQ-9 item that asks about each (clinical-reference §6.1).
 */
export const SYMPTOMS: ReadonlyArray<{ key: SymptomKey; label: string; phq9Item: string }> = [
  { key: 'depressedMood', label: 'Depressed mood most of the day, nearly every day', phq9Item: '2' },
  { key: 'anhedonia', label: 'Much less interest or pleasure in almost all activities', phq9Item: '1' },
  { key: 'appetiteWeight', label: 'Change in appetite or weight', phq9Item: '5' },
  { key: 'sleep', label: 'Sleeping too little or too much', phq9Item: '3' },
  { key: 'psychomotor', label: 'Moving or speaking slowly, or restlessness, that others can see', phq9Item: '8' },
  { key: 'fatigue', label: 'Tiredness or loss of energy', phq9Item: '4' },
  { key: 'worthlessnessGuilt', label: 'Feeling worthless or excessively guilty', phq9Item: '6' },
  { key: 'concentration', label: 'Trouble concentrating or making decisions', phq9Item: '7' },
  { key: 'thoughtsOfDeath', label: 'Recurring thoughts of death, or of suicide', phq9Item: '9' },
];
const CORE: readonly SymptomKey[] = ['depressedMood', 'anhedonia'];
/** PHQ-9 item 10 (difficulty doing work, home tasks, getting along): prefills impairment. */
const IMPAIRMENT_ITEM = '10';

/** Shown with every checklist, saved or not. */
export const DIAGNOSIS_DISCLAIMER = 'IPT Workbench does not diagnose. This checklist helps a qualified clinician record their own assessment of a major depressive episode; '
  + 'answers taken from the PHQ-9 are a starting point to check with the client, and bereavement, mania or hypomania, and medical, medication or substance causes must be ruled out by the clinician.';
const SOURCE = 'PHQ-9 items and diagnostic algorithm: clinical-reference §6.1 ([V] wording [S32a]; algorithm [P] [S34], item 9 rule [P] [S33]). Criteria: DSM-5 major depressive episode, A–E.';

const unknown = (): Finding => ({ present: 'unknown', prefilledFrom: null, note: null });

interface Phq9Prefill {
  latest: View['latestPhq9'];
  symptoms: Record<SymptomKey, Finding>;
  impairment: Finding;
}

/**
 * Findings read from the episode's latest PHQ-9, rescored by the domain: an item counts as present at
 * the algorithm's threshold ("more than half the days", 2) and item 9 at any answer above 0, exactly
 * as the domain's PHQ diagnostic algorithm counts them. Missing answers stay unknown.
 */
async function phq9Prefill(db: Executor, episode: EpisodeTable): Promise<Phq9Prefill> {
  const symptoms = Object.fromEntries(SYMPTOMS.map((s) => [s.key, unknown()])) as Record<SymptomKey, Finding>;
  const row = await db.selectFrom('questionnaire_response').selectAll().where('organization_id', '=', episode.organization_id).where('episode_id', '=', episode.id)
    .where('instrument_id', '=', 'phq-9').orderBy('administered_at', 'desc').orderBy('created_at', 'desc').executeTakeFirst();
  if (!row) return { latest: null, symptoms, impairment: unknown() };
  const measure = measureViewOf(row);
  const spec = findInstrument(row.instrument_id, row.instrument_version)?.scoring.extensions.find((e): e is PhqDiagnosticSpec => e.kind === 'phq-diagnostic');
  const valueOf = (itemId: string) => (typeof measure.answers[itemId] === 'number' ? (measure.answers[itemId] as number) : undefined);
  const from = (itemId: string, value: number) => ({ instrumentId: row.instrument_id, responseId: row.id, itemId, value, administeredAt: row.administered_at });
  if (spec) {
    for (const s of SYMPTOMS) {
      const value = valueOf(s.phq9Item);
      if (value === undefined) continue;
      const threshold = spec.countsIfPresentItems.includes(s.phq9Item) ? 1 : spec.countsAtOrAbove;
      symptoms[s.key] = { present: value >= threshold ? 'yes' : 'no', prefilledFrom: from(s.phq9Item, value), note: null };
    }
  }
  const difficulty = valueOf(IMPAIRMENT_ITEM);
  return {
    latest: { responseId: row.id, administeredAt: row.administered_at, total: measure.score.total, diagnosticAlgorithm: measure.score.diagnosticAlgorithm ?? null },
    symptoms,
    impairment: difficulty === undefined ? unknown() : { present: difficulty >= 1 ? 'yes' : 'no', prefilledFrom: from(IMPAIRMENT_ITEM, difficulty), note: null },
  };
}

/** Whether the recorded answers match the pattern of criteria A–E; never a diagnosis. */
function summaryOf(record: Stored): View['summary'] {
  const values = SYMPTOMS.map((s) => record.symptoms[s.key]?.present ?? 'unknown');
  const present = values.filter((v) => v === 'yes').length;
  const unknowns = values.filter((v) => v === 'unknown').length;
  const core = CORE.map((k) => record.symptoms[k]?.present ?? 'unknown');
  const exclusions = Object.values(record.exclusions);
  const notMet = present + unknowns < 5 || core.every((v) => v === 'no') || record.durationTwoWeeks === 'no' || record.impairment.present === 'no' || exclusions.includes('yes');
  const met = present >= 5 && core.includes('yes') && record.durationTwoWeeks === 'yes' && record.impairment.present === 'yes' && exclusions.every((v) => v === 'no');
  return { symptomsPresent: present, symptomsUnknown: unknowns, coreSymptomPresent: core.includes('yes'), pattern: notMet ? 'criteria-pattern-not-met' : met ? 'criteria-pattern-met' : 'incomplete' };
}

async function viewOf(db: Executor, episode: EpisodeTable, record: Stored, meta: ReturnType<typeof recordMetaOf>, prefill: Phq9Prefill, prefilled: boolean): Promise<View> {
  const names = await namesOf(db, episode.organization_id, [record.confirmedBy]);
  return {
    ...record, ...meta, prefilled, confirmedByName: record.confirmedBy ? names.get(record.confirmedBy) ?? null : null,
    symptomList: SYMPTOMS.map((s) => ({ ...s })), latestPhq9: prefill.latest, summary: summaryOf(record), disclaimer: DIAGNOSIS_DISCLAIMER, source: SOURCE,
  };
}

/** The saved checklist, or a draft prefilled from the latest PHQ-9 (`prefilled: true`, version 0). */
export async function readDiagnosis(ctx: RequestContext, episodeId: string): Promise<View> {
  return inTransaction(ctx, async (tx) => {
    const { episode } = await readableEpisode(tx, ctx, episodeId);
    const [saved, prefill] = await Promise.all([findRecord(tx, episode, KIND, DiagnosisRecord), phq9Prefill(tx, episode)]);
    await audit(tx, ctx, { action: 'read', entityType: KIND, entityId: episodeId, clientId: episode.client_id });
    if (saved) return viewOf(tx, episode, saved.payload, recordMetaOf(saved.row), prefill, false);
    const draft: Stored = {
      symptoms: prefill.symptoms, durationTwoWeeks: 'unknown', impairment: prefill.impairment,
      exclusions: { substanceOrMedicalCause: 'unknown', maniaOrHypomaniaHistory: 'unknown', betterExplainedByOtherDisorder: 'unknown' },
      note: null, confirmedAt: null, confirmedBy: null,
    };
    return viewOf(tx, episode, draft, recordMetaOf(undefined), prefill, prefill.latest !== null);
  });
}

/**
 * Saves the checklist (If-Match; "0" for the first save). A finding keeps its `prefilledFrom` when it
 * agrees with the latest PHQ-9; otherwise it is the clinician's own. Confirming stamps who and when.
 */
export async function saveDiagnosis(ctx: RequestContext, episodeId: string, version: number, body: z.infer<typeof DiagnosisBody>): Promise<View> {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    const { episode } = await writableEpisode(tx, ctx, episodeId);
    const [existing, prefill] = await Promise.all([findRecord(tx, episode, KIND, DiagnosisRecord), phq9Prefill(tx, episode)]);
    const keep = (given: { present: Finding['present']; note?: string | null }, suggested: Finding): Finding => ({
      present: given.present, note: given.note ?? null, prefilledFrom: suggested.prefilledFrom && suggested.present === given.present ? suggested.prefilledFrom : null,
    });
    const record: Stored = {
      symptoms: Object.fromEntries(SYMPTOMS.map((s) => [s.key, keep(body.symptoms[s.key], prefill.symptoms[s.key])])) as Stored['symptoms'],
      durationTwoWeeks: body.durationTwoWeeks, impairment: keep(body.impairment, prefill.impairment), exclusions: body.exclusions, note: body.note ?? null,
      confirmedAt: body.confirmed ? isoNow(ctx.clock) : null, confirmedBy: body.confirmed ? actor.userId : null,
    };
    const row = await saveRecord(tx, ctx, episode, KIND, version, existing, record);
    await audit(tx, ctx, { action: existing ? 'update' : 'create', entityType: KIND, entityId: row.id, clientId: episode.client_id });
    return viewOf(tx, episode, record, recordMetaOf(row), prefill, false);
  });
}

/** Every saved version of the checklist, newest first (who confirmed what, when). */
export async function diagnosisHistory(ctx: RequestContext, episodeId: string) {
  return inTransaction(ctx, async (tx) => {
    const { episode } = await readableEpisode(tx, ctx, episodeId);
    await audit(tx, ctx, { action: 'read', entityType: KIND, entityId: episodeId, clientId: episode.client_id, reason: 'history' });
    return recordHistory(tx, episode, KIND, DiagnosisRecord);
  });
}
