import { z } from 'zod';
import { Email, Id, Role, StaffRole, optionalText, text } from './common';
import { RiskSettings, RiskSettingsView } from './risk.contract';

export const UserStatus = z.enum(['active', 'disabled']);

export const UserView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: Role,
  status: UserStatus,
  mfaEnabled: z.boolean(),
  supervisorIds: z.array(z.string()),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type UserView = z.infer<typeof UserView>;

export const UserListQuery = z.strictObject({
  role: Role.optional(),
  status: UserStatus.optional(),
  q: z.string().trim().max(200).optional(),
});

export const UserUpdateBody = z
  .strictObject({ role: StaffRole.optional(), status: UserStatus.optional(), name: text(200).optional() })
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' });

export const InvitationCreateBody = z.strictObject({ email: Email, role: StaffRole, name: optionalText(200) });
export const InvitationView = z.object({
  id: z.string(),
  email: z.string(),
  role: Role,
  name: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  status: z.enum(['pending', 'accepted', 'expired', 'revoked']),
});
/** The link is shown once, to the administrator who made it, to pass on. */
export const IssuedLink = z.object({ id: z.string(), link: z.string(), expiresAt: z.string() });
export const InvitationCreated = InvitationView.extend({ link: z.string() });

export const SupervisionAssignmentBody = z.strictObject({ supervisorId: Id, clinicianId: Id });
export const SupervisionAssignmentView = z.object({
  id: z.string(),
  supervisorId: z.string(),
  clinicianId: z.string(),
  createdAt: z.string(),
});

export const SupervisedClinician = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  activeClients: z.number().int(),
});

export const MeasureScheduleEntry = z.strictObject({
  instrumentId: z.string().max(40),
  every: z.union([z.literal('session'), z.strictObject({ sessions: z.number().int().min(1).max(52) })]),
});

export const OrganizationView = z.object({
  id: z.string(),
  name: z.string(),
  requireMfa: z.boolean(),
  /** Instruments this organization does not administer. */
  disabledInstruments: z.array(z.string()),
  /** Chosen band convention per instrument where several are published (HAM-D17). */
  bandConventions: z.record(z.string(), z.string()),
  /** The measure schedule every episode follows, or null for each protocol's default (PHQ-9 every session). */
  measureSchedule: z.array(MeasureScheduleEntry).nullable(),
  risk: RiskSettingsView,
  version: z.number().int(),
});
export const OrganizationUpdateBody = z
  .strictObject({
    name: text(200).optional(),
    requireMfa: z.boolean().optional(),
    disabledInstruments: z.array(z.string().max(40)).max(100).optional(),
    bandConventions: z.record(z.string().max(40), z.string().max(60)).optional(),
    measureSchedule: z.array(MeasureScheduleEntry).min(1).max(10).nullable().optional(),
    risk: RiskSettings.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' });
