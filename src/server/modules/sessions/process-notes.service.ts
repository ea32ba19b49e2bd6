import type { z } from 'zod';
import type { ProcessNoteView } from '../../../contracts/sessions.contract';
import { DomainError } from '../../../domain/errors';
import { audit } from '../../lib/audit';
import { isoNow, newId } from '../../lib/clock';
import { requireActor, type RequestContext } from '../../lib/context';
import { inTransaction } from '../../lib/transaction';
import { staleVersion } from '../../lib/versioning';
import { loadAuthorizedSession } from './sessions.service';
import type { ProcessNoteTable } from './sessions.table';

const view = (r: ProcessNoteTable): z.infer<typeof ProcessNoteView> => ({ id: r.id, text: r.text, createdAt: r.created_at, updatedAt: r.updated_at, version: Number(r.version) });

/**
 * Private process notes ("psychotherapy notes", 45 CFR 164.501; security-reference §2): a separate
 * entity, visible only to the clinician who wrote it — not supervisors, not break-glass, not exports —
 * and audited with the `psychotherapy` sensitivity label.
 */
export async function listProcessNotes(ctx: RequestContext, sessionId: string) {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    const { session } = await loadAuthorizedSession(tx, ctx, sessionId, 'client.update');
    const rows = await tx.selectFrom('process_note').selectAll().where('organization_id', '=', actor.organizationId).where('session_id', '=', sessionId)
      .where('author_id', '=', actor.userId).orderBy('created_at').execute();
    await audit(tx, ctx, { action: 'read', entityType: 'process-note', clientId: session.client_id, sensitivity: 'psychotherapy' });
    return rows.map(view);
  });
}

export async function addProcessNote(ctx: RequestContext, sessionId: string, text: string) {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    const { session } = await loadAuthorizedSession(tx, ctx, sessionId, 'client.update');
    const now = isoNow(ctx.clock);
    const row: ProcessNoteTable = { id: newId(), organization_id: actor.organizationId, session_id: sessionId, client_id: session.client_id, author_id: actor.userId, text, created_at: now, updated_at: now, version: 1 };
    await tx.insertInto('process_note').values(row).execute();
    await audit(tx, ctx, { action: 'create', entityType: 'process-note', entityId: row.id, clientId: session.client_id, sensitivity: 'psychotherapy' });
    return view(row);
  });
}

export async function updateProcessNote(ctx: RequestContext, sessionId: string, noteId: string, version: number, text: string) {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    const { session } = await loadAuthorizedSession(tx, ctx, sessionId, 'client.update');
    const current = await tx.selectFrom('process_note').selectAll().where('organization_id', '=', actor.organizationId).where('session_id', '=', sessionId)
      .where('id', '=', noteId).where('author_id', '=', actor.userId).executeTakeFirst();
    if (!current) throw new DomainError('not-found', 'No process note with that id.');
    if (Number(current.version) !== version) throw staleVersion('process note', Number(current.version));
    const updated_at = isoNow(ctx.clock);
    await tx.updateTable('process_note').set({ text, version: version + 1, updated_at }).where('organization_id', '=', actor.organizationId).where('id', '=', noteId).where('version', '=', version).execute();
    await audit(tx, ctx, { action: 'update', entityType: 'process-note', entityId: noteId, clientId: session.client_id, sensitivity: 'psychotherapy' });
    return view({ ...current, text, version: version + 1, updated_at });
  });
}
