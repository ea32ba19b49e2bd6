import type { NotifyRecipient } from '../../lib/notifier';
import { authorizeOnClient } from '../clients/client-access';
import type { z } from 'zod';
import type { ConcernBody, RiskActionBody, RiskFlagDetail, ScreenBody } from '../../../contracts/risk.contract';
import { DomainError } from '../../../domain/errors';
import { getInstrument } from '../../../domain/instruments/registry';
import { scoreInstrument } from '../../../domain/instruments/scoring';
import { raiseClinicianConcern } from '../../../domain/risk/clinician-concern';
import { evaluateRisk } from '../../../domain/risk/evaluate-risk';
import type { RiskLevel } from '../../../domain/risk/risk-flag';
import type { Executor, Tx } from '../../db/database';
import { audit } from '../../lib/audit';
import { notFound } from '../../lib/authorize';
import { isoNow, newId } from '../../lib/clock';
import { requireActor, type RequestContext } from '../../lib/context';
import { inTransaction } from '../../lib/transaction';
import { staleVersion } from '../../lib/versioning';
import { loadAuthorizedClient } from '../clients/clients.service';
import { organizationSettingsOf } from '../organizations/organization-settings';
import { escalateIfNeeded, mailEscalations } from './escalation';
import { insertRiskFlags, toRiskFlagView } from './risk.repository';
import type { RiskFlagTable } from './risk.table';

/** The C-SSRS screener is the screen a flag asks for (clinical-reference §8, [V] [S48a]). */
const SCREENER_ID = 'c-ssrs-screener';

type FlagAction = 'client.read' | 'client.update' | 'risk.acknowledge';

/** Loads a flag and checks access through its client (refusal = not found). */
export async function loadAuthorizedFlag(tx: Executor, ctx: RequestContext, flagId: string, action: FlagAction): Promise<{ flag: RiskFlagTable; clientName: string; clinicianId: string }> {
  const actor = requireActor(ctx);
  const flag = await tx.selectFrom('risk_flag').selectAll().where('organization_id', '=', actor.organizationId).where('id', '=', flagId).executeTakeFirst();
  if (!flag) throw notFound('risk flag');
  const client = await tx.selectFrom('client').select(['clinician_id', 'display_name']).where('organization_id', '=', actor.organizationId).where('id', '=', flag.client_id).executeTakeFirstOrThrow();
  await authorizeOnClient(tx, ctx, action, { clientId: flag.client_id, clinicianId: client.clinician_id }, { entityType: 'risk-flag', entityId: flagId, sensitivity: 'risk' });
  return { flag, clientName: client.display_name, clinicianId: client.clinician_id };
}

export async function flagDetail(tx: Executor, loaded: { flag: RiskFlagTable; clientName: string; clinicianId: string }): Promise<RiskFlagDetail> {
  const { flag } = loaded;
  const [actions, acknowledger, screen, settings] = await Promise.all([
    tx.selectFrom('risk_action').innerJoin('app_user', 'app_user.id', 'risk_action.recorded_by').select(['risk_action.id', 'risk_action.kind', 'risk_action.note', 'risk_action.recorded_at', 'app_user.name'])
      .where('risk_action.organization_id', '=', flag.organization_id).where('risk_action.flag_id', '=', flag.id).orderBy('risk_action.recorded_at').execute(),
    flag.acknowledged_by ? tx.selectFrom('app_user').select('name').where('id', '=', flag.acknowledged_by).executeTakeFirst() : Promise.resolve(undefined),
    flag.screen_response_id ? tx.selectFrom('questionnaire_response').select(['answers_json', 'instrument_id', 'instrument_version']).where('id', '=', flag.screen_response_id).executeTakeFirst() : Promise.resolve(undefined),
    organizationSettingsOf(tx, flag.organization_id),
  ]);
  let screenView: RiskFlagDetail['screen'] = null;
  if (screen) {
    const answers = JSON.parse(screen.answers_json) as Record<string, unknown>;
    screenView = { triageLevel: scoreInstrument(getInstrument(screen.instrument_id, screen.instrument_version), answers).triageLevel ?? null, answers };
  }
  return {
    ...toRiskFlagView(flag), clientName: loaded.clientName, clinicianId: loaded.clinicianId, escalationStatus: flag.escalation_status, escalatedAt: flag.escalated_at,
    acknowledgedAt: flag.acknowledged_at, acknowledgedByName: acknowledger?.name ?? null, screenedAt: flag.screened_at, screen: screenView,
    actions: actions.map((a) => ({ id: a.id, kind: a.kind, note: a.note, recordedAt: a.recorded_at, recordedByName: a.name })),
    pathway: settings.risk.referralPathway.map((p) => ({ step: p.step, contact: p.contact ?? null })),
    crisisResources: settings.risk.crisisResources.map((c) => ({ name: c.name, phone: c.phone, description: c.description ?? null })),
    version: Number(flag.version),
  };
}

