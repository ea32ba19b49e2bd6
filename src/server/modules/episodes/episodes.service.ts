import type { z } from 'zod';
import { EpisodeList, EpisodeView, type EpisodeCreateBody, type EpisodeEndBody, type EpisodeUpdateBody, type MedicationBody, type MedicationUpdateBody, type PhaseChangeBody } from '../../../contracts/episodes.contract';
import { can } from '../../../domain/access/policy';
import { DomainError } from '../../../domain/errors';
import { assertContractedSessions } from '../../../domain/protocols/phase-plan';
import { applyPhaseChange, checkPhaseChange, planNextSession } from '../../../domain/protocols/progression';
import type { PhaseId, Protocol } from '../../../domain/protocols/protocol-definition';
import { formatCitation } from '../../../domain/protocols/clinical-sources';
import { getProtocol, isProtocolId } from '../../../domain/protocols/registry';
import { withMeasureSchedule } from '../../../domain/protocols/measure-schedule';
import { organizationSettingsOf, parseOrganizationSettings, type OrganizationSettings } from '../organizations/organization-settings';
import type { Executor, Tx } from '../../db/database';
import { audit } from '../../lib/audit';
import { isoNow, newId } from '../../lib/clock';
import { requireActor, type RequestContext } from '../../lib/context';
import { answerAuditedRead, auditedReadTask, type ReadAnswer } from '../../lib/read-audit';
import { inTransaction } from '../../lib/transaction';
import { staleVersion } from '../../lib/versioning';
import { loadAuthorizedClient } from '../clients/clients.service';
import { toRiskFlagView } from '../risk/risk.repository';
import { buildChart, type ChartPoint } from './episode-chart';
import { loadAuthorizedEpisode } from './episode-access';
import type { EpisodeTable } from './episodes.table';
import { episodePageRows } from './episode-page.repository';
import { progressionStateFrom, progressionStateOf } from './progression-state';

const ACTIVE_STATUSES = ['planned', 'active'];

export function protocolOf(episode: Pick<EpisodeTable, 'protocol_id' | 'protocol_version'>): Protocol {
  return getProtocol(episode.protocol_id, episode.protocol_version);
}

/**
 * The protocol as this organization runs it: the shipped content with the organization's measure
 * schedule when it set one (withMeasureSchedule keeps the protocol's id and version).
 */
export async function effectiveProtocol(db: Executor, episode: Pick<EpisodeTable, 'protocol_id' | 'protocol_version' | 'organization_id'>): Promise<Protocol> {
  return protocolWithSettings(episode, await organizationSettingsOf(db, episode.organization_id));
}

/** effectiveProtocol with the organization's settings already loaded. */
export function protocolWithSettings(episode: Pick<EpisodeTable, 'protocol_id' | 'protocol_version'>, settings: OrganizationSettings): Protocol {
  const protocol = protocolOf(episode);
  return settings.measureSchedule ? withMeasureSchedule(protocol, settings.measureSchedule) : protocol;
}

export function phaseLabelOf(protocol: Protocol, phaseId: string): string {
  return protocol.phases.find((p) => p.id === phaseId)?.label ?? phaseId;
}

/** The instrument charted for an episode: the first measure on the protocol's schedule (PHQ-9 by default). */
export function primaryInstrumentOf(protocol: Protocol): string {
  return protocol.measureSchedule[0]?.instrumentId ?? 'phq-9';
}

/** The episode's client as the page needs it: loaded with the episode (episode-access.ts) or by the caller. */
export interface EpisodeClient {
  display_name: string;
  clinician_id: string;
}

