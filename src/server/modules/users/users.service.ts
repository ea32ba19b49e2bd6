import type { z } from 'zod';
import type { InvitationCreateBody, InvitationView, UserUpdateBody, UserView } from '../../../contracts/users.contract';
import type { Role } from '../../../domain/access/policy';
import { DomainError } from '../../../domain/errors';
import { audit } from '../../lib/audit';
import { isoNow, newId } from '../../lib/clock';
import { requireActor, type RequestContext } from '../../lib/context';
import { invitationMail, resetMail } from '../../lib/mailer';
import { inTransaction } from '../../lib/transaction';
import { findOrganization } from '../organizations/organizations.repository';
import { staleVersion } from '../../lib/versioning';
import type { OneTimeTokenTable } from '../auth/auth.table';
import { issueOneTimeToken, OneTimeTokenKind, tokenState } from '../auth/one-time-tokens.repository';
import { endUserSessions } from '../auth/sessions.repository';
import { findUserByEmail, findUserById, listUsers, lockActiveAdmins, supervisorIdsByClinician, updateUserAtVersion, type UserRow } from './users.repository';

export function toUserView(row: UserRow, supervisorIds: string[]): UserView {
  return {
    id: row.id, email: row.email, name: row.name, role: row.role as Role, status: row.status as UserView['status'], mfaEnabled: row.totp_secret !== null,
    supervisorIds, lastLoginAt: row.last_login_at, createdAt: row.created_at, version: Number(row.version),
  };
}

function toInvitationView(row: OneTimeTokenTable, now: string): z.infer<typeof InvitationView> {
  return { id: row.id, email: row.email, role: (row.role ?? 'clinician') as Role, name: row.name, createdAt: row.created_at, expiresAt: row.expires_at, status: tokenState(row, now) };
}

/** Links point at the web app; the token travels in the fragment so it never reaches server logs. */
export function linkFor(ctx: RequestContext, kind: OneTimeTokenKind, token: string): string {
  return `${ctx.config.publicUrl}/${kind === 'invitation' ? 'invite' : 'reset-password'}#token=${token}`;
}

export async function listOrganizationUsers(ctx: RequestContext, filter: { role?: string; status?: string; q?: string }): Promise<UserView[]> {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    const rows = await listUsers(tx, actor.organizationId, filter);
    const supervisors = await supervisorIdsByClinician(tx, actor.organizationId);
    await audit(tx, ctx, { action: 'query', entityType: 'user' });
    return rows.map((r) => toUserView(r, supervisors.get(r.id) ?? []));
  });
}

/** An invitation is a one-time link valid for 72 hours, shown to the administrator to pass on. */
export async function inviteUser(ctx: RequestContext, body: z.infer<typeof InvitationCreateBody>) {
  const actor = requireActor(ctx);
  const invitation = await inTransaction(ctx, async (tx) => {
    if (await findUserByEmail(tx, body.email)) throw new DomainError('conflict', 'Someone with this e-mail already has an account.', { field: 'email' });
    const now = isoNow(ctx.clock);
    const open = await tx.selectFrom('one_time_token').selectAll().where('organization_id', '=', actor.organizationId)
      .where('kind', '=', 'invitation').where('email', '=', body.email).where('used_at', 'is', null).where('revoked_at', 'is', null).where('expires_at', '>', now).execute();
    for (const row of open) {
      await tx.updateTable('one_time_token').set({ revoked_at: now }).where('id', '=', row.id).where('organization_id', '=', actor.organizationId).execute();
    }
    const { token, row } = await issueOneTimeToken(tx, ctx.clock, {
      organization_id: actor.organizationId, kind: OneTimeTokenKind.invitation, email: body.email, role: body.role, name: body.name ?? null, user_id: null, created_by: actor.userId,
    });
    await audit(tx, ctx, { action: 'privilege-change', entityType: 'invitation', entityId: row.id, reason: `invited as ${body.role}` });
    return { ...toInvitationView(row, now), link: linkFor(ctx, OneTimeTokenKind.invitation, token) };
  });
  await mailLink(ctx, invitation.email, (org) => invitationMail(org, invitation.role, invitation.link, invitation.expiresAt));
  return invitation;
}

/** Mails a link after its transaction committed; the link was shown to the administrator anyway. */
async function mailLink(ctx: RequestContext, to: string, compose: (organizationName: string) => { subject: string; text: string }): Promise<void> {
  if (!ctx.mailer) return;
  const organization = await findOrganization(ctx.db, requireActor(ctx).organizationId);
  await ctx.mailer.send({ to, ...compose(organization?.name ?? 'your organization') });
}

export async function listInvitations(ctx: RequestContext) {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    const rows = await tx.selectFrom('one_time_token').selectAll().where('organization_id', '=', actor.organizationId).where('kind', '=', 'invitation')
      .orderBy('created_at', 'desc').limit(200).execute();
    await audit(tx, ctx, { action: 'query', entityType: 'invitation' });
    const now = isoNow(ctx.clock);
    return rows.map((r) => toInvitationView(r, now));
  });
}

