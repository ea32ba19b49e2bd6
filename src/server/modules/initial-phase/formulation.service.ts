import type { z } from 'zod';
import { ContractRecord, FormulationRecord, type FormulationAgreeBody, type FormulationBody, type FormulationView } from '../../../contracts/initial-phase.contract';
import { DomainError } from '../../../domain/errors';
import type { FocusAreaInput } from '../../../domain/formulation/focus';
import { validateFocus } from '../../../domain/formulation/focus';
import { draftFormulation } from '../../../domain/formulation/formulation-draft';
import { PROBLEM_AREAS } from '../../../domain/formulation/problem-areas';
import type { Executor } from '../../db/database';
import { audit } from '../../lib/audit';
import { isoNow } from '../../lib/clock';
import { requireActor, type RequestContext } from '../../lib/context';
import { inTransaction } from '../../lib/transaction';
import { staleVersion } from '../../lib/versioning';
import type { EpisodeTable } from '../episodes/episodes.table';
import { openWorkspacesForFocus } from '../middle-phase/workspaces.service';
import { findRecord, recordHistory, recordMetaOf, saveRecord } from './episode-records';
import { activePeopleOf, assertNotFuture, changeEpisode, namesOf, readableEpisode, sessionsHeldOf, writableEpisode } from './initial-phase.repository';

const KIND = 'formulation';
type View = z.infer<typeof FormulationView>;
type Stored = FormulationRecord;

const EMPTY: Stored = { areas: [], rationale: null, goals: [], statement: null, statementDrafted: false, status: 'draft', agreedOn: null, agreedAt: null, agreedBy: null };

/** The stored areas in the domain's focus shape (nulls left out). */
function focusOf(areas: Stored['areas']): FocusAreaInput[] {
  return areas.map((a) => ({
    area: a.area, ...(a.otherParty ? { otherParty: a.otherParty } : {}), ...(a.stage ? { stage: a.stage } : {}), ...(a.person ? { person: a.person } : {}), ...(a.change ? { change: a.change } : {}),
  }));
}

/** What the draft needs besides the focus: the name the client likes, and the sessions not yet held. */
async function draftContextOf(db: Executor, episode: EpisodeTable) {
  const client = await db.selectFrom('client').select(['display_name', 'preferred_name']).where('organization_id', '=', episode.organization_id).where('id', '=', episode.client_id).executeTakeFirstOrThrow();
  const held = await sessionsHeldOf(db, episode);
  return { preferredName: (client.preferred_name ?? client.display_name).slice(0, 100), sessionsLeft: Math.min(100, Math.max(0, Number(episode.contracted_sessions) - held)) };
}

/** The domain's plain-language draft for these areas and goals (null while no area is chosen). */
function draftText(areas: Stored['areas'], goals: readonly string[], context: { preferredName: string; sessionsLeft: number }): string {
  return draftFormulation({ preferredName: context.preferredName, focus: focusOf(areas), ...(goals.length > 0 ? { goals } : {}), sessionsLeft: context.sessionsLeft }).text;
}

async function viewOf(db: Executor, episode: EpisodeTable, record: Stored, meta: ReturnType<typeof recordMetaOf>): Promise<View> {
  const names = await namesOf(db, episode.organization_id, [record.agreedBy]);
  const draftStatement = record.areas.length > 0 ? draftText(record.areas, record.goals, await draftContextOf(db, episode)) : null;
  return {
    ...record, ...meta, agreedByName: record.agreedBy ? names.get(record.agreedBy) ?? null : null, draftStatement,
    episodeFormulationAgreedAt: episode.formulation_agreed_at, episodeVersion: Number(episode.version),
  };
}

/** The episode's formulation, or an empty draft (version 0) while none is saved. */
export async function readFormulation(ctx: RequestContext, episodeId: string): Promise<View> {
  return inTransaction(ctx, async (tx) => {
    const { episode } = await readableEpisode(tx, ctx, episodeId);
    const saved = await findRecord(tx, episode, KIND, FormulationRecord);
    await audit(tx, ctx, { action: 'read', entityType: KIND, entityId: episodeId, clientId: episode.client_id });
    return viewOf(tx, episode, saved?.payload ?? EMPTY, recordMetaOf(saved?.row));
  });
}

/**
 * Saves the formulation as a draft (If-Match; "0" for the first save). The focus is checked by the
 * domain (one area, at most two; a dispute names the other party and its stage); a person id must be
 * in the inventory. Without a statement the domain drafts one. Editing an agreed formulation makes a
 * new draft that needs the client's agreement again, so the episode's agreement date is cleared.
 */
