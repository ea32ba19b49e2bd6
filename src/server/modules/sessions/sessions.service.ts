import type { z } from 'zod';
import { authorizeOnClient } from '../clients/client-access';
import type { NoteBody, SessionCreateBody, SessionUpdateBody, SessionView } from '../../../contracts/sessions.contract';
import { DomainError } from '../../../domain/errors';
import { noteSectionsFor } from '../../../domain/notes/note-sections';
import { summarizeTask, summarizeWorksheet } from '../../../domain/worksheets/summarize';
import { WorksheetContent } from '../../../domain/worksheets/worksheet-kinds';
import { planNextSession } from '../../../domain/protocols/progression';
import type { Database, Executor, Tx } from '../../db/database';
import type { Kysely } from 'kysely';
import { reusableQuery } from '../../db/reusable-query';
import { audit } from '../../lib/audit';
import { notFound } from '../../lib/authorize';
import { isoNow, newId } from '../../lib/clock';
import { requireActor, type RequestContext } from '../../lib/context';
import { sha256Hex } from '../../lib/crypto';
import { withIdempotency, type StoredResponse } from '../../lib/idempotency';
import { inTransaction } from '../../lib/transaction';
import { staleVersion } from '../../lib/versioning';
import { loadAuthorizedEpisode } from '../episodes/episode-access';
import type { EpisodeTable } from '../episodes/episodes.table';
import { effectiveProtocol, mayEditClientOf, phaseLabelOf } from '../episodes/episodes.service';
import { progressionStateOf } from '../episodes/progression-state';
import { measureViewsOfSession } from '../measures/measures.service';
import { openRiskFlagsOfClient, toRiskFlagView } from '../risk/risk.repository';
import { parseOrganizationSettings, type OrganizationSettings } from '../organizations/organization-settings';
import type { TherapySessionTable } from './sessions.table';

/** The agenda stored with a session: the items due when it was planned, and whether each was covered. */
interface StoredAgendaItem { id: string; label: string; guidance: string; required: boolean; opensTool: string | null; done: boolean }
type StoredNote = Record<string, string | number | null>;

/** Agenda items whose completion, once the note is signed, records a clinical milestone on the episode. */
const FORMULATION_AGREED_ITEM = 'agree-formulation';
const ENDING_RAISED_ITEMS = ['raise-ending', 'feelings-about-ending'];

export interface LoadedSession {
  session: TherapySessionTable;
  episode: EpisodeTable;
  clientName: string;
  /** The client's counsellor, loaded with the session: who may edit it follows from it. */
  clientClinicianId: string;
}

/** Loads a session scoped by organization and checks access through its client (refusal = not found). */
// Read by every request about a session (a questionnaire submission among them): built once, the
// session with its client in one statement (db/reusable-query.ts).
type SessionKey = { organizationId: string; sessionId: string };
/** The session with its client, scoped by organization: the base of both loaders below. */
const sessionAndClient = (db: Kysely<Database>, p: SessionKey) => db.selectFrom('therapy_session').innerJoin('client', 'client.id', 'therapy_session.client_id')
  .selectAll('therapy_session').select('client.clinician_id as client_clinician_id')
  .where('therapy_session.organization_id', '=', p.organizationId).where('client.organization_id', '=', p.organizationId).where('therapy_session.id', '=', p.sessionId);
const sessionWithClient = reusableQuery<SessionKey, TherapySessionTable & { client_clinician_id: string; client_display_name: string }>(
  ['organizationId', 'sessionId'], (db, p) => sessionAndClient(db, p).select('client.display_name as client_display_name'));
const episodeById = reusableQuery<{ organizationId: string; episodeId: string }, EpisodeTable>(['organizationId', 'episodeId'], (db, p) => db.selectFrom('episode')
  .selectAll().where('organization_id', '=', p.organizationId).where('id', '=', p.episodeId));