export async function revokeInvitation(ctx: RequestContext, id: string): Promise<void> {
  const actor = requireActor(ctx);
  await inTransaction(ctx, async (tx) => {
    const result = await tx.updateTable('one_time_token').set({ revoked_at: isoNow(ctx.clock) })
      .where('id', '=', id).where('organization_id', '=', actor.organizationId).where('kind', '=', 'invitation').where('used_at', 'is', null).where('revoked_at', 'is', null).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new DomainError('not-found', 'No open invitation with that id.');
    await audit(tx, ctx, { action: 'privilege-change', entityType: 'invitation', entityId: id, reason: 'invitation withdrawn' });
  });
}

/**
 * Role changes and disabling are privilege changes: audited, and disabling ends the person's
 * sessions in the same transaction, so their next request is refused (ASVS 7.4.2).
 */
export async function updateUser(ctx: RequestContext, id: string, version: number, body: z.infer<typeof UserUpdateBody>): Promise<UserView> {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    const current = await findUserById(tx, actor.organizationId, id);
    if (!current) throw new DomainError('not-found', 'No user with that id.');
    if (Number(current.version) !== version) throw staleVersion('user', Number(current.version));
    if (id === actor.userId && ((body.role && body.role !== 'admin') || body.status === 'disabled')) {
      throw new DomainError('validation', 'You cannot remove your own administrator role or disable yourself; ask another administrator.', { field: body.role ? 'role' : 'status' });
    }
    if (current.role === 'admin' && current.status === 'active' && ((body.role && body.role !== 'admin') || body.status === 'disabled')) {
      const others = (await lockActiveAdmins(tx, actor.organizationId, ctx.dialect)).filter((adminId) => adminId !== id);
      if (others.length === 0) throw new DomainError('validation', 'The organization needs at least one active administrator.', { field: body.role ? 'role' : 'status' });
    }
    const now = isoNow(ctx.clock);
    const updated = await updateUserAtVersion(tx, actor.organizationId, id, version, { ...body, updated_at: now });
    if (!updated) throw staleVersion('user', Number(current.version));
    if (body.role && body.role !== current.role) {
      await audit(tx, ctx, { action: 'privilege-change', entityType: 'user', entityId: id, reason: `role ${current.role} → ${body.role}` });
      if (current.role === 'supervisor' || current.role === 'clinician') {
        const column = current.role === 'supervisor' ? 'supervisor_id' : 'clinician_id';
        await tx.deleteFrom('supervision_assignment').where('organization_id', '=', actor.organizationId).where(column, '=', id).execute();
      }
    }
    if (body.status && body.status !== current.status) {
      await audit(tx, ctx, { action: 'privilege-change', entityType: 'user', entityId: id, reason: `status ${current.status} → ${body.status}` });
      if (body.status === 'disabled') await endUserSessions(tx, actor.organizationId, id, now, 'account disabled');
    }
    if (body.name && body.name !== current.name) await audit(tx, ctx, { action: 'update', entityType: 'user', entityId: id });
    const supervisors = await supervisorIdsByClinician(tx, actor.organizationId);
    return toUserView(updated, supervisors.get(id) ?? []);
  });
}

/** An administrator issues a one-time reset link (24 h) to pass on; no mail server is needed. */
export async function issueResetLink(ctx: RequestContext, userId: string) {
  const actor = requireActor(ctx);
  const issued = await inTransaction(ctx, async (tx) => {
    const user = await findUserById(tx, actor.organizationId, userId);
    if (!user) throw new DomainError('not-found', 'No user with that id.');
    if (user.status !== 'active') throw new DomainError('validation', 'This account is disabled; enable it first.', { field: 'status' });
    const { token, row } = await issueOneTimeToken(tx, ctx.clock, {
      organization_id: actor.organizationId, kind: OneTimeTokenKind.passwordReset, email: user.email, role: null, name: null, user_id: user.id, created_by: actor.userId,
    });
    await audit(tx, ctx, { action: 'privilege-change', entityType: 'user-credential', entityId: user.id, reason: 'password reset link issued' });
    return { id: row.id, email: user.email, link: linkFor(ctx, OneTimeTokenKind.passwordReset, token), expiresAt: row.expires_at };
  });
  await mailLink(ctx, issued.email, (org) => resetMail(org, issued.link, issued.expiresAt));
  return { id: issued.id, link: issued.link, expiresAt: issued.expiresAt };
}

export async function createUserDirect(ctx: RequestContext, input: { email: string; name: string; role: Role; passwordHash: string }): Promise<UserRow> {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    if (await findUserByEmail(tx, input.email)) throw new DomainError('conflict', 'Someone with this e-mail already has an account.', { field: 'email' });
    const now = isoNow(ctx.clock);
    const row: UserRow = {
      id: newId(), organization_id: actor.organizationId, email: input.email, name: input.name, role: input.role, status: 'active', password_hash: input.passwordHash,
      totp_secret: null, totp_pending_secret: null, totp_last_step: null, last_login_at: null, created_at: now, updated_at: now, version: 1,
    };
    await tx.insertInto('app_user').values(row).execute();
    await audit(tx, ctx, { action: 'privilege-change', entityType: 'user', entityId: row.id, reason: `created as ${input.role}` });
    return row;
  });
}