/** Assembles the whole episode page: plan, sessions, chart, flags, medications and phase history. */
export async function episodeView(tx: Executor, ctx: RequestContext, episode: EpisodeTable, client: EpisodeClient): Promise<EpisodeView> {
  const { settingsJson, clinicianName, medications, phaseChanges, sessions, responses, openRiskFlags: flags, activeTimeline: timeline, openTasks } = await episodePageRows(tx, {
    organizationId: episode.organization_id, episodeId: episode.id, clientId: episode.client_id, clinicianId: episode.clinician_id,
  });
  const protocol = protocolWithSettings(episode, parseOrganizationSettings(settingsJson));
  const primary = primaryInstrumentOf(protocol);
  const sessionById = new Map(sessions.map((s) => [s.id, s]));
  const primaryBySession = new Map(responses.filter((r) => r.instrument_id === primary && r.session_id).map((r) => [r.session_id!, r]));
  let plan: EpisodeView['plan'] = null;
  if (ACTIVE_STATUSES.includes(episode.status)) {
    // The page has already loaded the sessions, measures and flags the progression rules need.
    const state = progressionStateFrom(episode, { sessions, measures: responses, openRiskFlag: flags.length > 0, unreviewedTasks: openTasks });
    const p = planNextSession(protocol, state);
    const phaseGuardsByTarget = Object.fromEntries(protocol.phases.filter((ph) => ph.id !== episode.current_phase)
      .map((ph) => [ph.id, checkPhaseChange(protocol, state, ph.id).guards.map((g) => ({ code: g.code, message: g.message }))]));
    plan = {
      nextSessionNumber: p.nextSessionNumber, sessionsLeft: p.sessionsLeft, phaseForNextSession: p.phaseForNextSession, agendaPhase: p.agendaPhase,
      phasePlan: p.plan.map((r) => ({ phase: r.phaseId, label: phaseLabelOf(protocol, r.phaseId), first: r.first, last: r.last })),
      agendaItems: p.agendaItems.map((i) => ({ id: i.id, label: i.label, guidance: i.guidance, required: i.required, opensTool: i.opensTool ?? null, phase: i.phase, source: formatCitation(i.source) })),
      measuresDue: p.measuresDue.map((m) => ({ instrumentId: m.instrumentId, reason: m.reason, overdue: m.overdue, lastGivenAtSession: m.lastGivenAtSession ?? null })),
      warnings: p.warnings.map((w) => ({ code: w.code, message: w.message, severity: w.severity, source: formatCitation(w.source) })),
      canChangePhase: p.canChangePhase, phaseChangeGuards: p.phaseChangeGuards.map((g) => ({ code: g.code, message: g.message })), phaseGuardsByTarget,
    };
  }
  const points: ChartPoint[] = responses.filter((r) => r.instrument_id === primary).map((r) => {
    const s = r.session_id ? sessionById.get(r.session_id) : undefined;
    return { sessionNumber: s ? Number(s.number) : null, date: r.administered_at.slice(0, 10), total: r.total === null ? null : Number(r.total), severityCode: r.severity_code, phase: s?.phase ?? null };
  });
  const phaseStarts = [{ phase: phaseChanges[0]?.from_phase ?? episode.current_phase, fromSession: 1 }, ...phaseChanges.map((c) => ({ phase: c.to_phase, fromSession: Number(c.at_session) }))];
  return {
    id: episode.id, clientId: episode.client_id, clientName: client.display_name, clinicianId: episode.clinician_id, clinicianName,
    protocol: { id: protocol.id, version: protocol.version, name: protocol.name, shortName: protocol.shortName, evidence: protocol.evidence, sessionCount: { min: protocol.sessionCount.min, max: protocol.sessionCount.max, default: protocol.sessionCount.default } },
    status: episode.status as EpisodeView['status'], currentPhase: episode.current_phase, currentPhaseLabel: phaseLabelOf(protocol, episode.current_phase),
    startDate: episode.start_date, contractedSessions: Number(episode.contracted_sessions), schedule: episode.schedule, sessionLengthMinutes: episode.session_length_minutes === null ? null : Number(episode.session_length_minutes),
    medicationReferral: episode.medication_referral, medicationReferralNote: episode.medication_referral_note, formulationAgreedAt: episode.formulation_agreed_at,
    terminationDiscussedAt: episode.termination_discussed_at, endReason: episode.end_reason, endedAt: episode.ended_at, previousEpisodeId: episode.previous_episode_id,
    createdAt: episode.created_at, updatedAt: episode.updated_at, version: Number(episode.version),
    medications: medications.map((m) => ({ id: m.id, name: m.name, dose: m.dose, prescriber: m.prescriber, startDate: m.start_date, stopDate: m.stop_date, version: Number(m.version) })),
    phaseChanges: phaseChanges.map((c) => ({ id: c.id, fromPhase: c.from_phase, toPhase: c.to_phase, atSession: Number(c.at_session), overriddenGuards: JSON.parse(c.overridden_guards) as string[], reason: c.reason, changedBy: c.changed_by, changedByName: c.changed_by_name, changedAt: c.changed_at })),
    sessions: sessions.map((s) => {
      const m = primaryBySession.get(s.id);
      return { id: s.id, number: Number(s.number), startsAt: s.starts_at, attendance: s.attendance, mode: s.mode, phase: s.phase, noteStatus: s.note_status, total: m?.total === null || m === undefined ? null : Number(m.total), severityCode: m?.severity_code ?? null };
    }),
    plan, riskFlags: flags.filter((f) => f.episode_id === null || f.episode_id === episode.id).map(toRiskFlagView),
    chart: buildChart(protocol, primary, points, phaseStarts, timeline.map((e) => ({ id: e.id, date: e.event_date, title: e.title, kind: e.kind })),
      sessions.filter((s) => s.attendance === 'attended').map((s) => ({ number: Number(s.number), date: s.starts_at.slice(0, 10) }))),
    mayEdit: mayEditClientOf(ctx, { organization_id: episode.organization_id, clinician_id: client.clinician_id }),
  };
}