export async function loadAuthorizedSession(tx: Executor, ctx: RequestContext, sessionId: string, action: 'client.read' | 'client.update'): Promise<LoadedSession> {
  const actor = requireActor(ctx);
  const [row] = await sessionWithClient(tx, { organizationId: actor.organizationId, sessionId });
  if (!row) throw notFound('session');
  const { client_clinician_id, client_display_name, ...session } = row;
  await authorizeOnClient(tx, ctx, action, { clientId: session.client_id, clinicianId: client_clinician_id }, { entityType: 'session', entityId: sessionId });
  const [episode] = await episodeById(tx, { organizationId: actor.organizationId, episodeId: session.episode_id });
  if (!episode) throw new Error(`episode ${session.episode_id} of session ${sessionId} is missing`);
  return { session, episode, clientName: client_display_name, clientClinicianId: client_clinician_id };
}

// A questionnaire submission's reads in one statement: the session, its client's counsellor (who may
// add to it follows from that) and the organization's settings (instruments turned off, band
// conventions, risk escalation). Submissions are the busiest write; they sent three statements here.
const sessionForMeasure = reusableQuery<SessionKey, TherapySessionTable & { client_clinician_id: string; settings_json: string }>(
  ['organizationId', 'sessionId'], (db, p) => sessionAndClient(db, p).innerJoin('organization', 'organization.id', 'therapy_session.organization_id').select('organization.settings_json'));

/** A session to add a measure to, checked as loadAuthorizedSession checks it for a change, with the organization's settings. */
export async function loadSessionForMeasure(tx: Executor, ctx: RequestContext, sessionId: string): Promise<{ session: TherapySessionTable; settings: OrganizationSettings }> {
  const actor = requireActor(ctx);
  const [row] = await sessionForMeasure(tx, { organizationId: actor.organizationId, sessionId });
  if (!row) throw notFound('session');
  const { client_clinician_id, settings_json, ...session } = row;
  await authorizeOnClient(tx, ctx, 'client.update', { clientId: session.client_id, clinicianId: client_clinician_id }, { entityType: 'session', entityId: sessionId });
  return { session, settings: parseOrganizationSettings(settings_json) };
}

/** What the record already says (measures, worksheets, tasks, flags), offered as note text while the note is a draft. */
async function prefillOf(tx: Executor, loaded: LoadedSession): Promise<StoredNote> {
  const measures = await measureViewsOfSession(tx, loaded.session);
  const prefill: StoredNote = {};
  if (measures.length > 0) {
    prefill.measureReview = measures.map((m) => `${m.instrumentTitle}: ${m.score.total ?? 'incomplete'}${m.score.severity ? ` (${m.score.severity.label.toLowerCase()})` : ''}${m.score.riskItems.length > 0 ? `; risk answer on item ${m.score.riskItems.map((r) => r.itemId).join(', ')}` : ''}.`).join(' ');
  }
  const org = loaded.session.organization_id;
  const worksheets = await tx.selectFrom('worksheet').select(['kind', 'payload_json']).where('organization_id', '=', org).where('session_id', '=', loaded.session.id).orderBy('created_at').execute();
  if (worksheets.length > 0) {
    prefill.techniquesUsed = worksheets.map((w) => summarizeWorksheet(WorksheetContent.parse({ kind: w.kind, payload: JSON.parse(w.payload_json) }))).join(' ');
  }
  const tasks = await tx.selectFrom('between_session_task').selectAll().where('organization_id', '=', org)
    .where((eb) => eb.or([eb('set_in_session_id', '=', loaded.session.id), eb('reviewed_in_session_id', '=', loaded.session.id)])).orderBy('created_at').execute();
  if (tasks.length > 0) {
    prefill.tasks = tasks.map((t) => summarizeTask({
      what: t.what, withWhom: t.with_whom, whenDate: t.when_date, whenText: t.when_text,
      review: t.reviewed_in_session_id === loaded.session.id && t.review_outcome ? { outcome: t.review_outcome as 'done', moodEffect: t.mood_effect === null ? null : Number(t.mood_effect) } : null,
    })).join(' ');
  }
  const flags = (await openRiskFlagsOfClient(tx, loaded.session.organization_id, loaded.session.client_id)).filter((f) => f.session_id === loaded.session.id);
  if (flags.length > 0) prefill.riskReview = `Risk flag raised this session: ${flags.map((f) => `${f.detail} (level ${f.level})`).join('; ')}.`;
  return prefill;
}

