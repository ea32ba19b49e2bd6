/**
 * Decision support for choosing the focus: which problem areas the interpersonal inventory and the
 * timeline point to, and why.
 *
 * It only suggests. The clinician decides, with the client, and the client's explicit agreement is needed
 * before the middle phase ([V] [S3][S4] clinical-reference §4.5). Every suggestion carries plain-language
 * reasons that name the person or event, and the ids of the inventory and timeline entries behind it, so
 * the clinician can check the evidence rather than trust a score.
 *
 * Rules (clinical-reference §2, the facts; the numbers are design choices [D], see docs/protocols.md):
 * - Grief: a death near the onset ([V] [S1]).
 * - Role dispute: a relationship in which expectations are not reciprocal ([V] [S1][S5a][S8]).
 * - Role transition: a life change near the onset ([V] [S1]).
 * - Interpersonal deficits: only when none of the above fits and the client has few close relationships
 *   ([V] [S6][S6b][S1]).
 */
import { DomainError } from '../errors';
import { parseIsoDate } from './iso-date';
import { PROBLEM_AREA_ORDER, PROBLEM_AREAS } from './problem-areas';
import type { ProblemArea } from './problem-areas';

/** One person from the interpersonal inventory / closeness circle. */
export interface InventoryPerson {
  readonly id: string;
  readonly label: string;
  /** e.g. "mother", "partner", "manager". */
  readonly relationshipType: string;
  /** Closeness-circle ring: 1 = closest. */
  readonly closeness?: number;
  /** Whether the client's expectations of this person are met. */
  readonly expectationsMet?: 'yes' | 'partly' | 'no';
  /** The clinician judges that the two expect different things of each other (non-reciprocal expectations). */
  readonly mutualExpectationsUnmet?: boolean;
  readonly conflict?: boolean;
  readonly died?: { readonly date: string };
  /** How the relationship changed since the problems began. */
  readonly changeSinceOnset?: 'none' | 'closer' | 'more-distant' | 'ended' | 'new';
}

/** One event on the interpersonal timeline. */
export interface TimelineEvent {
  readonly id: string;
  readonly date: string;
  readonly kind: 'death' | 'relationship-change' | 'life-change' | 'conflict' | 'other';
  /** What happened, in the clinician's words (e.g. "lost job"). */
  readonly label?: string;
  readonly personIds?: readonly string[];
  /** A problem area the clinician has linked this event to. */
  readonly problemArea?: ProblemArea;
}

export interface SuggestionInput {
  /** When the current problems began. Without it, timing cannot be checked and evidence counts for less. */
  readonly onsetDate?: string;
  readonly inventory: readonly InventoryPerson[];
  readonly timeline: readonly TimelineEvent[];
  /** How many days either side of the onset count as "near". Default 180 [D]. */
  readonly windowDays?: number;
  /** Rings up to this number count as close relationships. Default 2 [D]. */
  readonly closeRingMax?: number;
  /** "Few close relationships" means at most this many. Default 1 [D]. */
  readonly fewCloseMax?: number;
}

export interface ProblemAreaSuggestion {
  readonly area: ProblemArea;
  /** Sum of the evidence points; higher means stronger evidence. Only for ordering and display. */
  readonly strength: number;
  /** Plain-language reasons for the clinician, strongest first. */
  readonly reasons: readonly string[];
  /** Ids of the inventory people and timeline events behind the suggestion. */
  readonly evidenceIds: readonly string[];
}

/** The defaults of the tunable numbers, all design choices [D] (docs/protocols.md). */
export const SUGGESTION_DEFAULTS = { windowDays: 180, closeRingMax: 2, fewCloseMax: 1 } as const;

/** Evidence points [D]: a dated death weighs most, a clinician's tag or untimed evidence least. */
export const EVIDENCE_POINTS = {
  deathNearOnset: 3,
  deathTimingUnknown: 1,
  closePersonBonus: 1,
  nonReciprocalExpectations: 2,
  conflictBonus: 1,
  moreDistantBonus: 1,
  conflictEventBonus: 1,
  conflictWithUnmetExpectations: 1,
  conflictEventNearOnset: 1,
  changeNearOnset: 2,
  changeTimingUnknown: 1,
  relationshipEndedOrNew: 2,
  clinicianTag: 1,
  fewCloseRelationships: 1,
} as const;

