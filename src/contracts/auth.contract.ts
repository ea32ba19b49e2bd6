import { z } from 'zod';
import { Email, NewPassword, Role, text } from './common';

/** The signed-in user as the API shows them (never the password hash or MFA secret). */
export const SessionUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: Role,
  organizationId: z.string(),
  organizationName: z.string(),
  mfaEnabled: z.boolean(),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const LoginBody = z.strictObject({
  email: Email,
  password: z.string().min(1, { message: 'is required' }).max(256),
  totp: z.string().regex(/^\d{6}$/, { message: 'must be the 6-digit code from your authenticator app' }).optional(),
});

export const SessionInfo = z.object({
  user: SessionUser,
  csrfToken: z.string(),
  /** Actions this user's role may take; the UI hides the rest, the server stays the authority. */
  abilities: z.array(z.string()),
  /** True when the organization requires MFA and this user has not enrolled yet. */
  mfaEnrolmentRequired: z.boolean(),
  idleTimeoutSeconds: z.number().int(),
  absoluteExpiresAt: z.string(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const SetupStatus = z.object({ needsSetup: z.boolean() });

export const SetupBody = z.strictObject({
  organizationName: text(200),
  adminName: text(200),
  adminEmail: Email,
  adminPassword: NewPassword,
});

export const TotpEnrolment = z.object({ secret: z.string(), otpauthUrl: z.string() });
export const TotpConfirmBody = z.strictObject({ code: z.string().regex(/^\d{6}$/, { message: 'must be a 6-digit code' }) });
export const TotpDisableBody = z.strictObject({ password: z.string().min(1).max(256) });

export const InvitationLookupBody = z.strictObject({ token: z.string().min(20).max(200) });
export const InvitationLookup = z.object({ email: z.string(), role: Role, name: z.string().nullable(), organizationName: z.string(), expiresAt: z.string() });
export const InvitationAcceptBody = z.strictObject({ token: z.string().min(20).max(200), name: text(200), password: NewPassword });
export const PasswordResetCompleteBody = z.strictObject({ token: z.string().min(20).max(200), password: NewPassword });
