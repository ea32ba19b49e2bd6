import type { z } from 'zod';
import type { AddendumBody, MaintenanceEpisodeBody, ProgressReview, RelapsePlan, RelapsePlanBody, SharingBody, TerminationRecord, TerminationRecordBody } from '../../../contracts/termination.contract';
import { RelapsePlanContent, TerminationContent } from '../../../contracts/termination.contract';
import { DomainError } from '../../../domain/errors';
import { assertContractedSessions } from '../../../domain/protocols/phase-plan';
import { getProtocol } from '../../../domain/protocols/registry';
import { checkNextStep } from '../../../domain/termination/next-steps';
import { missingForSigning, prefillRelapsePlan } from '../../../domain/termination/relapse-plan';
import { WORKSHEET_DEFINITIONS } from '../../../domain/worksheets/worksheet-kinds';
import type { Executor } from '../../db/database';
import { audit } from '../../lib/audit';
import { isoNow, newId } from '../../lib/clock';
import { requireActor, type RequestContext } from '../../lib/context';
import { sha256Hex } from '../../lib/crypto';
import { withIdempotency, type StoredResponse } from '../../lib/idempotency';
import { inTransaction } from '../../lib/transaction';
import { staleVersion } from '../../lib/versioning';
import { loadAuthorizedEpisode, type EpisodeWithClient } from '../episodes/episode-access';
import type { EpisodeTable } from '../episodes/episodes.table';
import { organizationSettingsOf } from '../organizations/organization-settings';
import type { RelapsePlanTable, TerminationRecordTable } from './termination.table';
import {
  areaLabelOf, latestPlanRow, parseStored, planView, readProgressReview, terminationRowOf, terminationView,
} from './termination-read';

const OPEN_STATUSES = ['planned', 'active'];

function assertOpen(loaded: EpisodeWithClient): EpisodeWithClient {
  if (!OPEN_STATUSES.includes(loaded.episode.status)) throw new DomainError('conflict', 'This episode has ended; its termination records can no longer be changed (add an addendum to the signed note instead).');
  return loaded;
}

const signedRecordRefusal = () => new DomainError('locked', 'The termination note is signed and locked. Add a signed addendum instead of changing it.', { extra: { problemType: 'note-signed' } });

// ---- Progress review -----------------------------------------------------------------------------

export async function getProgressReview(ctx: RequestContext, episodeId: string): Promise<ProgressReview> {
  return inTransaction(ctx, async (tx) => {
    const { episode } = await loadAuthorizedEpisode(tx, ctx, episodeId, 'client.read');
    await audit(tx, ctx, { action: 'read', entityType: 'progress-review', entityId: episodeId, clientId: episode.client_id });
    return readProgressReview(tx, episode.organization_id, episodeId);
  });
}

// ---- Termination record (the termination note) --------------------------------------------------

export async function getTerminationRecord(ctx: RequestContext, episodeId: string): Promise<TerminationRecord> {
  return inTransaction(ctx, async (tx) => {
    const { episode } = await loadAuthorizedEpisode(tx, ctx, episodeId, 'client.read');
    const row = await terminationRowOf(tx, episode.organization_id, episodeId);
    await audit(tx, ctx, { action: 'read', entityType: 'termination-record', entityId: row?.id ?? null, clientId: episode.client_id });
    return terminationView(tx, episodeId, row);
  });
}

/** Checks the next step against the outcome (domain/termination/next-steps.ts). */
async function assertNextStepAllowed(tx: Executor, episode: EpisodeTable, record: z.infer<typeof TerminationContent>): Promise<void> {
  if (!record.nextStep) return;
  const review = await readProgressReview(tx, episode.organization_id, episode.id);
  checkNextStep(record.nextStep, review.responder);
}

