/**
 * Reads of the termination phase for other modules (the documents module prints them). They do no
 * authorization and no audit — the caller does both, in the same transaction — and every query is
 * scoped by organization. `db` is the app's Kysely<Database> or an open transaction.
 */
import { z } from 'zod';
import { ContractRecord } from '../../../contracts/initial-phase.contract';
import {
  RelapsePlanContent, TerminationContent, type ProgressReview, type RelapsePlan, type TerminationRecord,
} from '../../../contracts/termination.contract';
import { PROBLEM_AREAS } from '../../../domain/formulation/problem-areas';
import { findInstrument } from '../../../domain/instruments/registry';
import { formatCitation, cite } from '../../../domain/protocols/clinical-sources';
import { buildProgressReview, type GoalInput } from '../../../domain/termination/progress-review';
import { nextStepOptions } from '../../../domain/termination/next-steps';
import type { Executor } from '../../db/database';
import { notFound } from '../../lib/authorize';
import { effectiveProtocol, primaryInstrumentOf } from '../episodes/episodes.service';
import type { EpisodeTable } from '../episodes/episodes.table';
import type { RelapsePlanTable, TerminationRecordTable } from './termination.table';

/** Parses stored JSON against its schema: damaged data fails loudly, never silently. */
export function parseStored<T extends z.ZodType>(schema: T, json: string, what: string): z.infer<T> {
  const parsed = schema.safeParse(JSON.parse(json));
  if (!parsed.success) throw new Error(`stored ${what} does not match its schema: ${parsed.error.message}`);
  return parsed.data;
}

export const EMPTY_TERMINATION: TerminationContent = { feelingsAboutEnding: null, whatRemains: null, clientViewOfChange: null, goals: [], nextStep: null };

export function areaLabelOf(area: string): string {
  return (PROBLEM_AREAS as Record<string, { label: string } | undefined>)[area]?.label ?? area;
}

export async function episodeRow(db: Executor, organizationId: string, episodeId: string): Promise<EpisodeTable> {
  const episode = await db.selectFrom('episode').selectAll().where('organization_id', '=', organizationId).where('id', '=', episodeId).executeTakeFirst();
  if (!episode) throw notFound('episode');
  return episode;
}

export function terminationRowOf(db: Executor, organizationId: string, episodeId: string): Promise<TerminationRecordTable | undefined> {
  return db.selectFrom('termination_record').selectAll().where('organization_id', '=', organizationId).where('episode_id', '=', episodeId).executeTakeFirst();
}

export function latestPlanRow(db: Executor, organizationId: string, episodeId: string): Promise<RelapsePlanTable | undefined> {
  return db.selectFrom('relapse_plan').selectAll().where('organization_id', '=', organizationId).where('episode_id', '=', episodeId)
    .orderBy('plan_number', 'desc').limit(1).executeTakeFirst();
}

async function nameOf(db: Executor, organizationId: string, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const row = await db.selectFrom('app_user').select('name').where('organization_id', '=', organizationId).where('id', '=', userId).executeTakeFirst();
  return row?.name ?? null;
}

export async function planView(db: Executor, row: RelapsePlanTable): Promise<RelapsePlan> {
  return {
    id: row.id, episodeId: row.episode_id, planNumber: Number(row.plan_number), status: row.status as 'draft' | 'signed',
    plan: parseStored(RelapsePlanContent, row.payload_json, 'relapse plan'), sharedWithClient: Number(row.shared_with_client) === 1,
    signedAt: row.signed_at, signedByName: await nameOf(db, row.organization_id, row.signed_by), createdAt: row.created_at, updatedAt: row.updated_at, version: Number(row.version),
  };
}

export async function terminationView(db: Executor, episodeId: string, row: TerminationRecordTable | undefined): Promise<TerminationRecord> {
  if (!row) {
    return { id: null, episodeId, status: 'new', record: EMPTY_TERMINATION, signedAt: null, signedByName: null, signedHash: null, addenda: [], maintenanceEpisodeId: null, updatedAt: null, version: 0 };
  }
  const addenda = await db.selectFrom('termination_addendum').innerJoin('app_user', 'app_user.id', 'termination_addendum.signed_by')
    .select(['termination_addendum.id', 'termination_addendum.text', 'termination_addendum.signed_at', 'app_user.name'])
    .where('termination_addendum.organization_id', '=', row.organization_id).where('termination_addendum.record_id', '=', row.id)
    .orderBy('termination_addendum.signed_at').orderBy('termination_addendum.id').execute();
  return {
    id: row.id, episodeId: row.episode_id, status: row.status as 'draft' | 'signed', record: parseStored(TerminationContent, row.payload_json, 'termination record'),
    signedAt: row.signed_at, signedByName: await nameOf(db, row.organization_id, row.signed_by), signedHash: row.signed_hash,
    addenda: addenda.map((a) => ({ id: a.id, text: a.text, signedByName: a.name, signedAt: a.signed_at })),
    maintenanceEpisodeId: row.maintenance_episode_id, updatedAt: row.updated_at, version: Number(row.version),
  };
}

/** Source of the next-step rules, shown with each option ([V] [S5b][S12][S25a] clinical-reference §5). */
const NEXT_STEP_SOURCE = formatCitation(cite('V', ['S5b', 'S12', 'S25a'], '§5'));

