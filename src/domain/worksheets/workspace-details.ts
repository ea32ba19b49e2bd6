/**
 * What a problem-area workspace records for each area in the middle phase (clinical-reference §2,
 * seed "The middle phase"). The areas and their strategies are sourced; these field lists are this
 * project's proposal ([D]), shaped after each area's goals so that the counsellor's notes follow
 * the strategy: grief reconstructs the relationship before, during and after the death; a dispute
 * compares expectations and explores options; a transition weighs the old and new roles; deficits
 * look at relationship patterns and new contacts.
 */
import { z } from 'zod';
import type { ProblemArea } from '../formulation/problem-areas';
import { cite } from '../protocols/clinical-sources';
import type { SourceCitation } from '../protocols/clinical-sources';
import { calendarDate, optionalText, textList } from './fields';

const longText = optionalText(2000);
const list = (max = 20) => textList(max).default([]);

/** Grief [D]: the relationship with the person who died, the memories, the feelings, what is new. */
export const GriefDetails = z.strictObject({
  /** The person who died, as the client names them. */
  person: optionalText(200),
  relationshipBefore: longText,
  aroundTheDeath: longText,
  sinceTheDeath: longText,
  goodMemories: list(),
  hardMemories: list(),
  feelingsExpressed: list(),
  /** New or renewed interests and relationships. */
  newConnections: list(),
});

/** Role dispute [D]: each side's expectations, where they differ, options, and what was tried. */
export const RoleDisputeDetails = z.strictObject({
  clientExpects: list(),
  otherExpects: list(),
  mismatches: list(),
  optionsExplored: list(),
  tried: z.array(z.strictObject({ what: z.string().trim().min(1, { message: 'must not be empty' }).max(300), result: optionalText(300) }))
    .max(20, { message: 'must have at most 20 entries' }).default([]),
});

/** Role transition [D]: the old role (good, lost), the new role (hard, possible), what is needed, progress. */
export const RoleTransitionDetails = z.strictObject({
  /** The change, in the client's words (e.g. "losing your job"). */
  change: optionalText(200),
  oldRoleGood: list(),
  oldRoleLost: list(),
  newRoleHard: list(),
  newRolePossible: list(),
  skillsNeeded: list(),
  supportsNeeded: list(),
  progress: list(),
});

/** Interpersonal deficits [D]: relationship patterns, opportunities for contact, contacts made. */
export const InterpersonalDeficitsDetails = z.strictObject({
  pastPatterns: list(),
  presentPatterns: list(),
  opportunities: list(),
  contactsMade: z.array(z.strictObject({
    who: z.string().trim().min(1, { message: 'must not be empty' }).max(100),
    date: calendarDate.nullable().optional(),
    whatHappened: optionalText(500),
  })).max(50, { message: 'must have at most 50 entries' }).default([]),
});

/** The details schema of each area. */
export const AREA_DETAILS = {
  grief: GriefDetails,
  'role-dispute': RoleDisputeDetails,
  'role-transition': RoleTransitionDetails,
  'interpersonal-deficits': InterpersonalDeficitsDetails,
} as const satisfies Record<ProblemArea, z.ZodType>;

/** The details of any area (the union the API answers with). */
export const WorkspaceDetails = z.union([GriefDetails, RoleDisputeDetails, RoleTransitionDetails, InterpersonalDeficitsDetails]);
export type WorkspaceDetails = z.infer<typeof WorkspaceDetails>;

/** The provenance of these fields: the areas are sourced, the fields are ours. */
export const WORKSPACE_DETAILS_SOURCE: SourceCitation = cite('D', ['S1', 'S7', 'S8'], '§2', 'Areas and strategies from §2; the workspace fields are a design proposal (§11.10).');

/** Goals of a workspace: a short list in the client's words. */
export const WorkspaceGoals = textList(10, 300);

/** The short summary reused by the termination review and the supervisor view. */
export const WORKSPACE_SUMMARY_MAX = 1000;

/**
 * The details after a change: keys given replace the stored ones, keys left out stay. The result is
 * checked against the area's schema by the caller (parseFields), so a wrong key is named.
 */
export function mergeDetails(current: Readonly<Record<string, unknown>>, change: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(change)) if (value !== undefined) merged[key] = value;
  return merged;
}
