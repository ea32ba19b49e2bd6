/**
 * The four IPT problem areas and the role-dispute stages as reviewed, sourced content.
 *
 * This is what the initial-phase formulation screen offers as choices and what the middle-phase
 * workspace shows as its strategy checklist, so it lives in the domain next to the rules that use it
 * rather than in UI code. Wording is our own; facts and their status come from clinical-reference §2.
 */
import { cite } from '../protocols/clinical-sources';
import type { SourceCitation } from '../protocols/clinical-sources';

/** The four problem areas. */
export const ProblemArea = {
  grief: 'grief',
  roleDispute: 'role-dispute',
  roleTransition: 'role-transition',
  interpersonalDeficits: 'interpersonal-deficits',
} as const;
export type ProblemArea = (typeof ProblemArea)[keyof typeof ProblemArea];

/** The areas in the reference's order, which is also the tie-break order of suggestions. */
export const PROBLEM_AREA_ORDER: readonly ProblemArea[] = ['grief', 'role-dispute', 'role-transition', 'interpersonal-deficits'];

/** The stages of a role dispute. */
export const DisputeStage = { renegotiation: 'renegotiation', impasse: 'impasse', dissolution: 'dissolution' } as const;
export type DisputeStage = (typeof DisputeStage)[keyof typeof DisputeStage];

/** One line of a strategy checklist: something the counsellor can tick off in the middle phase. */
export interface StrategyItem {
  /** Stable kebab-case id, unique across all checklists (session notes refer to it). */
  readonly id: string;
  readonly label: string;
  readonly source: SourceCitation;
}

/** A sentence of content with its citation. */
export interface SourcedText {
  readonly text: string;
  readonly source: SourceCitation;
}

export interface ProblemAreaDefinition {
  readonly id: ProblemArea;
  readonly label: string;
  /** When to choose this area, for the counsellor, in plain words. */
  readonly chooseWhen: readonly SourcedText[];
  readonly goals: readonly SourcedText[];
  /** The middle-phase checklist for the area. */
  readonly strategies: readonly StrategyItem[];
  /** Something to keep in mind (e.g. poorer outcomes for deficits). */
  readonly caution?: SourcedText;
}

export interface DisputeStageDefinition {
  readonly id: DisputeStage;
  readonly label: string;
  readonly definition: SourcedText;
  readonly strategy: SourcedText;
  readonly checklist: readonly StrategyItem[];
}

const s = (id: string, label: string, source: SourceCitation): StrategyItem => ({ id, label, source });
const t = (text: string, source: SourceCitation): SourcedText => ({ text, source });

// Status notes: grief goals [V] [S7], definition [V] [S1], strategies [P]; dispute [V] [S1][S5a][S8];
// transition definition [V] [S1], goals and strategies [P]; deficits [V] [S6][S6b][S1], strategies [P].
const GRIEF_DEF = cite('V', ['S1'], '§2');
const GRIEF_GOALS = cite('V', ['S7'], '§2');
const GRIEF_STRATEGIES = cite('P', ['S7'], '§2', 'Strategy wording not verified (§11.2).');
const DISPUTE = cite('V', ['S1', 'S5a', 'S8'], '§2');
const TRANSITION_DEF = cite('V', ['S1'], '§2');
const TRANSITION_REST = cite('P', ['S1'], '§2', 'Goals and strategies not verified (§11.2).');
const DEFICITS = cite('V', ['S6', 'S6b', 'S1'], '§2');
const DEFICITS_STRATEGIES = cite('P', ['S6', 'S6b'], '§2', 'Strategy wording not verified (§11.2).');
const TECHNIQUES = cite('V', ['S9'], '§3');