export async function readFlag(ctx: RequestContext, flagId: string): Promise<RiskFlagDetail> {
  return inTransaction(ctx, async (tx) => {
    const loaded = await loadAuthorizedFlag(tx, ctx, flagId, 'client.read');
    await audit(tx, ctx, { action: 'read', entityType: 'risk-flag', entityId: flagId, clientId: loaded.flag.client_id, sensitivity: 'risk' });
    return flagDetail(tx, loaded);
  });
}

/** Runs a change on a flag and mails any escalation after the commit. */
async function changeFlag(ctx: RequestContext, flagId: string, action: FlagAction, change: (tx: Tx, flag: RiskFlagTable) => Promise<NotifyRecipient[]>): Promise<RiskFlagDetail> {
  const emails: NotifyRecipient[] = [];
  const detail = await inTransaction(ctx, async (tx) => {
    const loaded = await loadAuthorizedFlag(tx, ctx, flagId, action);
    emails.push(...(await change(tx, loaded.flag)));
    const reloaded = await tx.selectFrom('risk_flag').selectAll().where('organization_id', '=', loaded.flag.organization_id).where('id', '=', flagId).executeTakeFirstOrThrow();
    return flagDetail(tx, { ...loaded, flag: reloaded });
  });
  await mailEscalations(ctx, emails);
  return detail;
}

/** A clinician's own concern raises a flag, escalated like any other at or above the threshold. */
export async function raiseConcern(ctx: RequestContext, clientId: string, body: z.infer<typeof ConcernBody>): Promise<RiskFlagDetail> {
  const actor = requireActor(ctx);
  const emails: NotifyRecipient[] = [];
  const detail = await inTransaction(ctx, async (tx) => {
    const client = await loadAuthorizedClient(tx, ctx, clientId, 'client.update');
    if (body.episodeId) {
      const episode = await tx.selectFrom('episode').select('client_id').where('organization_id', '=', actor.organizationId).where('id', '=', body.episodeId).executeTakeFirst();
      if (!episode || episode.client_id !== clientId) throw new DomainError('validation', 'must be an episode of this client', { field: 'episodeId' });
    }
    const proposal = raiseClinicianConcern({ level: body.level, reason: body.reason });
    const [flag] = await insertRiskFlags(tx, { organizationId: actor.organizationId, clientId, episodeId: body.episodeId ?? null, sessionId: null, sourceType: 'clinician-concern', sourceId: null, raisedBy: actor.userId, raisedAt: isoNow(ctx.clock) }, [proposal]);
    await audit(tx, ctx, { action: 'create', entityType: 'risk-flag', entityId: flag!.id, clientId, sensitivity: 'risk', reason: `clinician concern (${body.level})` });
    emails.push(...(await escalateIfNeeded(tx, ctx, flag!)));
    return flagDetail(tx, { flag: flag!, clientName: client.display_name, clinicianId: client.clinician_id });
  });
  await mailEscalations(ctx, emails);
  return detail;
}

/**
 * The screen: the C-SSRS screener answered for this flag. Its triage level sets the flag's level
 * (none → low), the response is stored with the flag's episode, and a level at or above the
 * organization's threshold escalates to the supervisor at once.
 */
