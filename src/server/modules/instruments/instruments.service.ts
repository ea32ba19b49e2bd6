import type { z } from 'zod';
import type { InstrumentPackView, InstrumentSummary } from '../../../contracts/instruments.contract';
import { applyInstrumentPack } from '../../../domain/instruments/apply-instrument-pack';
import type { InstrumentDefinition } from '../../../domain/instruments/instrument-definition';
import { parseInstrumentPack } from '../../../domain/instruments/instrument-pack';
import { findInstrument, instrumentKey, listInstruments } from '../../../domain/instruments/registry';
import { scoreInstrument } from '../../../domain/instruments/scoring';
import type { ScoreResult } from '../../../domain/instruments/score-result';
import { DomainError } from '../../../domain/errors';
import type { Executor } from '../../db/database';
import { audit } from '../../lib/audit';
import { isoNow, newId } from '../../lib/clock';
import { requireActor, type RequestContext } from '../../lib/context';
import { inTransaction } from '../../lib/transaction';

/** The organization's active packs, newest first, keyed by instrument key. */
async function activePacks(db: Executor, organizationId: string): Promise<Map<string, unknown>> {
  const rows = await db.selectFrom('instrument_pack').select(['instrument_id', 'instrument_version', 'pack_json'])
    .where('organization_id', '=', organizationId).where('status', '=', 'active').execute();
  return new Map(rows.map((r) => [`${r.instrument_id}@${r.instrument_version}`, JSON.parse(r.pack_json) as unknown]));
}

/**
 * The definition this organization sees: the shipped one, with its imported licensed wording applied
 * when it has imported a pack. Unknown ids are "not found".
 */
export async function definitionFor(db: Executor, organizationId: string, id: string, version?: string): Promise<InstrumentDefinition> {
  const definition = findInstrument(id, version);
  if (!definition) throw new DomainError('not-found', `No instrument ${id}${version ? ` version ${version}` : ''}.`, { field: 'id' });
  const pack = (await activePacks(db, organizationId)).get(instrumentKey(definition));
  return pack ? applyInstrumentPack(definition, pack) : definition;
}

export async function listInstrumentSummaries(ctx: RequestContext): Promise<InstrumentSummary[]> {
  const actor = requireActor(ctx);
  const packs = await activePacks(ctx.db, actor.organizationId);
  return listInstruments().map((d) => ({
    id: d.id, version: d.version, key: instrumentKey(d), title: d.title, shortTitle: d.shortTitle, respondent: d.respondent, recallPeriod: d.recallPeriod,
    itemCount: d.items.length, maximum: d.maximum, wordingIncluded: d.wording.kind === 'validated', licensedWordingImported: packs.has(instrumentKey(d)),
    licence: d.licence.statement,
  }));
}

/** Scores answers without storing anything (for integrations and training); the domain validates every answer. */
export async function scoreAnswers(ctx: RequestContext, id: string, body: { answers: Record<string, unknown>; bandConvention?: string; version?: string }): Promise<ScoreResult> {
  const definition = findInstrument(id, body.version);
  if (!definition) throw new DomainError('not-found', `No instrument ${id}.`, { field: 'id' });
  if (body.bandConvention !== undefined && !definition.bandConventions.some((b) => b.id === body.bandConvention)) {
    throw new DomainError('validation', `must be one of: ${definition.bandConventions.map((b) => b.id).join(', ') || '(none for this instrument)'}`, { field: 'bandConvention' });
  }
  return scoreInstrument(definition, body.answers, body.bandConvention ? { bandConvention: body.bandConvention } : {});
}

function toPackView(r: { id: string; instrument_id: string; instrument_version: string; pack_version: string; language: string; status: string; imported_at: string; imported_by: string }): z.infer<typeof InstrumentPackView> {
  return { id: r.id, instrumentId: r.instrument_id, instrumentVersion: r.instrument_version, packVersion: r.pack_version, language: r.language, status: r.status as 'active' | 'superseded', importedAt: r.imported_at, importedBy: r.imported_by };
}

/**
 * Imports an organization's licensed wording (JSON pack). It is validated against the shipped
 * definition (every item present, no unknown items, options matching), replaces the previous active
 * pack of that instrument (kept as superseded), and is audited.
 */
export async function importInstrumentPack(ctx: RequestContext, input: unknown) {
  const actor = requireActor(ctx);
  const pack = parseInstrumentPack(input);
  const definition = findInstrument(pack.instrumentId, pack.instrumentVersion);
  if (!definition) throw new DomainError('validation', `there is no instrument ${pack.instrumentId} version ${pack.instrumentVersion}`, { field: 'instrumentId' });
  applyInstrumentPack(definition, pack);
  return inTransaction(ctx, async (tx) => {
    await tx.updateTable('instrument_pack').set({ status: 'superseded' })
      .where('organization_id', '=', actor.organizationId).where('instrument_id', '=', definition.id).where('instrument_version', '=', definition.version).where('status', '=', 'active').execute();
    const row = {
      id: newId(), organization_id: actor.organizationId, instrument_id: definition.id, instrument_version: definition.version, pack_version: pack.packVersion,
      language: pack.language, pack_json: JSON.stringify(pack), status: 'active', imported_by: actor.userId, imported_at: isoNow(ctx.clock),
    };
    await tx.insertInto('instrument_pack').values(row).execute();
    await audit(tx, ctx, { action: 'create', entityType: 'instrument-pack', entityId: row.id, reason: `${definition.id}@${definition.version} pack ${pack.packVersion}` });
    return toPackView(row);
  });
}

export async function listInstrumentPacks(ctx: RequestContext) {
  const actor = requireActor(ctx);
  const rows = await ctx.db.selectFrom('instrument_pack').selectAll().where('organization_id', '=', actor.organizationId).orderBy('imported_at', 'desc').execute();
  return rows.map(toPackView);
}
