/**
 * Protocols as typed data.
 *
 * A protocol (IPT, IPC, IPT-A, …) is described as data rather than code so that clinicians can review
 * it line by line against its sources, the UI can render it, FHIR can export it as a PlanDefinition,
 * and one progression engine (progression.ts) serves every variant. Every rule carries a citation.
 */
import type { SourceCitation } from './clinical-sources';

/** Stable protocol ids. Stored with each episode of care together with the protocol version. */
export const ProtocolId = {
  iptAcute: 'ipt-acute',
  ipc: 'ipc',
  ipcThreeSession: 'ipc-3-session',
  iptA: 'ipt-a',
  iptB: 'ipt-b',
  maintenanceIpt: 'ipt-maintenance',
  whoGroupIpt: 'who-group-ipt',
} as const;
export type ProtocolId = (typeof ProtocolId)[keyof typeof ProtocolId];

/** One client with one counsellor, or a group. Group protocols may still hold individual sessions (pre-group). */
export const Delivery = { individual: 'individual', group: 'group' } as const;
export type Delivery = (typeof Delivery)[keyof typeof Delivery];

/** How often sessions are planned. `flexible` means the contract sets it (brief counselling formats). */
export const Cadence = { weekly: 'weekly', fortnightly: 'fortnightly', monthly: 'monthly', flexible: 'flexible' } as const;
export type Cadence = (typeof Cadence)[keyof typeof Cadence];

/**
 * Phase ids. The order of a protocol's `phases` array is the order of treatment. `pre-group` exists for
 * group formats (individual sessions before the group starts); `maintenance` for long-term prevention.
 */
export const PhaseId = {
  preGroup: 'pre-group',
  initial: 'initial',
  middle: 'middle',
  termination: 'termination',
  maintenance: 'maintenance',
} as const;
export type PhaseId = (typeof PhaseId)[keyof typeof PhaseId];

/** Where an individual session of a group protocol (or a joint session) differs from the protocol's delivery. */
export const SessionSetting = { individual: 'individual', group: 'group' } as const;
export type SessionSetting = (typeof SessionSetting)[keyof typeof SessionSetting];

/** The workspace tools an agenda item can open in the app. A closed list, so the UI can map each one. */
export const AgendaTool = {
  inventory: 'inventory',
  closenessCircle: 'closeness-circle',
  timeline: 'timeline',
  formulation: 'formulation',
  contract: 'contract',
  worksheet: 'worksheet',
  measure: 'measure',
  safetyCheck: 'safety-check',
  diagnosis: 'diagnosis',
  taskReview: 'task-review',
  relapsePrevention: 'relapse-prevention',
  progressReview: 'progress-review',
} as const;
export type AgendaTool = (typeof AgendaTool)[keyof typeof AgendaTool];

/**
 * Facts about the current episode that decide whether an agenda item is shown. Each is read from the
 * progression state (see progression-state.ts); all conditions listed on an item must hold.
 */
export const AgendaCondition = {
  /** A risk flag is open (e.g. PHQ-9 item 9 above 0) and has not been reviewed. */
  riskFlagOpen: 'risk-flag-open',
  /** At least one scheduled measure is due this session. */
  measureDue: 'measure-due',
  /** Things the client agreed to try are waiting to be talked through. */
  tasksToReview: 'tasks-to-review',
  /** The client has not yet agreed the focus (formulation). */
  formulationNotAgreed: 'formulation-not-agreed',
  /** The ending of treatment has not yet been raised with the client. */
  terminationNotDiscussed: 'termination-not-discussed',
  /** The chosen focus involves a parent or caregiver (IPT-A joint session). */
  focusInvolvesParent: 'focus-involves-parent',
} as const;
export type AgendaCondition = (typeof AgendaCondition)[keyof typeof AgendaCondition];

/** When an agenda item applies. Everything given must hold; an empty object means every session of its phase. */
export interface AppliesTo {
  /** Only the first session held in the phase, or the planned last session of the phase (and any session after it). */
  readonly session?: 'first-of-phase' | 'last-of-phase';
  /** Only sessions this many sessions before the contracted end (0 = the last contracted session), inclusive. */
  readonly sessionsBeforeEnd?: { readonly min: number; readonly max: number };
  readonly conditions?: readonly AgendaCondition[];
}

/**
 * One thing to do in a session. `guidance` is written in plain language for a lay counsellor with a few
 * days of training; `required` items are expected for fidelity, the others are suggestions.
 */
export interface AgendaItem {
  /** Stable kebab-case id, unique within a protocol: session records refer to it. */
  readonly id: string;
  readonly label: string;
  readonly guidance: string;
  readonly required: boolean;
  readonly opensTool?: AgendaTool;
  readonly appliesTo?: AppliesTo;
  readonly source: SourceCitation;
}

