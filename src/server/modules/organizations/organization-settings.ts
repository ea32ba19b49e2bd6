import { z } from 'zod';
import type { Executor } from '../../db/database';
import { reusableQuery } from '../../db/reusable-query';

/**
 * Organization settings kept as JSON on the organization row, validated whenever read. Unknown or
 * damaged settings fall back to safe defaults rather than failing every request.
 */
/**
 * Safe defaults for the safety workflow. Escalating from "moderate" errs on the side of caution; the
 * pathway follows the suggested flow of clinical-reference §8 [D] (risk item → C-SSRS screener →
 * same-day supervisor call → referral per local pathway → safety plan → documented follow-up).
 * Crisis numbers are local: each organization must enter its own.
 */
export const DEFAULT_RISK_SETTINGS = {
  escalateAtLevel: 'moderate' as 'moderate' | 'high',
  renotifyMinutes: 30,
  crisisResources: [] as Array<{ name: string; phone: string; description?: string | null }>,
  referralPathway: [
    { step: 'Ask the C-SSRS screener questions now, in this session.', contact: null },
    { step: 'Call your supervisor today; do not leave the client alone if they are in immediate danger.', contact: null },
    { step: 'If the client is in immediate danger, call the emergency number.', contact: null },
    { step: 'Refer the client along your organization\'s local pathway.', contact: null },
    { step: 'Make or review a safety plan with the client.', contact: null },
    { step: 'Record what was done and book a follow-up.', contact: null },
  ] as Array<{ step: string; contact?: string | null }>,
};

export const OrganizationSettings = z.object({
  /** Instruments this organization does not use: refused when administered. */
  disabledInstruments: z.array(z.string()).default([]),
  /** Band convention per instrument where several are published (e.g. HAM-D17). */
  bandConventions: z.record(z.string(), z.string()).default({}),
  /** Replaces the protocols' measure schedule (PHQ-9 every session by default); absent = protocol default. */
  measureSchedule: z.array(z.object({
    instrumentId: z.string(),
    every: z.union([z.literal('session'), z.object({ sessions: z.number().int().min(1).max(52) })]),
  })).optional(),
  risk: z.object({
    escalateAtLevel: z.enum(['moderate', 'high']),
    renotifyMinutes: z.number().int(),
    crisisResources: z.array(z.object({ name: z.string(), phone: z.string(), description: z.string().nullable().optional() })),
    referralPathway: z.array(z.object({ step: z.string(), contact: z.string().nullable().optional() })),
  }).default(DEFAULT_RISK_SETTINGS),
});
export type OrganizationSettings = z.infer<typeof OrganizationSettings>;

export function parseOrganizationSettings(json: string): OrganizationSettings {
  try {
    const parsed = OrganizationSettings.safeParse(JSON.parse(json));
    if (parsed.success) return parsed.data;
  } catch {
    // damaged JSON: fall back to the defaults below
  }
  return OrganizationSettings.parse({});
}

// Read by every episode page and measure: built once (db/reusable-query.ts).
const settingsJsonOf = reusableQuery<{ id: string }, { settings_json: string }>(['id'], (db, p) => db.selectFrom('organization').select('settings_json').where('id', '=', p.id));

export async function organizationSettingsOf(db: Executor, organizationId: string): Promise<OrganizationSettings> {
  const [row] = await settingsJsonOf(db, { id: organizationId });
  return parseOrganizationSettings(row?.settings_json ?? '{}');
}