/** The progress review of an episode, computed from its record (domain/termination/progress-review.ts). */
export async function readProgressReview(db: Executor, organizationId: string, episodeId: string): Promise<ProgressReview> {
  const episode = await episodeRow(db, organizationId, episodeId);
  const protocol = await effectiveProtocol(db, episode);
  const primary = primaryInstrumentOf(protocol);
  const [sessions, responses, workspaces, outcomes, snapshots, people, contract, tasks, termination] = await Promise.all([
    db.selectFrom('therapy_session').select(['id', 'number', 'attendance']).where('organization_id', '=', organizationId).where('episode_id', '=', episodeId).execute(),
    db.selectFrom('questionnaire_response').select(['session_id', 'instrument_id', 'total', 'administered_at'])
      .where('organization_id', '=', organizationId).where('episode_id', '=', episodeId).orderBy('administered_at').execute(),
    db.selectFrom('problem_area_workspace').selectAll().where('organization_id', '=', organizationId).where('episode_id', '=', episodeId).orderBy('created_at').orderBy('id').execute(),
    db.selectFrom('problem_area_outcome').selectAll().where('organization_id', '=', organizationId).where('episode_id', '=', episodeId).execute(),
    db.selectFrom('closeness_snapshot').selectAll().where('organization_id', '=', organizationId).where('episode_id', '=', episodeId).orderBy('taken_on').orderBy('created_at').execute(),
    db.selectFrom('inventory_person').select(['id', 'label']).where('organization_id', '=', organizationId).where('episode_id', '=', episodeId).execute(),
    db.selectFrom('initial_phase_record').select('payload_json').where('organization_id', '=', organizationId).where('episode_id', '=', episodeId).where('kind', '=', 'treatment-contract').executeTakeFirst(),
    db.selectFrom('between_session_task').select(['status', 'review_outcome']).where('organization_id', '=', organizationId).where('episode_id', '=', episodeId).execute(),
    terminationRowOf(db, organizationId, episodeId),
  ]);
  const sessionNumber = new Map(sessions.map((s) => [s.id, Number(s.number)]));
  const scores: Record<string, Array<{ date: string; total: number; sessionNumber: number | null }>> = {};
  for (const r of responses) {
    if (r.total === null) continue;
    (scores[r.instrument_id] ??= []).push({ date: r.administered_at.slice(0, 10), total: Number(r.total), sessionNumber: r.session_id ? sessionNumber.get(r.session_id) ?? null : null });
  }
  const labels = new Map(people.map((p) => [p.id, p.label]));
  const goals: GoalInput[] = [];
  if (contract) for (const g of parseStored(ContractRecord, contract.payload_json, 'treatment contract').goals) goals.push({ text: g.text, source: 'contract' });
  for (const w of workspaces) for (const g of parseStored(z.array(z.string()), w.goals_json, 'workspace goals')) if (!goals.some((x) => x.text === g)) goals.push({ text: g, source: 'workspace' });
  const record = termination ? parseStored(TerminationContent, termination.payload_json, 'termination record') : EMPTY_TERMINATION;
  const review = buildProgressReview({
    scores, primaryInstrumentId: primary, attendedSessions: sessions.filter((s) => s.attendance === 'attended').length,
    workspaces: workspaces.map((w) => ({
      workspaceId: w.id, area: w.area, otherParty: w.other_party, stage: w.stage, summary: w.summary, goals: [],
      outcomes: outcomes.filter((o) => o.workspace_id === w.id).map((o) => ({
        sessionNumber: sessionNumber.get(o.session_id) ?? 0, progress: num(o.progress), stage: o.stage, adjustment: num(o.adjustment), mourning: num(o.mourning), contacts: num(o.contacts), contactQuality: num(o.contact_quality),
      })),
    })),
    closeness: snapshots.map((s) => ({
      id: s.id, takenOn: s.taken_on, label: s.label, rings: Number(s.rings),
      placements: parseStored(z.array(z.object({ personId: z.string(), ring: z.number().int() })), s.placements_json, 'closeness snapshot').map((p) => ({ ...p, label: labels.get(p.personId) ?? '' })),
    })),
    goals, goalRatings: record.goals, tasks: tasks.map((t) => ({ status: t.status, reviewOutcome: t.review_outcome })),
  });
  return {
    episodeId, protocolName: protocol.name, contractedSessions: Number(episode.contracted_sessions),
    ...review,
    instruments: review.instruments.map((i) => ({ ...i, instrumentTitle: findInstrument(i.instrumentId)?.shortTitle ?? i.instrumentId })),
    areas: review.areas.map((a) => ({ ...a, areaLabel: areaLabelOf(a.area) })),
    nextStepOptions: nextStepOptions(review.responder).map((o) => ({ ...o, source: NEXT_STEP_SOURCE })),
  };
}

function num(value: number | null): number | null {
  return value === null ? null : Number(value);
}

/** The current version of the episode's relapse-prevention plan, or null while none was saved. */
export async function readRelapsePlan(db: Executor, organizationId: string, episodeId: string): Promise<RelapsePlan | null> {
  const row = await latestPlanRow(db, organizationId, episodeId);
  return row ? planView(db, row) : null;
}

/** The episode's termination record (signed, it is the termination note), or null while none was saved. */
export async function readTerminationRecord(db: Executor, organizationId: string, episodeId: string): Promise<TerminationRecord | null> {
  const row = await terminationRowOf(db, organizationId, episodeId);
  return row ? terminationView(db, episodeId, row) : null;
}