/** Saves the draft record at the version read (0 for the first save). A signed record refuses (423). */
export async function saveTerminationRecord(ctx: RequestContext, episodeId: string, version: number, body: TerminationRecordBody): Promise<TerminationRecord> {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    const { episode } = assertOpen(await loadAuthorizedEpisode(tx, ctx, episodeId, 'client.update'));
    const current = await terminationRowOf(tx, episode.organization_id, episodeId);
    if (current?.status === 'signed') throw signedRecordRefusal();
    const currentVersion = current ? Number(current.version) : 0;
    if (version !== currentVersion) throw staleVersion('termination record', currentVersion);
    const record: z.infer<typeof TerminationContent> = {
      feelingsAboutEnding: body.feelingsAboutEnding ?? null, whatRemains: body.whatRemains ?? null, clientViewOfChange: body.clientViewOfChange ?? null,
      goals: body.goals, nextStep: body.nextStep ? { kind: body.nextStep.kind, reason: body.nextStep.reason ?? null, alternativeOffered: body.nextStep.alternativeOffered ?? null, overrideReason: body.nextStep.overrideReason ?? null } : null,
    };
    await assertNextStepAllowed(tx, episode, record);
    const now = isoNow(ctx.clock);
    if (current) {
      const result = await tx.updateTable('termination_record').set({ payload_json: JSON.stringify(record), updated_at: now, version: currentVersion + 1 })
        .where('organization_id', '=', episode.organization_id).where('id', '=', current.id).where('version', '=', currentVersion).where('status', '=', 'draft').executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw staleVersion('termination record', currentVersion + 1);
      await audit(tx, ctx, { action: 'update', entityType: 'termination-record', entityId: current.id, clientId: episode.client_id });
    } else {
      const row: TerminationRecordTable = {
        id: newId(), organization_id: episode.organization_id, client_id: episode.client_id, episode_id: episodeId, payload_json: JSON.stringify(record), status: 'draft',
        signed_by: null, signed_at: null, signed_hash: null, maintenance_episode_id: null, created_by: actor.userId, created_at: now, updated_at: now, version: 1,
      };
      const inserted = await tx.insertInto('termination_record').values(row).onConflict((oc) => oc.column('episode_id').doNothing()).executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) throw staleVersion('termination record', 1);
      await audit(tx, ctx, { action: 'create', entityType: 'termination-record', entityId: row.id, clientId: episode.client_id });
    }
    return terminationView(tx, episodeId, await terminationRowOf(tx, episode.organization_id, episodeId));
  });
}

/**
 * Signs the termination note: the record is locked as it stands, with the SHA-256 of its content, the
 * same way a session note is signed. It needs the next step; the next-step rule is checked again.
 */
export async function signTerminationRecord(ctx: RequestContext, episodeId: string, version: number): Promise<TerminationRecord> {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    const { episode } = assertOpen(await loadAuthorizedEpisode(tx, ctx, episodeId, 'client.update'));
    const current = await terminationRowOf(tx, episode.organization_id, episodeId);
    if (!current) throw new DomainError('conflict', 'There is no termination record to sign yet: save it first.');
    if (current.status === 'signed') throw signedRecordRefusal();
    if (Number(current.version) !== version) throw staleVersion('termination record', Number(current.version));
    const record = parseStored(TerminationContent, current.payload_json, 'termination record');
    if (!record.nextStep) throw new DomainError('validation', 'choose the next step before signing', { field: 'nextStep' });
    await assertNextStepAllowed(tx, episode, record);
    const now = isoNow(ctx.clock);
    await tx.updateTable('termination_record').set({ status: 'signed', signed_by: actor.userId, signed_at: now, signed_hash: sha256Hex(current.payload_json), updated_at: now, version: version + 1 })
      .where('organization_id', '=', episode.organization_id).where('id', '=', current.id).where('version', '=', version).execute();
    await audit(tx, ctx, { action: 'sign', entityType: 'termination-note', entityId: current.id, clientId: episode.client_id });
    return terminationView(tx, episodeId, await terminationRowOf(tx, episode.organization_id, episodeId));
  });
}

/** A signed, timed addendum to the signed termination note (also after the episode has ended). */
export async function addTerminationAddendum(ctx: RequestContext, episodeId: string, body: z.infer<typeof AddendumBody>): Promise<TerminationRecord> {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    const { episode } = await loadAuthorizedEpisode(tx, ctx, episodeId, 'client.update');
    const current = await terminationRowOf(tx, episode.organization_id, episodeId);
    if (!current || current.status !== 'signed') throw new DomainError('conflict', 'The termination note is not signed yet: edit it directly. Addenda are for signed notes.');
    const row = { id: newId(), organization_id: episode.organization_id, record_id: current.id, text: body.text, signed_by: actor.userId, signed_at: isoNow(ctx.clock) };
    await tx.insertInto('termination_addendum').values(row).execute();
    await audit(tx, ctx, { action: 'sign', entityType: 'termination-addendum', entityId: row.id, clientId: episode.client_id });
    return terminationView(tx, episodeId, current);
  });
}