export async function sessionView(tx: Executor, ctx: RequestContext, loaded: LoadedSession): Promise<SessionView> {
  const { session, episode } = loaded;
  const protocol = await effectiveProtocol(tx, episode);
  const stored = JSON.parse(session.note_json) as StoredNote;
  const signed = session.note_status === 'signed';
  const prefill = signed ? {} : await prefillOf(tx, loaded);
  // A section the clinician saved, even as empty, is theirs: prefill fills only sections never written.
  const prefilledSections = Object.keys(prefill).filter((k) => stored[k] === undefined);
  const note: StoredNote = { ...stored };
  for (const key of prefilledSections) note[key] = prefill[key] ?? null;
  const [addenda, signer, measures, flags] = await Promise.all([
    tx.selectFrom('session_addendum').innerJoin('app_user', 'app_user.id', 'session_addendum.signed_by')
      .select(['session_addendum.id', 'session_addendum.text', 'session_addendum.signed_at', 'app_user.name'])
      .where('session_addendum.organization_id', '=', session.organization_id).where('session_addendum.session_id', '=', session.id).orderBy('session_addendum.signed_at').execute(),
    session.signed_by ? tx.selectFrom('app_user').select('name').where('id', '=', session.signed_by).executeTakeFirst() : Promise.resolve(undefined),
    measureViewsOfSession(tx, session),
    openRiskFlagsOfClient(tx, session.organization_id, session.client_id),
  ]);
  let measuresDue: string[] = [];
  if (!signed && (episode.status === 'active' || episode.status === 'planned')) {
    const state = await progressionStateOf(tx, episode, Number(session.number));
    const given = new Set(measures.map((m) => m.instrumentId));
    measuresDue = planNextSession(protocol, state).measuresDue.map((m) => m.instrumentId).filter((id) => !given.has(id));
  }
  return {
    id: session.id, episodeId: session.episode_id, clientId: session.client_id, clientName: loaded.clientName, protocolId: episode.protocol_id, number: Number(session.number),
    startsAt: session.starts_at, durationMinutes: session.duration_minutes === null ? null : Number(session.duration_minutes), attendance: session.attendance as SessionView['attendance'],
    mode: session.mode as SessionView['mode'], phase: session.phase, phaseLabel: phaseLabelOf(protocol, session.phase),
    agenda: JSON.parse(session.agenda_json) as StoredAgendaItem[], noteSections: noteSectionsFor(session.phase), note, prefilledSections,
    noteStatus: session.note_status as 'draft' | 'signed', signedAt: session.signed_at, signedByName: signer?.name ?? null,
    addenda: addenda.map((a) => ({ id: a.id, text: a.text, signedByName: a.name, signedAt: a.signed_at })), measures, measuresDue,
    riskFlags: flags.map(toRiskFlagView), mayEdit: mayEditClientOf(ctx, { organization_id: session.organization_id, clinician_id: loaded.clientClinicianId }), version: Number(session.version),
  };
}

/**
 * Records a session on an episode. Its agenda is the protocol's plan for that session (phase items,
 * measures due, safety check when a flag is open), stored with the session so later protocol changes
 * never rewrite what was planned.
 */