/** Whether the caller may change a client's record (the UI hides editing controls otherwise). */
export function mayEditClientOf(ctx: RequestContext, client: { organization_id: string; clinician_id: string }): boolean {
  return can(requireActor(ctx), 'client.update', { kind: 'client', organizationId: client.organization_id, clinicianId: client.clinician_id });
}

/** Starts a course of treatment for a client: one open episode per client per protocol. */
export async function createEpisode(ctx: RequestContext, clientId: string, body: z.infer<typeof EpisodeCreateBody>): Promise<EpisodeView> {
  const actor = requireActor(ctx);
  if (!isProtocolId(body.protocolId)) throw new DomainError('validation', 'is not a protocol this app ships', { field: 'protocolId' });
  const protocol = getProtocol(body.protocolId);
  const contracted = body.contractedSessions ?? protocol.sessionCount.default;
  assertContractedSessions(protocol, contracted, 'contractedSessions');
  return inTransaction(ctx, async (tx) => {
    const client = await loadAuthorizedClient(tx, ctx, clientId, 'client.update');
    if (client.status !== 'active') throw new DomainError('conflict', 'This client is archived; start treatment only for an active client.');
    if (body.startDate < client.date_of_birth) throw new DomainError('validation', 'is before the client\'s date of birth', { field: 'startDate' });
    const open = await tx.selectFrom('episode').select('id').where('organization_id', '=', actor.organizationId).where('client_id', '=', clientId)
      .where('protocol_id', '=', protocol.id).where('status', 'in', ACTIVE_STATUSES).executeTakeFirst();
    if (open) throw new DomainError('conflict', `This client already has an open ${protocol.shortName} episode; end it before starting another.`, { field: 'protocolId', extra: { episodeId: open.id } });
    if (body.previousEpisodeId) {
      const previous = await tx.selectFrom('episode').select(['id', 'client_id']).where('organization_id', '=', actor.organizationId).where('id', '=', body.previousEpisodeId).executeTakeFirst();
      if (!previous || previous.client_id !== clientId) throw new DomainError('validation', 'must be an earlier episode of the same client', { field: 'previousEpisodeId' });
    }
    const now = isoNow(ctx.clock);
    const episode: EpisodeTable = {
      id: newId(), organization_id: actor.organizationId, client_id: clientId, clinician_id: client.clinician_id, protocol_id: protocol.id, protocol_version: protocol.version,
      status: body.status, current_phase: protocol.phases[0]!.id, phase_started_session: 1, start_date: body.startDate, contracted_sessions: contracted,
      schedule: body.schedule ?? (protocol.cadence === 'monthly' ? 'monthly' : 'weekly'), session_length_minutes: body.sessionLengthMinutes ?? protocol.sessionLengthMinutes?.max ?? null,
      medication_referral: 'not-assessed', medication_referral_note: null, formulation_agreed_at: null, termination_discussed_at: null, end_reason: null, ended_at: null,
      previous_episode_id: body.previousEpisodeId ?? null, created_at: now, updated_at: now, version: 1,
    };
    await tx.insertInto('episode').values(episode).execute();
    await audit(tx, ctx, { action: 'create', entityType: 'episode', entityId: episode.id, clientId });
    return episodeView(tx, ctx, episode, client);
  });
}