// ---- Next step: a linked maintenance episode ------------------------------------------------------

/**
 * Starts the maintenance-IPT episode the signed or draft record chose as next step, linked back to
 * this one (previous_episode_id). Accepts Idempotency-Key; a second start is refused (409).
 */
export async function startMaintenanceEpisode(ctx: RequestContext, episodeId: string, idempotencyKey: string | undefined, body: z.infer<typeof MaintenanceEpisodeBody>): Promise<StoredResponse<TerminationRecord>> {
  return inTransaction(ctx, (tx) => withIdempotency(tx, ctx, idempotencyKey, `POST /api/v1/episodes/${episodeId}/termination/maintenance-episode`, body, async () => {
    const { episode, client } = await loadAuthorizedEpisode(tx, ctx, episodeId, 'client.update');
    const current = await terminationRowOf(tx, episode.organization_id, episodeId);
    const record = current ? parseStored(TerminationContent, current.payload_json, 'termination record') : null;
    if (!current || record?.nextStep?.kind !== 'maintenance') throw new DomainError('conflict', 'Record maintenance IPT as the next step before starting the maintenance episode.', { field: 'nextStep' });
    if (current.maintenance_episode_id) throw new DomainError('conflict', 'The maintenance episode has already been started.', { extra: { episodeId: current.maintenance_episode_id } });
    if (client.status !== 'active') throw new DomainError('conflict', 'This client is archived; start treatment only for an active client.');
    if (body.startDate < episode.start_date) throw new DomainError('validation', 'is before the start of the acute episode', { field: 'startDate' });
    const protocol = getProtocol('ipt-maintenance');
    const contracted = body.contractedSessions ?? protocol.sessionCount.default;
    assertContractedSessions(protocol, contracted, 'contractedSessions');
    const open = await tx.selectFrom('episode').select('id').where('organization_id', '=', episode.organization_id).where('client_id', '=', episode.client_id)
      .where('protocol_id', '=', protocol.id).where('status', 'in', OPEN_STATUSES).executeTakeFirst();
    if (open) throw new DomainError('conflict', `This client already has an open ${protocol.shortName} episode.`, { extra: { episodeId: open.id } });
    const now = isoNow(ctx.clock);
    const next: EpisodeTable = {
      id: newId(), organization_id: episode.organization_id, client_id: episode.client_id, clinician_id: client.clinician_id, protocol_id: protocol.id, protocol_version: protocol.version,
      status: 'planned', current_phase: protocol.phases[0]!.id, phase_started_session: 1, start_date: body.startDate, contracted_sessions: contracted,
      schedule: 'monthly', session_length_minutes: episode.session_length_minutes, medication_referral: 'not-assessed', medication_referral_note: null,
      formulation_agreed_at: null, termination_discussed_at: null, end_reason: null, ended_at: null, previous_episode_id: episode.id, created_at: now, updated_at: now, version: 1,
    };
    await tx.insertInto('episode').values(next).execute();
    await tx.updateTable('termination_record').set({ maintenance_episode_id: next.id, updated_at: now, version: Number(current.version) + 1 })
      .where('organization_id', '=', episode.organization_id).where('id', '=', current.id).execute();
    await audit(tx, ctx, { action: 'create', entityType: 'episode', entityId: next.id, clientId: episode.client_id, reason: `maintenance after ${episode.id}` });
    return { statusCode: 201, body: await terminationView(tx, episodeId, await terminationRowOf(tx, episode.organization_id, episodeId)) };
  }));
}

// ---- Relapse-prevention plan -----------------------------------------------------------------------