/** A number of sessions with the protocol's default. Used for session counts and phase lengths. */
export interface SessionRange {
  readonly min: number;
  readonly max: number;
  readonly default: number;
}

/**
 * Which session numbers belong to a phase, for any contracted count. Leading phases (`first`) take
 * sessions from the start in order, trailing phases (`last`) from the end, and exactly one `rest`
 * phase takes what is left in between. This shape guarantees that the phases cover 1..count with no
 * gaps and no overlaps; phase-plan.ts checks the lengths and the `rest` bounds.
 */
export type PhaseSessions =
  | { readonly kind: 'first'; readonly length: SessionRange; readonly source: SourceCitation }
  | { readonly kind: 'last'; readonly length: SessionRange; readonly source: SourceCitation }
  | { readonly kind: 'rest'; readonly min: number; readonly max?: number; readonly source: SourceCitation };

export interface Phase {
  readonly id: PhaseId;
  readonly label: string;
  /** One or two plain sentences on what the phase is for. */
  readonly purpose: string;
  readonly sessions: PhaseSessions;
  /** Set when the phase's sessions differ from the protocol's delivery (e.g. individual pre-group sessions). */
  readonly setting?: SessionSetting;
  readonly agendaItems: readonly AgendaItem[];
}

/** How often an instrument is given. `{ sessions: n }` means every n-th session counting from the last time it was given. */
export type MeasureFrequency = 'session' | { readonly sessions: number };

/**
 * One line of a measure schedule. Shipped protocols carry a source; an organization's override may
 * leave it out (the organization is then the source of its own rule).
 */
export interface MeasureScheduleEntry {
  readonly instrumentId: string;
  readonly every: MeasureFrequency;
  readonly source?: SourceCitation;
}

/** When the end of treatment should be raised with the client, counted in sessions before the last one. */
export interface EndingNotice {
  /** The window opens this many sessions before the last session. */
  readonly earliest: number;
  /** The latest point: this many sessions before the last session. */
  readonly latest: number;
  readonly source: SourceCitation;
}

/** Protocol-wide rules used by the progression engine. */
export interface ProtocolRules {
  /** The client's explicit agreement on the focus is needed before this phase starts; null when there is no such rule. */
  readonly formulationBefore: { readonly phase: PhaseId; readonly source: SourceCitation } | null;
  readonly endingNotice: EndingNotice | null;
}

/** Who besides the client takes part, and in which agenda items. */
export interface ParticipantPoint {
  readonly role: 'parent' | 'group-members';
  readonly description: string;
  readonly agendaItemIds: readonly string[];
  readonly source: SourceCitation;
}

/** Terminology codes for exports (FHIR PlanDefinition, reporting). */
export interface ProtocolCodes {
  /** SNOMED CT concept id, when one fits the protocol. */
  readonly snomed?: string;
  /** Why a code was chosen, or why there is none. */
  readonly note: string;
  readonly source: SourceCitation;
}

/** A protocol-level fact (cadence, length, dose, …) and its citation. */
export interface ProtocolSource extends SourceCitation {
  readonly about: 'overall' | 'session-count' | 'cadence' | 'session-length' | 'phases' | 'delivered-by';
}

export interface Protocol {
  readonly id: ProtocolId;
  /** Semantic version of this definition. A change of content is a new version; stored records keep theirs. */
  readonly version: string;
  readonly name: string;
  readonly shortName: string;
  /** The weakest status among the facts this protocol rests on, so the UI can flag partly checked protocols. */
  readonly evidence: 'V' | 'P';
  readonly summary: string;
  readonly delivery: Delivery;
  readonly sessionCount: SessionRange & { readonly source: SourceCitation };
  readonly cadence: Cadence;
  /**
   * Session length in minutes as the sources give it (`min` left out when they only give an upper
   * limit). Null when the sources give no length: the treatment contract then sets it.
   */
  readonly sessionLengthMinutes: { readonly min?: number; readonly max: number } | null;
  readonly phases: readonly Phase[];
  /** Items that can apply in any session, whatever the phase (safety check, measures, raising the ending). */
  readonly sessionItems: readonly AgendaItem[];
  readonly participants?: readonly ParticipantPoint[];
  /** The default measure schedule; an organization can replace it with withMeasureSchedule(). */
  readonly measureSchedule: readonly MeasureScheduleEntry[];
  readonly rules: ProtocolRules;
  readonly codes: ProtocolCodes;
  readonly sources: readonly ProtocolSource[];
}