/** The four problem areas: when to choose each, its goals and its strategy checklist. */
export const PROBLEM_AREAS: Readonly<Record<ProblemArea, ProblemAreaDefinition>> = {
  grief: {
    id: 'grief',
    label: 'Grief',
    chooseWhen: [t('The low mood started, or has gone on, in connection with the death of someone close to the client.', GRIEF_DEF)],
    goals: [
      t('Help the client to mourn: to feel and express the loss.', GRIEF_GOALS),
      t('Help the client find interests and relationships that can partly fill the gap the person left.', GRIEF_GOALS),
    ],
    strategies: [
      s('grief-events-of-death', 'Talk through what happened before, during and after the death', GRIEF_STRATEGIES),
      s('grief-whole-relationship', 'Talk about the relationship with the person who died, the good and the difficult sides', GRIEF_STRATEGIES),
      s('grief-express-feelings', 'Help the client say what they feel about the loss, including anger or guilt', cite('V', ['S9'], '§3', 'Encouragement of affect.')),
      s('grief-rebuild-support', 'Find people and activities that can give support and meaning again', GRIEF_GOALS),
    ],
  },
  'role-dispute': {
    id: 'role-dispute',
    label: 'Role dispute',
    chooseWhen: [
      t('The low mood started, or has gone on, in connection with a relationship in which the client and the other person expect different things of each other.', DISPUTE),
      t('The disagreement may be open (arguments) or hidden (things left unsaid).', DISPUTE),
    ],
    goals: [
      t('Name the disagreement and what each person expects.', DISPUTE),
      t('Choose a plan of action with the client.', DISPUTE),
      t('Change how they communicate, or what they expect, so that the dispute can be settled.', DISPUTE),
    ],
    strategies: [
      s('dispute-name-it', 'Name the dispute and who it is with', cite('V', ['S5a', 'S8'], '§2.1')),
      s('dispute-find-stage', 'Decide which stage the dispute is in', cite('V', ['S8'], '§2.1')),
      s('dispute-compare-expectations', 'Compare what the client expects with what the other person expects', cite('V', ['S5a', 'S8'], '§2.1')),
      s('dispute-communication-analysis', 'Go through a recent argument step by step to see where it went wrong', TECHNIQUES),
      s('dispute-options', 'List the options and weigh them up with the client', cite('V', ['S1', 'S5a', 'S9'], '§2, §3')),
      s('dispute-role-play', 'Practise the next conversation by role play', cite('V', ['S1', 'S9'], '§2, §3')),
      s('dispute-act', 'Move from talking about the dispute to doing something about it', cite('V', ['S5a', 'S8'], '§2.1')),
      s('dispute-stay-neutral', 'Support the client without pushing for a particular outcome', cite('V', ['S1', 'S5a', 'S8'], '§2')),
    ],
  },
  'role-transition': {
    id: 'role-transition',
    label: 'Role transition',
    chooseWhen: [
      t('The low mood started, or has gone on, in connection with difficulty adjusting to a life change: a job, a relationship starting or ending, health, housing, money, becoming a parent, and so on.', TRANSITION_DEF),
    ],
    goals: [
      t('Help the client let go of, and mourn, the old role.', TRANSITION_REST),
      t('Help the client see both the good and the hard sides of the new role.', TRANSITION_REST),
      t('Help the client feel capable in the new role, which restores self-esteem.', TRANSITION_REST),
    ],
    strategies: [
      s('transition-old-role', 'Look at the old role: what was good, what was hard, what was lost', TRANSITION_REST),
      s('transition-new-role', 'Look at the new role: what is hard and what it may offer', TRANSITION_REST),
      s('transition-feelings', 'Help the client express feelings about the change', cite('V', ['S9'], '§3', 'Encouragement of affect.')),
      s('transition-skills', 'Work out which skills the new role needs and how to build them', TRANSITION_REST),
      s('transition-support', 'Find people who can support the client in the new role', TRANSITION_REST),
    ],
  },
  'interpersonal-deficits': {
    id: 'interpersonal-deficits',
    label: 'Interpersonal deficits (loneliness and isolation)',
    chooseWhen: [
      t('Choose this only when no other area fits: no death, no dispute and no life change is linked to the low mood, and the client has few close relationships.', DEFICITS),
    ],
    goals: [
      t('Improve the relationships the client has now.', DEFICITS),
      t('Help the client form new relationships that support them, and feel less alone.', DEFICITS),
    ],
    strategies: [
      s('deficits-review-patterns', 'Go over past and present relationships: what went well and what went wrong', DEFICITS_STRATEGIES),
      s('deficits-reconnect', 'Pick one old contact to get back in touch with', DEFICITS_STRATEGIES),
      s('deficits-new-contacts', 'Find places or activities where the client could meet people', DEFICITS),
      s('deficits-session-as-practice', 'Use how things go between you and the client as a safe place to practise', cite('V', ['S9'], '§3', 'Use of the therapeutic relationship.')),
      s('deficits-role-play', 'Practise starting and keeping up a conversation by role play', DEFICITS_STRATEGIES),
    ],
    caution: t('Results can be weaker for this area. If the client is not improving, talk with your supervisor about another treatment or adding medication.', DEFICITS),
  },
};