/** What the record offers for a new plan (domain/termination/relapse-plan.ts). */
async function prefillFor(tx: Executor, episode: EpisodeTable): Promise<z.infer<typeof RelapsePlanContent>> {
  const org = episode.organization_id;
  const [events, workspaces, tasks, worksheets, snapshot, people, settings] = await Promise.all([
    tx.selectFrom('timeline_event').select(['event_date', 'kind', 'title']).where('organization_id', '=', org).where('episode_id', '=', episode.id).where('status', '=', 'active').orderBy('event_date').execute(),
    tx.selectFrom('problem_area_workspace').select(['area', 'other_party']).where('organization_id', '=', org).where('episode_id', '=', episode.id).orderBy('created_at').execute(),
    tx.selectFrom('between_session_task').select(['what', 'review_outcome', 'mood_effect']).where('organization_id', '=', org).where('episode_id', '=', episode.id).orderBy('created_at').execute(),
    tx.selectFrom('worksheet').select('kind').distinct().where('organization_id', '=', org).where('episode_id', '=', episode.id).execute(),
    tx.selectFrom('closeness_snapshot').select('placements_json').where('organization_id', '=', org).where('episode_id', '=', episode.id).orderBy('taken_on', 'desc').limit(1).executeTakeFirst(),
    tx.selectFrom('inventory_person').select(['id', 'label']).where('organization_id', '=', org).where('episode_id', '=', episode.id).where('status', '=', 'active').orderBy('created_at').execute(),
    organizationSettingsOf(tx, org),
  ]);
  const labels = new Map(people.map((p) => [p.id, p.label]));
  const placed = snapshot ? (JSON.parse(snapshot.placements_json) as Array<{ personId: string; ring: number }>).filter((p) => labels.has(p.personId)).map((p) => ({ label: labels.get(p.personId)!, ring: p.ring })) : null;
  const plan = prefillRelapsePlan({
    timelineEvents: events.map((e) => ({ date: e.event_date, kind: e.kind, title: e.title })),
    workspaces: workspaces.map((w) => ({ area: w.area, areaLabel: areaLabelOf(w.area), otherParty: w.other_party })),
    tasks: tasks.map((t) => ({ what: t.what, reviewOutcome: t.review_outcome, moodEffect: t.mood_effect === null ? null : Number(t.mood_effect) })),
    techniques: worksheets.map((w) => (WORKSHEET_DEFINITIONS as Record<string, { label: string } | undefined>)[w.kind]?.label ?? w.kind),
    people: placed ?? people.map((p) => ({ label: p.label, ring: null })),
    crisisResources: settings.risk.crisisResources.map((c) => ({ name: c.name, phone: c.phone, description: c.description ?? null })),
  });
  return RelapsePlanContent.parse(plan);
}

/** The current plan, or a new one prefilled from the record (status "new", version 0). */
export async function getRelapsePlan(ctx: RequestContext, episodeId: string): Promise<RelapsePlan> {
  return inTransaction(ctx, async (tx) => {
    const { episode } = await loadAuthorizedEpisode(tx, ctx, episodeId, 'client.read');
    const row = await latestPlanRow(tx, episode.organization_id, episodeId);
    await audit(tx, ctx, { action: 'read', entityType: 'relapse-plan', entityId: row?.id ?? null, clientId: episode.client_id });
    if (row) return planView(tx, row);
    return { id: null, episodeId, planNumber: 1, status: 'new', plan: await prefillFor(tx, episode), sharedWithClient: false, signedAt: null, signedByName: null, createdAt: null, updatedAt: null, version: 0 };
  });
}

/**
 * Saves the plan. Editing a draft needs its version; when the current plan is signed (or there is
 * none, version 0) saving starts the next plan number as a draft and the signed one stays as it was.
 */
export async function saveRelapsePlan(ctx: RequestContext, episodeId: string, version: number, body: z.infer<typeof RelapsePlanBody>): Promise<RelapsePlan> {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    const { episode } = assertOpen(await loadAuthorizedEpisode(tx, ctx, episodeId, 'client.update'));
    const current = await latestPlanRow(tx, episode.organization_id, episodeId);
    const currentVersion = current ? Number(current.version) : 0;
    if (version !== currentVersion) throw staleVersion('relapse-prevention plan', currentVersion);
    const payload = JSON.stringify(RelapsePlanContent.parse({ ...body.plan, whenToSeekHelp: body.plan.whenToSeekHelp ?? null, boosterPlan: body.plan.boosterPlan ?? null,
      people: body.plan.people.map((p) => ({ name: p.name, phone: p.phone ?? null, note: p.note ?? null })), crisisContacts: body.plan.crisisContacts.map((p) => ({ name: p.name, phone: p.phone ?? null, note: p.note ?? null })) }));
    const now = isoNow(ctx.clock);
    if (current && current.status === 'draft') {
      const result = await tx.updateTable('relapse_plan').set({ payload_json: payload, updated_at: now, version: currentVersion + 1 })
        .where('organization_id', '=', episode.organization_id).where('id', '=', current.id).where('version', '=', currentVersion).executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw staleVersion('relapse-prevention plan', currentVersion + 1);
      await audit(tx, ctx, { action: 'update', entityType: 'relapse-plan', entityId: current.id, clientId: episode.client_id });
      return planView(tx, (await latestPlanRow(tx, episode.organization_id, episodeId))!);
    }
    const row: RelapsePlanTable = {
      id: newId(), organization_id: episode.organization_id, client_id: episode.client_id, episode_id: episodeId, plan_number: current ? Number(current.plan_number) + 1 : 1,
      payload_json: payload, status: 'draft', shared_with_client: current ? Number(current.shared_with_client) : 0, created_by: actor.userId, created_at: now, updated_at: now,
      signed_by: null, signed_at: null, version: currentVersion + 1,
    };
    const inserted = await tx.insertInto('relapse_plan').values(row).onConflict((oc) => oc.columns(['episode_id', 'plan_number']).doNothing()).executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) throw staleVersion('relapse-prevention plan', currentVersion + 1);
    await audit(tx, ctx, { action: 'create', entityType: 'relapse-plan', entityId: row.id, clientId: episode.client_id });
    return planView(tx, row);
  });
}