/** English texts for the reasons, kept together so they can be translated later. */
export const suggestionMessages = {
  person: (p: InventoryPerson): string => (p.relationshipType.trim() !== '' && p.relationshipType.trim() !== p.label.trim() ? `${p.label} (${p.relationshipType.trim()})` : p.label),
  event: (e: TimelineEvent): string => (e.label !== undefined && e.label.trim() !== '' ? `"${e.label.trim()}"` : 'an event'),
  timing: (days: number): string => {
    if (days === 0) return 'on the day the problems began';
    const n = Math.abs(days);
    return `${n} day${n === 1 ? '' : 's'} ${days < 0 ? 'before' : 'after'} the problems began`;
  },
  noOnset: 'No onset date is recorded, so it is not known whether this was near the start of the problems.',
  deathNearOnset: (who: string, date: string, timing: string): string => `${who} died on ${date}, ${timing}.`,
  deathTimingUnknown: (who: string, date: string): string => `${who} died on ${date}. ${suggestionMessages.noOnset}`,
  closePerson: 'Your client placed this person in one of the closest rings.',
  nonReciprocal: (who: string): string => `Your client and ${who} expect different things of each other.`,
  openConflict: 'There is open conflict between them.',
  moreDistant: 'They have grown more distant since the problems began.',
  conflictEvent: (event: string, date: string, timing: string): string => `There was a conflict with them on ${date} (${event}), ${timing}.`,
  conflictUnmet: (who: string, met: 'partly' | 'no'): string =>
    `There is conflict with ${who} and your client's expectations are ${met === 'partly' ? 'only partly' : 'not'} met. Check whether the two expect different things of each other.`,
  conflictNearOnset: (event: string, date: string, timing: string): string =>
    `There was a conflict on ${date} (${event}), ${timing}. Check who it was with and whether they expect different things of each other.`,
  changeNearOnset: (kind: 'relationship' | 'life', event: string, date: string, timing: string, people: string): string =>
    `A ${kind === 'life' ? 'life change' : 'change in a relationship'} on ${date} (${event}${people === '' ? '' : `, with ${people}`}), ${timing}.`,
  changeTimingUnknown: (event: string, date: string): string => `A change on ${date} (${event}). ${suggestionMessages.noOnset}`,
  relationshipEnded: (who: string): string => `The relationship with ${who} has ended since the problems began.`,
  relationshipNew: (who: string): string => `${who} is a new relationship since the problems began.`,
  clinicianTag: (event: string, date: string, area: string): string => `You linked ${event} (${date}) to ${area.toLowerCase()}.`,
  fewClose: (count: number, ring: number): string =>
    `Only ${count} ${count === 1 ? 'person is' : 'people are'} in the ${ring === 1 ? 'closest ring' : `closest ${ring} rings`} of the closeness circle, and no death, dispute or life change was found near the start of the problems.`,
} as const;

interface Evidence {
  readonly points: number;
  readonly reason: string;
  readonly ids: readonly string[];
}

/** Everything the rules share once the input is checked. */
interface RuleContext {
  readonly input: SuggestionInput;
  readonly onset: number | undefined;
  readonly windowDays: number;
  readonly closeRingMax: number;
  readonly fewCloseMax: number;
  /** Days from the onset for each timeline event (undefined without an onset date). */
  readonly timelineDays: readonly (number | undefined)[];
  readonly found: Record<ProblemArea, Evidence[]>;
  /** People already counted for an area, so a timeline event about them adds evidence but no weight. */
  readonly griefPeople: Set<string>;
  readonly transitionPeople: Set<string>;
}

const m = suggestionMessages;

function wholeNumber(value: number | undefined, fallback: number, min: number, max: number, field: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new DomainError('validation', `Use a whole number from ${min} to ${max}.`, { field });
  }
  return value;
}

function checkEntries(input: SuggestionInput): void {
  input.inventory.forEach((person, index) => {
    if (typeof person.id !== 'string' || person.id.trim() === '') throw new DomainError('validation', 'Every person needs an id.', { field: `inventory.${index}.id` });
    if (person.closeness !== undefined && !(Number.isInteger(person.closeness) && person.closeness >= 1)) {
      throw new DomainError('validation', 'The ring is a whole number from 1 (closest).', { field: `inventory.${index}.closeness` });
    }
  });
  input.timeline.forEach((event, index) => {
    if (typeof event.id !== 'string' || event.id.trim() === '') throw new DomainError('validation', 'Every event needs an id.', { field: `timeline.${index}.id` });
  });
}

function near(ctx: RuleContext, days: number | undefined): boolean {
  return days !== undefined && Math.abs(days) <= ctx.windowDays;
}

function isClose(ctx: RuleContext, person: InventoryPerson | undefined): boolean {
  return person?.closeness !== undefined && person.closeness <= ctx.closeRingMax;
}

function daysFromOnset(ctx: Pick<RuleContext, 'onset'>, date: string, field: string): number | undefined {
  const day = parseIsoDate(date, field);
  return ctx.onset === undefined ? undefined : day - ctx.onset;
}

