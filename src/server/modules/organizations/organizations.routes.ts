import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Problem } from '../../../contracts/common';
import { OrganizationUpdateBody, OrganizationView } from '../../../contracts/users.contract';
import { DomainError } from '../../../domain/errors';
import { audit } from '../../lib/audit';
import { isoNow } from '../../lib/clock';
import { requireActor } from '../../lib/context';
import { inTransaction } from '../../lib/transaction';
import { etagOf, requireIfMatch, staleVersion } from '../../lib/versioning';
import { findInstrument } from '../../../domain/instruments/registry';
import { validateMeasureSchedule } from '../../../domain/protocols/measure-schedule';
import { parseOrganizationSettings } from './organization-settings';
import { findOrganization, updateOrganizationAtVersion, type OrganizationRow } from './organizations.repository';

const view = (row: OrganizationRow) => {
  const settings = parseOrganizationSettings(row.settings_json);
  return { id: row.id, name: row.name, requireMfa: Number(row.require_mfa) === 1, disabledInstruments: settings.disabledInstruments, bandConventions: settings.bandConventions, measureSchedule: settings.measureSchedule ?? null, risk: { ...settings.risk, crisisResources: settings.risk.crisisResources.map((c) => ({ ...c, description: c.description ?? null })), referralPathway: settings.risk.referralPathway.map((p) => ({ ...p, contact: p.contact ?? null })) }, version: Number(row.version) };
};

/** Instrument settings must name instruments (and band conventions) the library has. */
function checkInstrumentSettings(body: { disabledInstruments?: string[]; bandConventions?: Record<string, string> }): void {
  for (const [i, id] of (body.disabledInstruments ?? []).entries()) {
    if (!findInstrument(id)) throw new DomainError('validation', 'is not an instrument in the library', { field: `disabledInstruments.${i}` });
  }
  for (const [id, convention] of Object.entries(body.bandConventions ?? {})) {
    const definition = findInstrument(id);
    if (!definition) throw new DomainError('validation', 'is not an instrument in the library', { field: `bandConventions.${id}` });
    if (!definition.bandConventions.some((b) => b.id === convention)) throw new DomainError('validation', `must be one of: ${definition.bandConventions.map((b) => b.id).join(', ')}`, { field: `bandConventions.${id}` });
  }
}
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 412: Problem, 428: Problem };

/** The organization's name and settings (requiring MFA for everyone). */
export async function organizationsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/organization', {
    config: { permission: 'organization.read' },
    schema: { tags: ['organization'], summary: 'This organization and its settings', response: { 200: OrganizationView, ...errors } },
  }, async (request, reply) => {
    const actor = requireActor(request.ctx);
    const row = await findOrganization(request.ctx.db, actor.organizationId);
    if (!row) throw new DomainError('not-found', 'No organization.');
    reply.header('etag', etagOf(Number(row.version)));
    return view(row);
  });

  r.patch('/api/v1/organization', {
    config: { permission: 'organization.update' },
    schema: { tags: ['organization'], summary: 'Change the name or MFA requirement (If-Match required)', body: OrganizationUpdateBody, response: { 200: OrganizationView, ...errors } },
  }, async (request, reply) => {
    const ctx = request.ctx;
    const actor = requireActor(ctx);
    const version = requireIfMatch(request.headers['if-match']);
    const updated = await inTransaction(ctx, async (tx) => {
      const current = await findOrganization(tx, actor.organizationId);
      if (!current) throw new DomainError('not-found', 'No organization.');
      if (Number(current.version) !== version) throw staleVersion('organization', Number(current.version));
      const changes: Partial<OrganizationRow> = { updated_at: isoNow(ctx.clock) };
      if (request.body.name !== undefined) changes.name = request.body.name;
      if (request.body.requireMfa !== undefined) changes.require_mfa = request.body.requireMfa ? 1 : 0;
      if (request.body.risk !== undefined) {
        changes.settings_json = JSON.stringify({ ...parseOrganizationSettings(changes.settings_json ?? current.settings_json), risk: request.body.risk });
      }
      if (request.body.disabledInstruments !== undefined || request.body.bandConventions !== undefined || request.body.measureSchedule !== undefined) {
        checkInstrumentSettings(request.body);
        if (request.body.measureSchedule) {
          for (const [i, entry] of request.body.measureSchedule.entries()) {
            if (!findInstrument(entry.instrumentId)) throw new DomainError('validation', 'is not an instrument in the library', { field: `measureSchedule.${i}.instrumentId` });
          }
          validateMeasureSchedule(request.body.measureSchedule);
        }
        const settings = parseOrganizationSettings(changes.settings_json ?? current.settings_json);
        changes.settings_json = JSON.stringify({
          ...settings,
          ...(request.body.disabledInstruments !== undefined ? { disabledInstruments: [...new Set(request.body.disabledInstruments)] } : {}),
          ...(request.body.bandConventions !== undefined ? { bandConventions: request.body.bandConventions } : {}),
          ...(request.body.measureSchedule !== undefined ? { measureSchedule: request.body.measureSchedule ?? undefined } : {}),
        });
      }
      const row = await updateOrganizationAtVersion(tx, actor.organizationId, version, changes);
      if (!row) throw staleVersion('organization', Number(current.version));
      await audit(tx, ctx, {
        action: request.body.requireMfa !== undefined ? 'privilege-change' : 'update', entityType: 'organization', entityId: row.id,
        reason: request.body.requireMfa !== undefined ? `require MFA: ${request.body.requireMfa}` : null,
      });
      return row;
    });
    reply.header('etag', etagOf(Number(updated.version)));
    return view(updated);
  });
}