export async function createSession(ctx: RequestContext, episodeId: string, body: z.infer<typeof SessionCreateBody>, idempotencyKey: string | undefined): Promise<StoredResponse<SessionView>> {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => withIdempotency(tx, ctx, idempotencyKey, `POST /api/v1/episodes/${episodeId}/sessions`, body, async () => {
    const { episode, client } = await loadAuthorizedEpisode(tx, ctx, episodeId, 'client.update');
    if (episode.status !== 'active') throw new DomainError('conflict', episode.status === 'planned' ? 'Start the episode before recording sessions.' : 'This episode has ended; sessions can no longer be added.');
    if (body.startsAt.slice(0, 10) < episode.start_date) throw new DomainError('validation', `is before the episode started (${episode.start_date})`, { field: 'startsAt' });
    const existing = await tx.selectFrom('therapy_session').select(['number']).where('organization_id', '=', episode.organization_id).where('episode_id', '=', episodeId).execute();
    const number = body.number ?? existing.reduce((max, s) => Math.max(max, Number(s.number)), 0) + 1;
    if (existing.some((s) => Number(s.number) === number)) throw new DomainError('conflict', `Session ${number} already exists on this episode.`, { field: 'number' });
    const protocol = await effectiveProtocol(tx, episode);
    const plan = planNextSession(protocol, await progressionStateOf(tx, episode, number));
    const agenda: StoredAgendaItem[] = plan.agendaItems.map((i) => ({ id: i.id, label: i.label, guidance: i.guidance, required: i.required, opensTool: i.opensTool ?? null, done: false }));
    const now = isoNow(ctx.clock);
    const row: TherapySessionTable = {
      id: newId(), organization_id: episode.organization_id, episode_id: episodeId, client_id: episode.client_id, clinician_id: actor.userId, number,
      starts_at: body.startsAt, duration_minutes: body.durationMinutes ?? episode.session_length_minutes ?? null, attendance: body.attendance, mode: body.mode,
      phase: episode.current_phase, agenda_json: JSON.stringify(agenda), note_json: '{}', note_status: 'draft', signed_at: null, signed_by: null, signed_hash: null,
      created_at: now, updated_at: now, version: 1,
    };
    await tx.insertInto('therapy_session').values(row).execute();
    await audit(tx, ctx, { action: 'create', entityType: 'session', entityId: row.id, clientId: episode.client_id });
    return { statusCode: 201, body: await sessionView(tx, ctx, { session: row, episode, clientName: client.display_name, clientClinicianId: client.clinician_id }) };
  }));
}

export async function readSession(ctx: RequestContext, id: string): Promise<SessionView> {
  return inTransaction(ctx, async (tx) => {
    const loaded = await loadAuthorizedSession(tx, ctx, id, 'client.read');
    await audit(tx, ctx, { action: 'read', entityType: 'session', entityId: id, clientId: loaded.session.client_id });
    return sessionView(tx, ctx, loaded);
  });
}

function signedNoteRefusal(): DomainError {
  return new DomainError('locked', 'This note is signed and locked. Add a signed addendum instead of changing it.', { extra: { problemType: 'note-signed' } });
}

async function loadDraftForChange(tx: Tx, ctx: RequestContext, id: string, version: number): Promise<LoadedSession> {
  const loaded = await loadAuthorizedSession(tx, ctx, id, 'client.update');
  if (loaded.session.note_status === 'signed') throw signedNoteRefusal();
  if (Number(loaded.session.version) !== version) throw staleVersion('session', Number(loaded.session.version));
  return loaded;
}

async function saveSession(tx: Tx, ctx: RequestContext, loaded: LoadedSession, changes: Partial<TherapySessionTable>): Promise<LoadedSession> {
  const version = Number(loaded.session.version);
  const updated_at = isoNow(ctx.clock);
  const result = await tx.updateTable('therapy_session').set({ ...changes, version: version + 1, updated_at })
    .where('organization_id', '=', loaded.session.organization_id).where('id', '=', loaded.session.id).where('version', '=', version).where('note_status', '=', 'draft').executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion('session', version + 1);
  return { ...loaded, session: { ...loaded.session, ...changes, version: version + 1, updated_at } };
}