/** The role-dispute stages with their definition and stage-specific strategy. */
export const DISPUTE_STAGES: Readonly<Record<DisputeStage, DisputeStageDefinition>> = {
  renegotiation: {
    id: 'renegotiation',
    label: 'Renegotiation',
    // [V] [S8][S8b] §2.1
    definition: t('Both people know they disagree and are still trying, without success so far, to change things.', cite('V', ['S8', 'S8b'], '§2.1')),
    strategy: t('Help them talk to each other better so that the negotiation can work.', cite('V', ['S8', 'S8b'], '§2.1')),
    checklist: [
      s('renegotiation-improve-talk', 'Work on how the client raises the issue and listens, so the talks get somewhere', cite('V', ['S8', 'S8b'], '§2.1')),
      s('renegotiation-new-skill', 'Notice and name the skill the client is gaining, such as standing up for themselves', cite('V', ['S5a', 'S8'], '§2.1')),
    ],
  },
  impasse: {
    id: 'impasse',
    label: 'Impasse',
    // Definition [P]; strategy [V] [S8] with the rise in conflict [P] §2.1.
    definition: t('The talks have stopped: the two people are stuck and no longer trying to settle it.', cite('P', ['S8'], '§2.1', 'Definition not verified beyond S8 (§11.2).')),
    strategy: t('Help get the talks going again, or think about whether the relationship should end.', cite('V', ['S8'], '§2.1')),
    checklist: [
      s('impasse-restart-talks', 'Plan how to reopen the disagreement', cite('V', ['S8'], '§2.1')),
      s('impasse-expect-more-conflict', 'Warn the client that arguments may increase for a while once the issue is reopened', cite('P', ['S8'], '§2.1', 'Not verified beyond S8 (§11.2).')),
      s('impasse-consider-ending', 'If the talks cannot restart, consider whether the relationship should end', cite('V', ['S8'], '§2.1')),
    ],
  },
  dissolution: {
    id: 'dissolution',
    label: 'Dissolution',
    // Definition [P]; strategy [V] [S8] §2.1.
    definition: t('The relationship cannot be repaired.', cite('P', ['S8'], '§2.1', 'Definition not verified beyond S8 (§11.2).')),
    strategy: t('Help the client come to terms with the end of the relationship, much as with grief, so they are free to move on.', cite('V', ['S8'], '§2.1')),
    checklist: [
      s('dissolution-mourn', 'Help the client mourn what the relationship was and what is lost', cite('V', ['S8'], '§2.1')),
      s('dissolution-move-on', 'Help the client plan the next steps of life without this relationship', cite('V', ['S8'], '§2.1')),
    ],
  },
};

/**
 * The focus rule: keep treatment on one problem area, even when areas overlap ([V] [S5a] §2); a second
 * area is allowed as an exception ([D] this project's limit, so a focus never spreads further).
 */
export const FOCUS_RULE = {
  preferredAreas: 1,
  maxAreas: 2,
  guidance: 'Keep to one problem area when you can, even if others also apply; add a second only when one area cannot explain the problems on its own.',
  source: cite('V', ['S5a'], '§2'),
  maxSource: cite('D', ['S5a'], '§2', 'At most two areas is this project\'s limit; the source asks for one.'),
} as const;

/**
 * The middle-phase checklist for a focus: the area's strategies, plus the stage's checklist for a role
 * dispute when the stage is known.
 */
export function strategyChecklist(area: ProblemArea, stage?: DisputeStage): readonly StrategyItem[] {
  const items = PROBLEM_AREAS[area].strategies;
  if (area !== 'role-dispute' || stage === undefined) return items;
  return [...items, ...DISPUTE_STAGES[stage].checklist];
}