/** Grief for a death; `who` names the person, `ids` are the evidence. Nothing when the death is far from a known onset. */
function deathEvidence(ctx: RuleContext, who: string, date: string, days: number | undefined, close: boolean, ids: readonly string[]): Evidence | undefined {
  if (near(ctx, days)) {
    const bonus = close ? EVIDENCE_POINTS.closePersonBonus : 0;
    return { points: EVIDENCE_POINTS.deathNearOnset + bonus, reason: [m.deathNearOnset(who, date, m.timing(days ?? 0)), ...(close ? [m.closePerson] : [])].join(' '), ids };
  }
  return ctx.onset === undefined ? { points: EVIDENCE_POINTS.deathTimingUnknown, reason: m.deathTimingUnknown(who, date), ids } : undefined;
}

/** Role dispute from one person: non-reciprocal expectations, strengthened by conflict, closeness and distance. */
function disputeEvidence(ctx: RuleContext, person: InventoryPerson): Evidence | undefined {
  const who = m.person(person);
  if (person.mutualExpectationsUnmet === true) {
    const parts = [m.nonReciprocal(who)];
    const ids = [person.id];
    let points = EVIDENCE_POINTS.nonReciprocalExpectations;
    if (person.conflict === true) { points += EVIDENCE_POINTS.conflictBonus; parts.push(m.openConflict); }
    if (isClose(ctx, person)) { points += EVIDENCE_POINTS.closePersonBonus; parts.push(m.closePerson); }
    if (person.changeSinceOnset === 'more-distant') { points += EVIDENCE_POINTS.moreDistantBonus; parts.push(m.moreDistant); }
    ctx.input.timeline.forEach((event, index) => {
      const days = ctx.timelineDays[index];
      if (event.kind === 'conflict' && (event.personIds ?? []).includes(person.id) && near(ctx, days)) {
        points += EVIDENCE_POINTS.conflictEventBonus;
        parts.push(m.conflictEvent(m.event(event), event.date, m.timing(days ?? 0)));
        ids.push(event.id);
      }
    });
    return { points, reason: parts.join(' '), ids };
  }
  // Weaker: conflict and unmet expectations, where the clinician has not yet judged reciprocity.
  if (person.mutualExpectationsUnmet === undefined && person.conflict === true && (person.expectationsMet === 'no' || person.expectationsMet === 'partly')) {
    return { points: EVIDENCE_POINTS.conflictWithUnmetExpectations, reason: m.conflictUnmet(who, person.expectationsMet), ids: [person.id] };
  }
  return undefined;
}

function collectInventory(ctx: RuleContext): void {
  ctx.input.inventory.forEach((person, index) => {
    const who = m.person(person);
    if (person.died !== undefined) {
      const evidence = deathEvidence(ctx, who, person.died.date, daysFromOnset(ctx, person.died.date, `inventory.${index}.died.date`), isClose(ctx, person), [person.id]);
      if (evidence !== undefined) { ctx.found.grief.push(evidence); ctx.griefPeople.add(person.id); }
      return;
    }
    if (person.changeSinceOnset === 'ended' || person.changeSinceOnset === 'new') {
      ctx.found['role-transition'].push({ points: EVIDENCE_POINTS.relationshipEndedOrNew, reason: person.changeSinceOnset === 'ended' ? m.relationshipEnded(who) : m.relationshipNew(who), ids: [person.id] });
      ctx.transitionPeople.add(person.id);
    }
    const dispute = disputeEvidence(ctx, person);
    if (dispute !== undefined) ctx.found['role-dispute'].push(dispute);
  });
}