const episodeListRead = auditedReadTask('episode.list', async (tx, ctx, clientId: string, record) => {
  const client = await loadAuthorizedClient(tx, ctx, clientId, 'client.read');
  const rows = await tx.selectFrom('episode').selectAll().where('organization_id', '=', client.organization_id).where('client_id', '=', clientId).orderBy('start_date', 'desc').execute();
  const held = await tx.selectFrom('therapy_session').select(['episode_id']).select((eb) => eb.fn.countAll().as('n'))
    .where('organization_id', '=', client.organization_id).where('client_id', '=', clientId).where('attendance', '=', 'attended').groupBy('episode_id').execute();
  const heldBy = new Map(held.map((h) => [h.episode_id, Number(h.n)]));
  record({ action: 'query', entityType: 'episode', clientId });
  return {
    items: rows.map((e) => ({
      id: e.id, protocolId: e.protocol_id, protocolName: protocolOf(e).name, status: e.status as 'active', currentPhase: e.current_phase, startDate: e.start_date,
      contractedSessions: Number(e.contracted_sessions), sessionsHeld: heldBy.get(e.id) ?? 0, endedAt: e.ended_at, version: Number(e.version),
    })),
  };
}, { response: EpisodeList });

/** A client's episodes, as the route sends them (read-audit.ts answerAuditedRead). */
export async function listEpisodes(ctx: RequestContext, clientId: string): Promise<ReadAnswer<z.infer<typeof EpisodeList>>> {
  return answerAuditedRead(ctx, episodeListRead, clientId);
}

const episodeRead = auditedReadTask('episode.read', async (tx, ctx, id: string, record): Promise<EpisodeView> => {
  const { episode, client } = await loadAuthorizedEpisode(tx, ctx, id, 'client.read');
  record({ action: 'read', entityType: 'episode', entityId: id, clientId: episode.client_id });
  return episodeView(tx, ctx, episode, client);
}, { response: EpisodeView, version: (view) => view.version });

/** The episode page, as the route sends it, with its version for the ETag. */
export async function readEpisode(ctx: RequestContext, id: string): Promise<ReadAnswer<EpisodeView>> {
  return answerAuditedRead(ctx, episodeRead, id);
}

/** Loads for a change: authorized, at the version read, and still open. */
async function loadForChange(tx: Tx, ctx: RequestContext, id: string, version: number) {
  const loaded = await loadAuthorizedEpisode(tx, ctx, id, 'client.update');
  if (Number(loaded.episode.version) !== version) throw staleVersion('episode', Number(loaded.episode.version));
  if (!ACTIVE_STATUSES.includes(loaded.episode.status)) throw new DomainError('conflict', 'This episode has ended; it can no longer be changed.');
  return loaded;
}

