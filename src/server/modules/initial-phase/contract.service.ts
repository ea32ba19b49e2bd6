import type { z } from 'zod';
import { ContractRecord, FormulationRecord, type ContractBody, type ContractView } from '../../../contracts/initial-phase.contract';
import { DomainError } from '../../../domain/errors';
import { findInstrument } from '../../../domain/instruments/registry';
import { assertContractedSessions } from '../../../domain/protocols/phase-plan';
import type { Executor } from '../../db/database';
import { audit } from '../../lib/audit';
import type { RequestContext } from '../../lib/context';
import { inTransaction } from '../../lib/transaction';
import { staleVersion } from '../../lib/versioning';
import { effectiveProtocol, protocolOf } from '../episodes/episodes.service';
import type { EpisodeTable } from '../episodes/episodes.table';
import { organizationSettingsOf } from '../organizations/organization-settings';
import { findRecord, recordHistory, recordMetaOf, saveRecord } from './episode-records';
import { assertNotFuture, changeEpisode, readableEpisode, sessionsHeldOf, writableEpisode } from './initial-phase.repository';

const KIND = 'treatment-contract';
type View = z.infer<typeof ContractView>;
type Stored = z.infer<typeof ContractRecord>;

/**
 * What the contract would say if agreed now: the episode's count, schedule and length, the focus and
 * goals of the formulation, the measure schedule as the organization runs the protocol, and the
 * protocol's participants (a parent in IPT-A).
 */
async function prefillOf(db: Executor, episode: EpisodeTable): Promise<Stored> {
  const protocol = await effectiveProtocol(db, episode);
  const formulation = await findRecord(db, episode, 'formulation', FormulationRecord);
  return {
    contractedSessions: Number(episode.contracted_sessions), frequency: episode.schedule as Stored['frequency'],
    sessionLengthMinutes: episode.session_length_minutes === null ? null : Number(episode.session_length_minutes),
    problemAreas: formulation?.payload.areas.map((a) => a.area) ?? [],
    goals: formulation?.payload.goals.map((text) => ({ text, howProgressWillBeSeen: null })) ?? [],
    measures: protocol.measureSchedule.map((m) => (m.every === 'session'
      ? { instrumentId: m.instrumentId, frequency: 'every-session' as const, everySessions: null }
      : { instrumentId: m.instrumentId, frequency: 'every-n-sessions' as const, everySessions: m.every.sessions })),
    participants: (protocol.participants ?? []).filter((p) => p.role === 'parent').map((p) => ({ role: 'parent' as const, name: null, joins: p.description })),
    missedSessionRule: null, crisisPlan: null, agreedOn: null,
  };
}

async function viewOf(db: Executor, episode: EpisodeTable, record: Stored, meta: ReturnType<typeof recordMetaOf>, prefilled: boolean): Promise<View> {
  const protocol = protocolOf(episode);
  return {
    ...record, ...meta, prefilled, sessionsHeld: await sessionsHeldOf(db, episode),
    protocol: { id: protocol.id, shortName: protocol.shortName, sessionCount: { min: protocol.sessionCount.min, max: protocol.sessionCount.max, default: protocol.sessionCount.default } },
    episode: {
      contractedSessions: Number(episode.contracted_sessions), schedule: episode.schedule,
      sessionLengthMinutes: episode.session_length_minutes === null ? null : Number(episode.session_length_minutes), version: Number(episode.version),
    },
  };
}

/** The saved contract, or one prefilled from the episode, formulation and protocol (version 0). */
export async function readContract(ctx: RequestContext, episodeId: string): Promise<View> {
  return inTransaction(ctx, async (tx) => {
    const { episode } = await readableEpisode(tx, ctx, episodeId);
    const saved = await findRecord(tx, episode, KIND, ContractRecord);
    await audit(tx, ctx, { action: 'read', entityType: KIND, entityId: episodeId, clientId: episode.client_id });
    return saved ? viewOf(tx, episode, saved.payload, recordMetaOf(saved.row), false) : viewOf(tx, episode, await prefillOf(tx, episode), recordMetaOf(undefined), true);
  });
}