/** Edits a draft: attendance, time, mode, agenda ticks and note sections. A signed note refuses (423). */
export async function updateSession(ctx: RequestContext, id: string, version: number, body: z.infer<typeof SessionUpdateBody>): Promise<SessionView> {
  return inTransaction(ctx, async (tx) => {
    const loaded = await loadDraftForChange(tx, ctx, id, version);
    const changes: Partial<TherapySessionTable> = {};
    if (body.startsAt !== undefined) {
      if (body.startsAt.slice(0, 10) < loaded.episode.start_date) throw new DomainError('validation', `is before the episode started (${loaded.episode.start_date})`, { field: 'startsAt' });
      changes.starts_at = body.startsAt;
    }
    if (body.durationMinutes !== undefined) changes.duration_minutes = body.durationMinutes;
    if (body.mode !== undefined) changes.mode = body.mode;
    if (body.attendance !== undefined) changes.attendance = body.attendance;
    if (body.agenda !== undefined) {
      const agenda = JSON.parse(loaded.session.agenda_json) as StoredAgendaItem[];
      const unknown = Object.keys(body.agenda).filter((itemId) => !agenda.some((a) => a.id === itemId));
      if (unknown.length > 0) throw new DomainError('validation', 'is not on this session\'s agenda', { errors: unknown.map((u) => ({ field: `agenda.${u}`, message: 'is not on this session\'s agenda' })) });
      changes.agenda_json = JSON.stringify(agenda.map((a) => (body.agenda![a.id] === undefined ? a : { ...a, done: body.agenda![a.id]! })));
    }
    if (body.note !== undefined) {
      const allowed = new Set(['moodRating', ...noteSectionsFor(loaded.session.phase).map((s) => s.id)]);
      const outside = Object.entries(body.note).filter(([key, value]) => !allowed.has(key) && value !== undefined && value !== null).map(([key]) => key);
      if (outside.length > 0) throw new DomainError('validation', 'is not a section of a note in this phase', { errors: outside.map((k) => ({ field: `note.${k}`, message: 'is not a section of a note in this phase' })) });
      const merged: StoredNote = { ...(JSON.parse(loaded.session.note_json) as StoredNote) };
      for (const [key, value] of Object.entries(body.note as NoteBody)) if (value !== undefined) merged[key] = value;
      changes.note_json = JSON.stringify(merged);
    }
    const saved = await saveSession(tx, ctx, loaded, changes);
    await audit(tx, ctx, { action: 'update', entityType: 'session', entityId: id, clientId: loaded.session.client_id });
    return sessionView(tx, ctx, saved);
  });
}

/**
 * Signs the note: the draft with its prefilled sections is locked as it stands, with a hash of its
 * content, and the milestones it records (focus agreed, ending raised) are set on the episode.
 */
export async function signSession(ctx: RequestContext, id: string, version: number): Promise<SessionView> {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    const loaded = await loadDraftForChange(tx, ctx, id, version);
    if (loaded.session.attendance === 'scheduled') throw new DomainError('validation', 'Record whether the session took place (attended, cancelled or did not attend) before signing.', { field: 'attendance' });
    const view = await sessionView(tx, ctx, loaded);
    const note_json = JSON.stringify(view.note);
    const now = isoNow(ctx.clock);
    const saved = await saveSession(tx, ctx, loaded, {
      note_json, note_status: 'signed', signed_at: now, signed_by: actor.userId, signed_hash: sha256Hex(`${note_json}\n${loaded.session.agenda_json}`),
    });
    if (loaded.session.attendance === 'attended') {
      const done = new Set((JSON.parse(loaded.session.agenda_json) as StoredAgendaItem[]).filter((a) => a.done).map((a) => a.id));
      const milestones: Partial<EpisodeTable> = {};
      if (done.has(FORMULATION_AGREED_ITEM) && !loaded.episode.formulation_agreed_at) milestones.formulation_agreed_at = now;
      if (ENDING_RAISED_ITEMS.some((i) => done.has(i)) && !loaded.episode.termination_discussed_at) milestones.termination_discussed_at = now;
      if (Object.keys(milestones).length > 0) {
        await tx.updateTable('episode').set({ ...milestones, version: Number(loaded.episode.version) + 1, updated_at: now })
          .where('organization_id', '=', loaded.episode.organization_id).where('id', '=', loaded.episode.id).execute();
      }
    }
    await audit(tx, ctx, { action: 'sign', entityType: 'session-note', entityId: id, clientId: loaded.session.client_id });
    return sessionView(tx, ctx, saved);
  });
}

/** A signed, timed addendum to a signed note; the note itself never changes. */
export async function addAddendum(ctx: RequestContext, id: string, text: string): Promise<SessionView> {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    const loaded = await loadAuthorizedSession(tx, ctx, id, 'client.update');
    if (loaded.session.note_status !== 'signed') throw new DomainError('conflict', 'The note is still a draft: edit it directly. Addenda are for signed notes.');
    const row = { id: newId(), organization_id: loaded.session.organization_id, session_id: id, text, signed_by: actor.userId, signed_at: isoNow(ctx.clock) };
    await tx.insertInto('session_addendum').values(row).execute();
    await audit(tx, ctx, { action: 'sign', entityType: 'session-addendum', entityId: row.id, clientId: loaded.session.client_id });
    return sessionView(tx, ctx, loaded);
  });
}