async function saveEpisode(tx: Tx, ctx: RequestContext, episode: EpisodeTable, changes: Partial<EpisodeTable>): Promise<EpisodeTable> {
  const updated = { ...episode, ...changes, version: Number(episode.version) + 1, updated_at: isoNow(ctx.clock) };
  const result = await tx.updateTable('episode').set({ ...changes, version: updated.version, updated_at: updated.updated_at })
    .where('organization_id', '=', episode.organization_id).where('id', '=', episode.id).where('version', '=', Number(episode.version)).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion('episode', Number(episode.version) + 1);
  return updated;
}

export async function updateEpisode(ctx: RequestContext, id: string, version: number, body: z.infer<typeof EpisodeUpdateBody>): Promise<EpisodeView> {
  return inTransaction(ctx, async (tx) => {
    const { episode, client } = await loadForChange(tx, ctx, id, version);
    const changes: Partial<EpisodeTable> = {};
    if (body.contractedSessions !== undefined) {
      assertContractedSessions(protocolOf(episode), body.contractedSessions, 'contractedSessions');
      const held = await tx.selectFrom('therapy_session').select('id').where('episode_id', '=', id).where('organization_id', '=', episode.organization_id).where('attendance', '=', 'attended').execute();
      if (body.contractedSessions < held.length) throw new DomainError('validation', `cannot be fewer than the ${held.length} sessions already held`, { field: 'contractedSessions' });
      changes.contracted_sessions = body.contractedSessions;
    }
    if (body.schedule !== undefined) changes.schedule = body.schedule;
    if (body.sessionLengthMinutes !== undefined) changes.session_length_minutes = body.sessionLengthMinutes;
    if (body.medicationReferral !== undefined) changes.medication_referral = body.medicationReferral;
    if (body.medicationReferralNote !== undefined) changes.medication_referral_note = body.medicationReferralNote;
    if (body.status === 'active') {
      if (episode.status !== 'planned') throw new DomainError('conflict', 'This episode is already active.', { field: 'status' });
      changes.status = 'active';
    }
    const saved = await saveEpisode(tx, ctx, episode, changes);
    await audit(tx, ctx, { action: 'update', entityType: 'episode', entityId: id, clientId: episode.client_id });
    return episodeView(tx, ctx, saved, client);
  });
}

/**
 * An explicit phase change by the clinician, guarded by the protocol's rules (domain/protocols);
 * overriding a guard needs a reason, which is kept with the change.
 */
export async function changePhase(ctx: RequestContext, id: string, version: number, body: z.infer<typeof PhaseChangeBody>): Promise<EpisodeView> {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    const { episode, client } = await loadForChange(tx, ctx, id, version);
    const protocol = await effectiveProtocol(tx, episode);
    const state = await progressionStateOf(tx, episode);
    const record = applyPhaseChange(protocol, state, body.targetPhase as PhaseId, body.reason ? { reason: body.reason } : undefined);
    const atSession = state.sessionsHeld + 1;
    await tx.insertInto('phase_change').values({
      id: newId(), organization_id: episode.organization_id, episode_id: id, from_phase: record.from, to_phase: record.to, at_session: atSession,
      overridden_guards: JSON.stringify(record.overriddenGuards), reason: record.reason ?? null, changed_by: actor.userId, changed_at: isoNow(ctx.clock),
    }).execute();
    const saved = await saveEpisode(tx, ctx, episode, { current_phase: record.to, phase_started_session: atSession });
    await audit(tx, ctx, { action: 'update', entityType: 'episode-phase', entityId: id, clientId: episode.client_id, reason: record.overriddenGuards.length > 0 ? `guards overridden: ${record.overriddenGuards.join(', ')}` : null });
    return episodeView(tx, ctx, saved, client);
  });
}

