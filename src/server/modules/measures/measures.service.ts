import type { NotifyRecipient } from '../../lib/notifier';
import type { z } from 'zod';
import type { MeasureBody, MeasureCreated, MeasureView } from '../../../contracts/sessions.contract';
import { DomainError } from '../../../domain/errors';
import { findInstrument, instrumentKey } from '../../../domain/instruments/registry';
import { scoreInstrument } from '../../../domain/instruments/scoring';
import { evaluateRisk } from '../../../domain/risk/evaluate-risk';
import type { Executor } from '../../db/database';
import { PendingAudit } from '../../lib/audit';
import { isoNow, newId } from '../../lib/clock';
import { requireActor, type RequestContext } from '../../lib/context';
import { withIdempotency, type StoredResponse } from '../../lib/idempotency';
import { inTransaction } from '../../lib/transaction';
import { escalateIfNeeded, mailEscalations } from '../risk/escalation';
import { insertRiskFlags, toRiskFlagView } from '../risk/risk.repository';
import { loadSessionForMeasure } from '../sessions/sessions.service';
import type { TherapySessionTable } from '../sessions/sessions.table';
import type { QuestionnaireResponseTable } from './measures.table';

/** Rescores a stored response from its raw answers: the domain, not the stored total, is the authority. */
export function measureViewOf(row: QuestionnaireResponseTable, bandConvention?: string): z.infer<typeof MeasureView> {
  const definition = findInstrument(row.instrument_id, row.instrument_version);
  if (!definition) throw new Error(`stored response ${row.id} names an unknown instrument ${row.instrument_id}@${row.instrument_version}`);
  const answers = JSON.parse(row.answers_json) as Record<string, unknown>;
  return {
    id: row.id, instrumentId: row.instrument_id, instrumentVersion: row.instrument_version, instrumentTitle: definition.shortTitle, answers,
    respondent: row.respondent, administeredAt: row.administered_at, sessionId: row.session_id,
    score: scoreInstrument(definition, answers, bandConvention && definition.bandConventions.some((b) => b.id === bandConvention) ? { bandConvention } : {}),
  };
}

export async function measureViewsOfSession(db: Executor, session: Pick<TherapySessionTable, 'id' | 'organization_id'>): Promise<Array<z.infer<typeof MeasureView>>> {
  const rows = await db.selectFrom('questionnaire_response').selectAll().where('organization_id', '=', session.organization_id).where('session_id', '=', session.id).orderBy('administered_at').execute();
  return rows.map((r) => measureViewOf(r));
}

/**
 * Administers a questionnaire in a session: validated and scored by the domain, stored with
 * `instrumentId@version` and the raw answers, and — in the same transaction — any risk answer raises
 * a risk flag on the client. A retry with the same Idempotency-Key stores nothing twice. The audit
 * events (the response's, then each flag's and its escalation's) are appended together as the
 * transaction's last statements, so the audit chain head it takes is locked only until COMMIT.
 */
export async function submitMeasure(ctx: RequestContext, sessionId: string, body: z.infer<typeof MeasureBody>, idempotencyKey: string | undefined): Promise<StoredResponse<z.infer<typeof MeasureCreated>>> {
  const actor = requireActor(ctx);
  const toMail: NotifyRecipient[] = [];
  const result = await inTransaction(ctx, async (tx) => {
    const pending = new PendingAudit(ctx);
    const stored = await withIdempotency(tx, ctx, idempotencyKey, `POST /api/v1/sessions/${sessionId}/measures`, body, async () => {
      const { session, settings } = await loadSessionForMeasure(tx, ctx, sessionId);
      if (session.note_status === 'signed') throw new DomainError('locked', 'This session\'s note is signed; measures can no longer be added to it.');
      if (session.attendance === 'cancelled' || session.attendance === 'did-not-attend') throw new DomainError('conflict', 'This session did not take place; record the measure in a session that did.', { field: 'sessionId' });
      if (settings.disabledInstruments.includes(body.instrumentId)) throw new DomainError('validation', 'is turned off for this organization', { field: 'instrumentId' });
      const definition = findInstrument(body.instrumentId, body.instrumentVersion);
      if (!definition) throw new DomainError('validation', 'is not an instrument in the library', { field: 'instrumentId' });
      const bandConvention = body.bandConvention ?? settings.bandConventions[definition.id];
      if (bandConvention !== undefined && !definition.bandConventions.some((b) => b.id === bandConvention)) throw new DomainError('validation', 'is not a band convention of this instrument', { field: 'bandConvention' });
      const score = scoreInstrument(definition, body.answers, bandConvention ? { bandConvention } : {});
      const now = isoNow(ctx.clock);
      const row: QuestionnaireResponseTable = {
        id: newId(), organization_id: actor.organizationId, client_id: session.client_id, episode_id: session.episode_id, session_id: sessionId,
        instrument_id: definition.id, instrument_version: definition.version, answers_json: JSON.stringify(body.answers), total: score.total, severity_code: score.severity?.code ?? null,
        respondent: body.respondent, administered_at: now, administered_by: actor.userId, created_at: now,
      };
      await tx.insertInto('questionnaire_response').values(row).execute();
      const proposals = evaluateRisk(definition, score);
      const flags = await insertRiskFlags(tx, {
        organizationId: actor.organizationId, clientId: row.client_id, episodeId: row.episode_id, sessionId, sourceType: 'questionnaire-response', sourceId: row.id, raisedBy: actor.userId, raisedAt: now,
      }, proposals);
      pending.record({ action: 'create', entityType: 'questionnaire-response', entityId: row.id, clientId: row.client_id, reason: instrumentKey(definition) });
      for (const flag of flags) {
        pending.record({ action: 'create', entityType: 'risk-flag', entityId: flag.id, clientId: row.client_id, sensitivity: 'risk', reason: `${flag.trigger} (${flag.level})` });
        toMail.push(...(await escalateIfNeeded(tx, ctx, flag, { risk: settings.risk, pending })));
      }
      return { statusCode: 201, body: { measure: measureViewOf(row, bandConvention), riskFlags: flags.map(toRiskFlagView) } };
    });
    // After the idempotency key is stored too: nothing but COMMIT follows the chain-head lock. A replay records nothing.
    await pending.append(tx);
    return stored;
  });
  await mailEscalations(ctx, toMail);
  return result;
}