function collectTimeline(ctx: RuleContext): void {
  const byId = new Map(ctx.input.inventory.map((person) => [person.id, person]));
  const disputePeople = new Set(ctx.found['role-dispute'].flatMap((evidence) => evidence.ids));
  ctx.input.timeline.forEach((event, index) => {
    const days = ctx.timelineDays[index];
    const people = (event.personIds ?? []).map((id) => byId.get(id)).filter((person) => person !== undefined);
    const personIds = people.map((person) => person.id);
    const names = people.map((person) => m.person(person)).join(' and ');
    const label = m.event(event);
    if (event.kind === 'death') {
      const counted = ctx.found.grief.findIndex((entry) => entry.ids.some((id) => personIds.includes(id) && ctx.griefPeople.has(id)));
      const existing = ctx.found.grief[counted];
      if (existing !== undefined) {
        ctx.found.grief[counted] = { ...existing, ids: [...existing.ids, event.id] };
      } else {
        const evidence = deathEvidence(ctx, names === '' ? `Someone (${label})` : names, event.date, days, people.some((person) => isClose(ctx, person)), [event.id, ...personIds]);
        if (evidence !== undefined) ctx.found.grief.push(evidence);
      }
    } else if (event.kind === 'life-change' || event.kind === 'relationship-change') {
      // Weightless when the inventory already counted the same person's change.
      const counted = personIds.some((id) => ctx.transitionPeople.has(id));
      if (near(ctx, days)) {
        const reason = m.changeNearOnset(event.kind === 'life-change' ? 'life' : 'relationship', label, event.date, m.timing(days ?? 0), names);
        ctx.found['role-transition'].push({ points: counted ? 0 : EVIDENCE_POINTS.changeNearOnset, reason, ids: [event.id, ...personIds] });
      } else if (ctx.onset === undefined) {
        ctx.found['role-transition'].push({ points: counted ? 0 : EVIDENCE_POINTS.changeTimingUnknown, reason: m.changeTimingUnknown(label, event.date), ids: [event.id, ...personIds] });
      }
    } else if (event.kind === 'conflict' && near(ctx, days) && !personIds.some((id) => disputePeople.has(id))) {
      ctx.found['role-dispute'].push({ points: EVIDENCE_POINTS.conflictEventNearOnset, reason: m.conflictNearOnset(label, event.date, m.timing(days ?? 0)), ids: [event.id, ...personIds] });
    }
    // A clinician's own link counts for the three event-based areas; deficits is decided by its rule only.
    if (event.problemArea !== undefined && event.problemArea !== 'interpersonal-deficits') {
      ctx.found[event.problemArea].push({ points: EVIDENCE_POINTS.clinicianTag, reason: m.clinicianTag(label, event.date, PROBLEM_AREAS[event.problemArea].label), ids: [event.id] });
    }
  });
}

/** Deficits: few close (living) people on the closeness circle. Only called when nothing else fits. */
function deficitsSuggestion(ctx: RuleContext): ProblemAreaSuggestion | undefined {
  const placed = ctx.input.inventory.filter((person) => person.died === undefined && person.closeness !== undefined);
  const close = placed.filter((person) => isClose(ctx, person));
  if (placed.length === 0 || close.length > ctx.fewCloseMax) return undefined;
  return { area: 'interpersonal-deficits', strength: EVIDENCE_POINTS.fewCloseRelationships, reasons: [m.fewClose(close.length, ctx.closeRingMax)], evidenceIds: placed.map((person) => person.id) };
}

/**
 * Suggests problem areas from the inventory and timeline, strongest evidence first (ties in the
 * reference's order: grief, role dispute, role transition). Interpersonal deficits is suggested only when
 * nothing else is, and only when the closeness circle was filled in. Returns an empty list when nothing
 * points anywhere. Throws DomainError('validation') for a malformed date, id or setting. The clinician decides.
 */
export function suggestProblemAreas(input: SuggestionInput): readonly ProblemAreaSuggestion[] {
  const windowDays = wholeNumber(input.windowDays, SUGGESTION_DEFAULTS.windowDays, 0, 3650, 'windowDays');
  const closeRingMax = wholeNumber(input.closeRingMax, SUGGESTION_DEFAULTS.closeRingMax, 1, 10, 'closeRingMax');
  const fewCloseMax = wholeNumber(input.fewCloseMax, SUGGESTION_DEFAULTS.fewCloseMax, 0, 20, 'fewCloseMax');
  checkEntries(input);
  const onset = input.onsetDate === undefined ? undefined : parseIsoDate(input.onsetDate, 'onsetDate');
  const ctx: RuleContext = {
    input, onset, windowDays, closeRingMax, fewCloseMax,
    timelineDays: input.timeline.map((event, index) => daysFromOnset({ onset }, event.date, `timeline.${index}.date`)),
    found: { grief: [], 'role-dispute': [], 'role-transition': [], 'interpersonal-deficits': [] },
    griefPeople: new Set(),
    transitionPeople: new Set(),
  };
  collectInventory(ctx);
  collectTimeline(ctx);

  const suggestions: ProblemAreaSuggestion[] = [];
  for (const area of PROBLEM_AREA_ORDER) {
    const evidence = [...ctx.found[area]].sort((a, b) => b.points - a.points);
    if (evidence.length === 0) continue;
    suggestions.push({
      area,
      strength: evidence.reduce((sum, entry) => sum + entry.points, 0),
      reasons: evidence.map((entry) => entry.reason),
      evidenceIds: [...new Set(evidence.flatMap((entry) => entry.ids))],
    });
  }
  if (suggestions.length === 0) {
    const deficits = deficitsSuggestion(ctx);
    return deficits === undefined ? [] : [deficits];
  }
  // Stable sort keeps the reference order for equal strength.
  return suggestions.sort((a, b) => b.strength - a.strength);
}