/** Measures must be instruments of the library that the organization uses; a count goes with "every n". */
async function checkMeasures(db: Executor, episode: EpisodeTable, measures: z.infer<typeof ContractBody>['measures']): Promise<Stored['measures']> {
  const disabled = (await organizationSettingsOf(db, episode.organization_id)).disabledInstruments;
  const seen = new Set<string>();
  return measures.map((m, i) => {
    if (!findInstrument(m.instrumentId)) throw new DomainError('validation', 'is not an instrument in the library', { field: `measures.${i}.instrumentId` });
    if (disabled.includes(m.instrumentId)) throw new DomainError('validation', 'is turned off for this organization', { field: `measures.${i}.instrumentId` });
    if (seen.has(m.instrumentId)) throw new DomainError('validation', 'is listed twice', { field: `measures.${i}.instrumentId` });
    seen.add(m.instrumentId);
    if (m.frequency === 'every-n-sessions' && !m.everySessions) throw new DomainError('validation', 'is needed with every-n-sessions (2 to 12)', { field: `measures.${i}.everySessions` });
    return { instrumentId: m.instrumentId, frequency: m.frequency, everySessions: m.frequency === 'every-n-sessions' ? m.everySessions! : null };
  });
}

/**
 * Saves the contract (If-Match; "0" for the first save). The session count is checked as an episode
 * change is (the protocol's range, not fewer than the sessions held), and the episode's count,
 * schedule and session length follow the contract in the same transaction.
 */
export async function saveContract(ctx: RequestContext, episodeId: string, version: number, body: z.infer<typeof ContractBody>): Promise<View> {
  return inTransaction(ctx, async (tx) => {
    let { episode } = await writableEpisode(tx, ctx, episodeId);
    const existing = await findRecord(tx, episode, KIND, ContractRecord);
    if (Number(existing?.row.version ?? 0) !== version) throw staleVersion(KIND, Number(existing?.row.version ?? 0));
    assertContractedSessions(protocolOf(episode), body.contractedSessions, 'contractedSessions');
    const held = await sessionsHeldOf(tx, episode);
    if (body.contractedSessions < held) throw new DomainError('validation', `cannot be fewer than the ${held} sessions already held`, { field: 'contractedSessions' });
    assertNotFuture(ctx, body.agreedOn, 'agreedOn');
    const record: Stored = {
      contractedSessions: body.contractedSessions, frequency: body.frequency, sessionLengthMinutes: body.sessionLengthMinutes, problemAreas: body.problemAreas,
      goals: body.goals.map((g) => ({ text: g.text, howProgressWillBeSeen: g.howProgressWillBeSeen ?? null })),
      measures: await checkMeasures(tx, episode, body.measures),
      participants: body.participants.map((p) => ({ role: p.role, name: p.name ?? null, joins: p.joins ?? null })),
      missedSessionRule: body.missedSessionRule ?? null, crisisPlan: body.crisisPlan ?? null, agreedOn: body.agreedOn ?? null,
    };
    const row = await saveRecord(tx, ctx, episode, KIND, version, existing, record);
    const changes: Parameters<typeof changeEpisode>[3] = {};
    if (Number(episode.contracted_sessions) !== record.contractedSessions) changes.contracted_sessions = record.contractedSessions;
    if (episode.schedule !== record.frequency) changes.schedule = record.frequency;
    const length = episode.session_length_minutes === null ? null : Number(episode.session_length_minutes);
    if (length !== record.sessionLengthMinutes) changes.session_length_minutes = record.sessionLengthMinutes;
    if (Object.keys(changes).length > 0) {
      episode = await changeEpisode(tx, ctx, episode, changes);
      await audit(tx, ctx, { action: 'update', entityType: 'episode', entityId: episode.id, clientId: episode.client_id, reason: 'treatment contract' });
    }
    await audit(tx, ctx, { action: existing ? 'update' : 'create', entityType: KIND, entityId: row.id, clientId: episode.client_id });
    return viewOf(tx, episode, record, recordMetaOf(row), false);
  });
}

/** Every saved version of the contract, newest first, so a renegotiation stays visible. */
export async function contractHistory(ctx: RequestContext, episodeId: string) {
  return inTransaction(ctx, async (tx) => {
    const { episode } = await readableEpisode(tx, ctx, episodeId);
    await audit(tx, ctx, { action: 'read', entityType: KIND, entityId: episodeId, clientId: episode.client_id, reason: 'history' });
    return recordHistory(tx, episode, KIND, ContractRecord);
  });
}
