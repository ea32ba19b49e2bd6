import { z } from 'zod';
import type { Executor } from '../../db/database';

/**
 * Organization settings kept as JSON on the organization row, validated whenever read. Unknown or
 * damaged settings fall back to safe defaults rather than failing every request.
 */
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

export async function organizationSettingsOf(db: Executor, organizationId: string): Promise<OrganizationSettings> {
  const row = await db.selectFrom('organization').select('settings_json').where('id', '=', organizationId).executeTakeFirst();
  return parseOrganizationSettings(row?.settings_json ?? '{}');
}