export async function saveFormulation(ctx: RequestContext, episodeId: string, version: number, body: z.infer<typeof FormulationBody>): Promise<View> {
  return inTransaction(ctx, async (tx) => {
    let { episode } = await writableEpisode(tx, ctx, episodeId);
    const existing = await findRecord(tx, episode, KIND, FormulationRecord);
    if (existing && Number(existing.row.version) !== version) throw staleVersion(KIND, Number(existing.row.version));
    const people = new Map((await activePeopleOf(tx, episode)).map((p) => [p.id, p]));
    const inputs: FocusAreaInput[] = body.areas.map((a, i) => {
      const person = a.personId ? people.get(a.personId) : undefined;
      if (a.personId && !person) throw new DomainError('validation', 'is not a person in this episode\'s interpersonal inventory', { field: `areas.${i}.personId` });
      const otherParty = a.otherParty ?? (a.area === 'role-dispute' ? person?.label : undefined);
      const grieved = a.person ?? (a.area === 'grief' ? person?.label : undefined);
      return { area: a.area, ...(otherParty ? { otherParty } : {}), ...(a.stage ? { stage: a.stage } : {}), ...(grieved ? { person: grieved } : {}), ...(a.change ? { change: a.change } : {}) };
    });
    const focus = validateFocus(inputs);
    const areas: Stored['areas'] = focus.map((f, i) => ({
      area: f.area, label: PROBLEM_AREAS[f.area].label, personId: body.areas[i]?.personId ?? null, otherParty: f.otherParty ?? null, stage: f.stage ?? null, person: f.person ?? null, change: f.change ?? null,
    }));
    const drafted = draftText(areas, body.goals, await draftContextOf(tx, episode));
    const record: Stored = {
      areas, rationale: body.rationale ?? null, goals: body.goals, statement: body.statement ?? drafted, statementDrafted: !body.statement,
      status: 'draft', agreedOn: null, agreedAt: null, agreedBy: null,
    };
    const row = await saveRecord(tx, ctx, episode, KIND, version, existing, record);
    if (existing?.payload.status === 'agreed' && episode.formulation_agreed_at !== null) episode = await changeEpisode(tx, ctx, episode, { formulation_agreed_at: null });
    await audit(tx, ctx, { action: existing ? 'update' : 'create', entityType: KIND, entityId: row.id, clientId: episode.client_id });
    return viewOf(tx, episode, record, recordMetaOf(row));
  });
}

/**
 * Records the client's explicit agreement with this version (If-Match), with its date, and sets the
 * episode's formulation date in the same transaction, so the protocol's guard on the middle phase
 * is met ([V] [S3][S4] clinical-reference §4.5). The agreed areas get their middle-phase workspaces
 * in the same transaction (docs/middle-phase.md).
 */
export async function agreeFormulation(ctx: RequestContext, episodeId: string, version: number, body: z.infer<typeof FormulationAgreeBody>): Promise<View> {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    let { episode } = await writableEpisode(tx, ctx, episodeId);
    const existing = await findRecord(tx, episode, KIND, FormulationRecord);
    if (!existing) throw new DomainError('conflict', 'Save the formulation before recording the client\'s agreement.');
    if (Number(existing.row.version) !== version) throw staleVersion(KIND, Number(existing.row.version));
    if (existing.payload.status === 'agreed') throw new DomainError('conflict', 'The client has already agreed this version of the formulation.');
    const now = isoNow(ctx.clock);
    const agreedOn = body?.agreedOn ?? now.slice(0, 10);
    assertNotFuture(ctx, agreedOn, 'agreedOn');
    if (agreedOn < episode.start_date) throw new DomainError('validation', `is before the episode started (${episode.start_date})`, { field: 'agreedOn' });
    const record: Stored = { ...existing.payload, status: 'agreed', agreedOn, agreedAt: now, agreedBy: actor.userId };
    const row = await saveRecord(tx, ctx, episode, KIND, version, existing, record);
    if (episode.formulation_agreed_at === null) episode = await changeEpisode(tx, ctx, episode, { formulation_agreed_at: now });
    await audit(tx, ctx, { action: 'update', entityType: KIND, entityId: row.id, clientId: episode.client_id, reason: 'agreed' });
    // The agreed focus opens its middle-phase workspaces (areas that already have one are left as
    // they are); they start with the formulation's goals, or the contract's when it has none.
    const contract = record.goals.length > 0 ? undefined : await findRecord(tx, episode, 'treatment-contract', ContractRecord);
    await openWorkspacesForFocus(tx, ctx, episode, focusOf(record.areas), record.goals.length > 0 ? record.goals : (contract?.payload.goals ?? []).map((g) => g.text));
    return viewOf(tx, episode, record, recordMetaOf(row));
  });
}

/** Every version of the formulation, agreed ones included, newest first. */
export async function formulationHistory(ctx: RequestContext, episodeId: string) {
  return inTransaction(ctx, async (tx) => {
    const { episode } = await readableEpisode(tx, ctx, episodeId);
    await audit(tx, ctx, { action: 'read', entityType: KIND, entityId: episodeId, clientId: episode.client_id, reason: 'history' });
    return recordHistory(tx, episode, KIND, FormulationRecord);
  });
}
