import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  InvitationAcceptBody, InvitationLookup, InvitationLookupBody, LoginBody, PasswordResetCompleteBody, SessionInfo, SetupBody, SetupStatus,
  TotpConfirmBody, TotpDisableBody, TotpEnrolment,
} from '../../../contracts/auth.contract';
import { Problem } from '../../../contracts/common';
import type { Deps } from '../../lib/context';
import { clearSessionCookie, setSessionCookie } from '../../plugins/session-auth';
import { acceptInvitation, completePasswordReset, currentSessionInfo, login, logout, lookupInvitation, needsSetup, setupInstallation } from './auth.service';
import { confirmTotpEnrolment, disableTotp, startTotpEnrolment } from './mfa.service';

const errors = { 400: Problem, 401: Problem, 403: Problem, 409: Problem, 410: Problem, 429: Problem };

/** Sign-in, sessions, first-run set-up, invitations, password reset and TOTP. */
export async function authRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/setup/status', {
    config: { permission: 'public' },
    schema: { tags: ['auth'], summary: 'Whether the first-run set-up is still needed', response: { 200: SetupStatus } },
  }, async () => ({ needsSetup: await needsSetup(deps) }));

  r.post('/api/v1/setup', {
    config: { permission: 'public' },
    schema: { tags: ['auth'], summary: 'Create the organization and first administrator (only while no user exists)', body: SetupBody, response: { 201: SessionInfo, ...errors } },
  }, async (request, reply) => {
    const { token, info } = await setupInstallation(request.ctx, request.body);
    setSessionCookie(reply, deps.config, token);
    return reply.status(201).send(info);
  });

  r.post('/api/v1/auth/login', {
    config: { permission: 'public' },
    schema: { tags: ['auth'], summary: 'Sign in with e-mail, password and (when enrolled) a TOTP code', body: LoginBody, response: { 200: SessionInfo, ...errors } },
  }, async (request, reply) => {
    const { token, info } = await login(request.ctx, request.body);
    setSessionCookie(reply, deps.config, token);
    return info;
  });

  r.get('/api/v1/auth/session', {
    config: { permission: 'authenticated', allowDuringMfaEnrolment: true },
    schema: { tags: ['auth'], summary: 'The current session, with the CSRF token to send on changes', response: { 200: SessionInfo, 401: Problem } },
  }, async (request) => currentSessionInfo(request.ctx));

  r.post('/api/v1/auth/logout', {
    config: { permission: 'authenticated', allowDuringMfaEnrolment: true },
    schema: { tags: ['auth'], summary: 'End this session', response: { 204: z.null(), 401: Problem } },
  }, async (request, reply) => {
    await logout(request.ctx);
    clearSessionCookie(reply, deps.config);
    reply.header('clear-site-data', '"cache", "storage"');
    return reply.status(204).send(null);
  });

  r.post('/api/v1/invitations/lookup', {
    config: { permission: 'public' },
    schema: { tags: ['auth'], summary: 'What an invitation link is for', body: InvitationLookupBody, response: { 200: InvitationLookup, ...errors } },
  }, async (request) => lookupInvitation(request.ctx, request.body.token));

  r.post('/api/v1/invitations/accept', {
    config: { permission: 'public' },
    schema: { tags: ['auth'], summary: 'Accept an invitation: create the account and sign in', body: InvitationAcceptBody, response: { 201: SessionInfo, ...errors } },
  }, async (request, reply) => {
    const { token, info } = await acceptInvitation(request.ctx, request.body);
    setSessionCookie(reply, deps.config, token);
    return reply.status(201).send(info);
  });

  r.post('/api/v1/password-resets/complete', {
    config: { permission: 'public' },
    schema: { tags: ['auth'], summary: 'Set a new password with a one-time reset link', body: PasswordResetCompleteBody, response: { 204: z.null(), ...errors } },
  }, async (request, reply) => {
    await completePasswordReset(request.ctx, request.body);
    return reply.status(204).send(null);
  });

  r.post('/api/v1/auth/mfa/totp/enrol', {
    config: { permission: 'self.manage', allowDuringMfaEnrolment: true },
    schema: { tags: ['auth'], summary: 'Start TOTP enrolment', response: { 200: TotpEnrolment, ...errors } },
  }, async (request) => startTotpEnrolment(request.ctx));

  r.post('/api/v1/auth/mfa/totp/confirm', {
    config: { permission: 'self.manage', allowDuringMfaEnrolment: true },
    schema: { tags: ['auth'], summary: 'Confirm TOTP enrolment with a code', body: TotpConfirmBody, response: { 200: SessionInfo, ...errors } },
  }, async (request) => confirmTotpEnrolment(request.ctx, request.body.code));

  r.post('/api/v1/auth/mfa/totp/disable', {
    config: { permission: 'self.manage' },
    schema: { tags: ['auth'], summary: 'Turn TOTP off (needs the password)', body: TotpDisableBody, response: { 200: SessionInfo, ...errors } },
  }, async (request) => disableTotp(request.ctx, request.body.password));
}
