import type { z } from 'zod';
import type { SessionInfo, TotpEnrolment } from '../../../contracts/auth.contract';
import { DomainError } from '../../../domain/errors';
import { audit } from '../../lib/audit';
import { isoNow } from '../../lib/clock';
import { requireActor, type RequestContext } from '../../lib/context';
import { inTransaction } from '../../lib/transaction';
import { findOrganization } from '../organizations/organizations.repository';
import { findUserById, setUserFields } from '../users/users.repository';
import { currentSessionInfo } from './auth.service';
import { verifyPassword } from './passwords';
import { newTotpSecret, matchTotpStep, totpUri } from './totp';

/** The signed-in user's full row, credentials included: read here, where they are checked, since the session check never loads them. */
async function loadSelf(ctx: RequestContext) {
  const actor = requireActor(ctx);
  const user = await findUserById(ctx.db, actor.organizationId, actor.userId);
  const organization = await findOrganization(ctx.db, actor.organizationId);
  if (!user || !organization) throw new DomainError('unauthenticated', 'Your session has ended. Sign in again.');
  return { actor, user, organization };
}

/** Starts TOTP enrolment: a new secret, pending until a code from it is confirmed. */
export async function startTotpEnrolment(ctx: RequestContext): Promise<z.infer<typeof TotpEnrolment>> {
  const { user, organization } = await loadSelf(ctx);
  if (user.totp_secret) throw new DomainError('conflict', 'Two-step sign-in is already on. Turn it off first to enrol a new device.');
  const secret = newTotpSecret();
  await inTransaction(ctx, async (tx) => {
    await setUserFields(tx, user.organization_id, user.id, { totp_pending_secret: secret, updated_at: isoNow(ctx.clock) });
    await audit(tx, ctx, { action: 'update', entityType: 'user-mfa', entityId: user.id, reason: 'TOTP enrolment started' });
  });
  return { secret, otpauthUrl: totpUri(secret, user.email, `IPT Workbench (${organization.name})`) };
}

/** Confirms enrolment with a code from the new secret; from now on sign-in asks for a code. */
export async function confirmTotpEnrolment(ctx: RequestContext, code: string): Promise<SessionInfo> {
  const { user } = await loadSelf(ctx);
  if (!user.totp_pending_secret) throw new DomainError('conflict', 'Start enrolment first.', { field: 'code' });
  const step = matchTotpStep(user.totp_pending_secret, code, ctx.clock.now());
  if (step === null) throw new DomainError('validation', 'That code is not right. Check the time on your phone and try the next code.', { field: 'code' });
  await inTransaction(ctx, async (tx) => {
    await setUserFields(tx, user.organization_id, user.id, { totp_secret: user.totp_pending_secret, totp_pending_secret: null, totp_last_step: step, updated_at: isoNow(ctx.clock) });
    await audit(tx, ctx, { action: 'privilege-change', entityType: 'user-mfa', entityId: user.id, reason: 'TOTP enabled' });
  });
  return currentSessionInfo(ctx);
}

/** Turning MFA off needs the password again (ASVS 7.5.1) and is refused where the organization requires it. */
export async function disableTotp(ctx: RequestContext, password: string): Promise<SessionInfo> {
  const { user, organization } = await loadSelf(ctx);
  if (organization.require_mfa === 1) throw new DomainError('forbidden', 'Your organization requires two-step sign-in, so it cannot be turned off.');
  if (!(await verifyPassword(user.password_hash, password))) throw new DomainError('validation', 'The password is not right.', { field: 'password' });
  await inTransaction(ctx, async (tx) => {
    await setUserFields(tx, user.organization_id, user.id, { totp_secret: null, totp_pending_secret: null, totp_last_step: null, updated_at: isoNow(ctx.clock) });
    await audit(tx, ctx, { action: 'privilege-change', entityType: 'user-mfa', entityId: user.id, reason: 'TOTP disabled' });
  });
  return currentSessionInfo(ctx);
}