export async function screenFlag(ctx: RequestContext, flagId: string, body: z.infer<typeof ScreenBody>): Promise<RiskFlagDetail> {
  const actor = requireActor(ctx);
  return changeFlag(ctx, flagId, 'client.update', async (tx, flag) => {
    if (flag.status !== 'open') throw new DomainError('conflict', 'This flag is closed.');
    const episodeId = flag.episode_id ?? (await tx.selectFrom('episode').select('id').where('organization_id', '=', actor.organizationId).where('client_id', '=', flag.client_id).where('status', '=', 'active').executeTakeFirst())?.id;
    if (!episodeId) throw new DomainError('conflict', 'Start an episode for this client to record the screen in.');
    if (body.sessionId) {
      const session = await tx.selectFrom('therapy_session').select(['episode_id', 'note_status']).where('organization_id', '=', actor.organizationId).where('id', '=', body.sessionId).executeTakeFirst();
      if (!session || session.episode_id !== episodeId) throw new DomainError('validation', 'must be a session of the flag\'s episode', { field: 'sessionId' });
    }
    const definition = getInstrument(SCREENER_ID);
    const score = scoreInstrument(definition, body.answers);
    const proposals = evaluateRisk(definition, score);
    const level: RiskLevel = proposals.reduce<RiskLevel>((highest, p) => (p.level === 'high' || (p.level === 'moderate' && highest === 'low') ? p.level : highest), 'low');
    const now = isoNow(ctx.clock);
    const responseId = newId();
    await tx.insertInto('questionnaire_response').values({
      id: responseId, organization_id: actor.organizationId, client_id: flag.client_id, episode_id: episodeId, session_id: body.sessionId ?? flag.session_id,
      instrument_id: definition.id, instrument_version: definition.version, answers_json: JSON.stringify(body.answers), total: score.total, severity_code: score.severity?.code ?? null,
      respondent: 'clinician-entered', administered_at: now, administered_by: actor.userId, created_at: now,
    }).execute();
    await tx.updateTable('risk_flag').set({ level, screen_response_id: responseId, screened_at: now, version: Number(flag.version) + 1 })
      .where('organization_id', '=', actor.organizationId).where('id', '=', flagId).execute();
    await audit(tx, ctx, { action: 'update', entityType: 'risk-flag', entityId: flagId, clientId: flag.client_id, sensitivity: 'risk', reason: `screened: ${score.triageLevel ?? 'incomplete'} → level ${level}` });
    return escalateIfNeeded(tx, ctx, { ...flag, level });
  });
}

export async function recordAction(ctx: RequestContext, flagId: string, body: z.infer<typeof RiskActionBody>): Promise<RiskFlagDetail> {
  const actor = requireActor(ctx);
  return changeFlag(ctx, flagId, 'client.update', async (tx, flag) => {
    const id = newId();
    await tx.insertInto('risk_action').values({ id, organization_id: actor.organizationId, flag_id: flagId, kind: body.kind, note: body.note ?? null, recorded_by: actor.userId, recorded_at: isoNow(ctx.clock) }).execute();
    await audit(tx, ctx, { action: 'create', entityType: 'risk-action', entityId: id, clientId: flag.client_id, sensitivity: 'risk', reason: body.kind });
    return [];
  });
}

/** The supervisor's acknowledgement ends the re-notification; the flag itself stays open until closed. */
export async function acknowledgeFlag(ctx: RequestContext, flagId: string): Promise<RiskFlagDetail> {
  const actor = requireActor(ctx);
  return changeFlag(ctx, flagId, 'risk.acknowledge', async (tx, flag) => {
    if (flag.escalation_status !== 'pending') throw new DomainError('conflict', flag.escalation_status === 'acknowledged' ? 'This flag was already acknowledged.' : 'This flag was not escalated.');
    const now = isoNow(ctx.clock);
    await tx.updateTable('risk_flag').set({ escalation_status: 'acknowledged', acknowledged_by: actor.userId, acknowledged_at: now, version: Number(flag.version) + 1 })
      .where('organization_id', '=', actor.organizationId).where('id', '=', flagId).execute();
    await tx.updateTable('notification').set({ read_at: now }).where('organization_id', '=', actor.organizationId).where('flag_id', '=', flagId).where('read_at', 'is', null).execute();
    await audit(tx, ctx, { action: 'update', entityType: 'risk-escalation', entityId: flagId, clientId: flag.client_id, sensitivity: 'risk', reason: 'acknowledged' });
    return [];
  });
}

/** Closing needs a reason and the version read; a closed flag is kept, never deleted. */
export async function closeFlag(ctx: RequestContext, flagId: string, version: number, reason: string): Promise<RiskFlagDetail> {
  const actor = requireActor(ctx);
  return changeFlag(ctx, flagId, 'client.update', async (tx, flag) => {
    if (flag.status !== 'open') throw new DomainError('conflict', 'This flag is already closed.');
    if (Number(flag.version) !== version) throw staleVersion('risk flag', Number(flag.version));
    const now = isoNow(ctx.clock);
    await tx.updateTable('risk_flag').set({ status: 'closed', closed_by: actor.userId, closed_at: now, close_reason: reason, version: version + 1 })
      .where('organization_id', '=', actor.organizationId).where('id', '=', flagId).where('version', '=', version).execute();
    await audit(tx, ctx, { action: 'update', entityType: 'risk-flag', entityId: flagId, clientId: flag.client_id, sensitivity: 'risk', reason: 'closed with a reason' });
    return [];
  });
}