/** Signing locks this plan version; it needs a warning sign, a strategy and someone to turn to. */
export async function signRelapsePlan(ctx: RequestContext, episodeId: string, version: number): Promise<RelapsePlan> {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    const { episode } = assertOpen(await loadAuthorizedEpisode(tx, ctx, episodeId, 'client.update'));
    const current = await latestPlanRow(tx, episode.organization_id, episodeId);
    if (!current || current.status !== 'draft') throw new DomainError('conflict', 'There is no draft relapse-prevention plan to sign.');
    if (Number(current.version) !== version) throw staleVersion('relapse-prevention plan', Number(current.version));
    const missing = missingForSigning(parseStored(RelapsePlanContent, current.payload_json, 'relapse plan'));
    if (missing.length > 0) throw new DomainError('validation', `The plan is not complete: ${missing.map((m) => m.message).join('; ')}.`, { errors: missing });
    const now = isoNow(ctx.clock);
    await tx.updateTable('relapse_plan').set({ status: 'signed', signed_by: actor.userId, signed_at: now, updated_at: now, version: version + 1 })
      .where('organization_id', '=', episode.organization_id).where('id', '=', current.id).where('version', '=', version).execute();
    await audit(tx, ctx, { action: 'sign', entityType: 'relapse-plan', entityId: current.id, clientId: episode.client_id });
    return planView(tx, (await latestPlanRow(tx, episode.organization_id, episodeId))!);
  });
}

/** Shares the current plan with the client (or stops sharing); allowed on a signed plan, also after the end. */
export async function setRelapsePlanSharing(ctx: RequestContext, episodeId: string, version: number, body: z.infer<typeof SharingBody>): Promise<RelapsePlan> {
  return inTransaction(ctx, async (tx) => {
    const { episode } = await loadAuthorizedEpisode(tx, ctx, episodeId, 'client.update');
    const current = await latestPlanRow(tx, episode.organization_id, episodeId);
    if (!current) throw new DomainError('conflict', 'Save the relapse-prevention plan before sharing it.');
    if (Number(current.version) !== version) throw staleVersion('relapse-prevention plan', Number(current.version));
    await tx.updateTable('relapse_plan').set({ shared_with_client: body.sharedWithClient ? 1 : 0, updated_at: isoNow(ctx.clock), version: version + 1 })
      .where('organization_id', '=', episode.organization_id).where('id', '=', current.id).where('version', '=', version).execute();
    await audit(tx, ctx, { action: 'update', entityType: 'relapse-plan-sharing', entityId: current.id, clientId: episode.client_id, reason: body.sharedWithClient ? 'shared with client' : 'sharing stopped' });
    return planView(tx, (await latestPlanRow(tx, episode.organization_id, episodeId))!);
  });
}

export async function relapsePlanHistory(ctx: RequestContext, episodeId: string): Promise<RelapsePlan[]> {
  return inTransaction(ctx, async (tx) => {
    const { episode } = await loadAuthorizedEpisode(tx, ctx, episodeId, 'client.read');
    const rows = await tx.selectFrom('relapse_plan').selectAll().where('organization_id', '=', episode.organization_id).where('episode_id', '=', episodeId).orderBy('plan_number', 'desc').execute();
    await audit(tx, ctx, { action: 'query', entityType: 'relapse-plan', clientId: episode.client_id });
    return Promise.all(rows.map((r) => planView(tx, r)));
  });
}