/**
 * Ends an episode (completed or dropped out) with its reason. It needs the signed termination note
 * (modules/termination): the ending is always documented, also when the client stopped coming.
 */
export async function endEpisode(ctx: RequestContext, id: string, version: number, body: z.infer<typeof EpisodeEndBody>): Promise<EpisodeView> {
  return inTransaction(ctx, async (tx) => {
    const { episode, client } = await loadForChange(tx, ctx, id, version);
    const note = await tx.selectFrom('termination_record').select('status').where('organization_id', '=', episode.organization_id).where('episode_id', '=', id).executeTakeFirst();
    if (note?.status !== 'signed') {
      throw new DomainError('conflict', 'Sign the termination note before ending the episode (Termination page: record, next step, sign).', { field: 'terminationNote', extra: { problemType: 'termination-note-unsigned' } });
    }
    const saved = await saveEpisode(tx, ctx, episode, { status: body.status, end_reason: body.endReason, ended_at: isoNow(ctx.clock) });
    await audit(tx, ctx, { action: 'update', entityType: 'episode', entityId: id, clientId: episode.client_id, reason: `ended: ${body.endReason}` });
    return episodeView(tx, ctx, saved, client);
  });
}

export async function addMedication(ctx: RequestContext, id: string, body: z.infer<typeof MedicationBody>): Promise<EpisodeView> {
  return inTransaction(ctx, async (tx) => {
    const { episode, client } = await loadAuthorizedEpisode(tx, ctx, id, 'client.update');
    if (body.startDate && body.stopDate && body.stopDate < body.startDate) throw new DomainError('validation', 'is before the start date', { field: 'stopDate' });
    const now = isoNow(ctx.clock);
    const row = { id: newId(), organization_id: episode.organization_id, episode_id: id, name: body.name, dose: body.dose ?? null, prescriber: body.prescriber ?? null, start_date: body.startDate ?? null, stop_date: body.stopDate ?? null, created_at: now, updated_at: now, version: 1 };
    await tx.insertInto('episode_medication').values(row).execute();
    await audit(tx, ctx, { action: 'create', entityType: 'episode-medication', entityId: row.id, clientId: episode.client_id });
    return episodeView(tx, ctx, episode, client);
  });
}

export async function updateMedication(ctx: RequestContext, id: string, medicationId: string, version: number, body: z.infer<typeof MedicationUpdateBody>): Promise<EpisodeView> {
  return inTransaction(ctx, async (tx) => {
    const { episode, client } = await loadAuthorizedEpisode(tx, ctx, id, 'client.update');
    const current = await tx.selectFrom('episode_medication').selectAll().where('organization_id', '=', episode.organization_id).where('episode_id', '=', id).where('id', '=', medicationId).executeTakeFirst();
    if (!current) throw new DomainError('not-found', 'No medication with that id on this episode.');
    if (Number(current.version) !== version) throw staleVersion('medication', Number(current.version));
    const next = { name: body.name ?? current.name, dose: body.dose !== undefined ? body.dose : current.dose, prescriber: body.prescriber !== undefined ? body.prescriber : current.prescriber,
      start_date: body.startDate !== undefined ? body.startDate : current.start_date, stop_date: body.stopDate !== undefined ? body.stopDate : current.stop_date };
    if (next.start_date && next.stop_date && next.stop_date < next.start_date) throw new DomainError('validation', 'is before the start date', { field: 'stopDate' });
    const result = await tx.updateTable('episode_medication').set({ ...next, version: version + 1, updated_at: isoNow(ctx.clock) })
      .where('organization_id', '=', episode.organization_id).where('id', '=', medicationId).where('version', '=', version).executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw staleVersion('medication', version + 1);
    await audit(tx, ctx, { action: 'update', entityType: 'episode-medication', entityId: medicationId, clientId: episode.client_id });
    return episodeView(tx, ctx, episode, client);
  });
}
