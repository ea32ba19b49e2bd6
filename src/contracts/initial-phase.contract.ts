import { z } from 'zod';
import { Id, IsoDate, optionalText, text } from './common';
import { Schedule } from './episodes.contract';

/**
 * Requests and responses of the initial-phase tools (clinical-reference §2, §4): interpersonal
 * inventory, closeness circle, timeline with onset, diagnosis checklist, psychoeducation and sick
 * role, problem-area suggestions, formulation and treatment contract. Field lists marked [D] in the
 * reference are design proposals; docs/initial-phase.md says which fields are ours.
 */

/** The four problem areas (domain/formulation/problem-areas.ts). */
export const ProblemAreaId = z.enum(['grief', 'role-dispute', 'role-transition', 'interpersonal-deficits']);
/** The stages of a role dispute (clinical-reference §2.1). */
export const DisputeStageId = z.enum(['renegotiation', 'impasse', 'dissolution']);
/** Who the person is to the client; `relationshipDetail` holds the client's own word (e.g. "stepmother"). */
export const RelationshipType = z.enum(['partner', 'parent', 'child', 'sibling', 'other-family', 'friend', 'colleague', 'neighbour', 'professional', 'other']);
/** How often they are in touch [D]: an enum so the closeness and contact can be charted. */
export const ContactFrequency = z.enum(['daily', 'several-times-a-week', 'weekly', 'monthly', 'rarely', 'no-contact']);
/** Answer scales of the inventory and checklists; `unknown`/`unsure` is never guessed into yes or no. */
export const YesPartlyNo = z.enum(['yes', 'partly', 'no']);
export const YesNoUnsure = z.enum(['yes', 'no', 'unsure']);
export const YesNoUnknown = z.enum(['yes', 'no', 'unknown']);
/** How a relationship changed since the problems began: the suggestion rules' vocabulary. */
export const ChangeSinceOnset = z.enum(['none', 'closer', 'more-distant', 'ended', 'new']);
/** Inventory people and timeline events are archived, never deleted. */
export const RecordStatus = z.enum(['active', 'archived']);

const longText = optionalText(2000);
const distinct = (values: readonly unknown[]) => new Set(values).size === values.length;
/** A list without repeats, capped. */
const listOf = <T extends z.ZodType>(item: T, max: number) =>
  z.array(item).max(max, { message: `must have at most ${max} entries` }).refine(distinct, { message: 'must not repeat an entry' });
const nonEmpty = (body: object) => Object.keys(body).length > 0;

/** Path of one inventory person or one timeline event under its episode. */
export const PersonParams = z.strictObject({ id: Id, personId: Id });
export const EventParams = z.strictObject({ id: Id, eventId: Id });
/** Archiving needs a reason, kept on the record (never in the audit trail). */
export const ArchiveBody = z.strictObject({ reason: text(500) });
/** Lists show current entries by default; archived ones on request. */
export const StatusQuery = z.strictObject({ status: z.enum(['active', 'archived', 'all']).default('active') });

// ---- Interpersonal inventory (§4.1) -------------------------------------------------------------

const personFields = {
  label: text(100),
  relationshipType: RelationshipType,
  relationshipDetail: optionalText(100),
  contactFrequency: ContactFrequency.nullable().optional(),
  goodThings: longText, hardThings: longText, clientExpects: longText, otherExpects: longText,
  expectationsMet: YesPartlyNo.nullable().optional(),
  /** The clinician's judgement that the two expect different things of each other (non-reciprocal). */
  expectationsDiffer: YesNoUnsure.nullable().optional(),
  canTalkAbout: longText, cannotTalkAbout: longText, supportGiven: longText, supportReceived: longText,
  conflicts: longText,
  conflictResolved: YesPartlyNo.nullable().optional(),
  changeSinceOnset: ChangeSinceOnset.nullable().optional(),
  changeNote: longText,
  knowsAboutDepression: YesNoUnsure.nullable().optional(),
  clientWouldChange: longText,
  problemAreas: listOf(ProblemAreaId, 4).optional(),
  deceased: z.strictObject({ diedOn: IsoDate }).nullable().optional(),
};
/** A new person: label and relationship type required, everything else optional. */
export const InventoryPersonCreateBody = z.strictObject(personFields);
/** A change: keys left out stay as they are, null clears a field. */
export const InventoryPersonUpdateBody = z.strictObject({ ...personFields, label: text(100).optional(), relationshipType: RelationshipType.optional() })
  .refine(nonEmpty, { message: 'nothing to change' });
export type InventoryPersonUpdateBody = z.infer<typeof InventoryPersonUpdateBody>;

/** The inventory fields kept as JSON beside the person's own columns (label, type, date of death). */
export const InventoryPersonDetails = z.object({
  relationshipDetail: z.string().nullable(), contactFrequency: ContactFrequency.nullable(),
  goodThings: z.string().nullable(), hardThings: z.string().nullable(), clientExpects: z.string().nullable(), otherExpects: z.string().nullable(),
  expectationsMet: YesPartlyNo.nullable(), expectationsDiffer: YesNoUnsure.nullable(),
  canTalkAbout: z.string().nullable(), cannotTalkAbout: z.string().nullable(), supportGiven: z.string().nullable(), supportReceived: z.string().nullable(),
  conflicts: z.string().nullable(), conflictResolved: YesPartlyNo.nullable(), changeSinceOnset: ChangeSinceOnset.nullable(), changeNote: z.string().nullable(),
  knowsAboutDepression: YesNoUnsure.nullable(), clientWouldChange: z.string().nullable(), problemAreas: z.array(ProblemAreaId),
});
export type InventoryPersonDetails = z.infer<typeof InventoryPersonDetails>;

/** A person as answered, with the version for If-Match. */
export const InventoryPersonView = InventoryPersonDetails.extend({
  id: z.string(), episodeId: z.string(), clientId: z.string(), label: z.string(), relationshipType: RelationshipType,
  deceased: z.object({ diedOn: z.string() }).nullable(),
  status: RecordStatus, archivedAt: z.string().nullable(), archiveReason: z.string().nullable(),
  createdAt: z.string(), updatedAt: z.string(), updatedBy: z.string(), version: z.number().int(),
});
export type InventoryPersonView = z.infer<typeof InventoryPersonView>;

/** Every version of a record, newest first; the first item is the current one. */
export const historyOf = <T extends z.ZodType>(snapshot: T) => z.object({
  items: z.array(z.object({
    version: z.number().int(), changedAt: z.string(), changedBy: z.string(), changedByName: z.string().nullable(), current: z.boolean(), snapshot,
  })),
});

// ---- Closeness circle (§4.2) --------------------------------------------------------------------

/** Which moment of treatment a snapshot records, so intake and later circles can be compared. */
export const ClosenessLabel = z.enum(['intake', 'review', 'termination', 'other']);
/** A dated closeness circle of 3–5 rings; ring 1 is the closest (clinical-reference §4.2). */
export const ClosenessSnapshotBody = z.strictObject({
  takenOn: IsoDate,
  label: ClosenessLabel,
  rings: z.number().int().min(3, { message: 'must be 3 to 5 rings' }).max(5, { message: 'must be 3 to 5 rings' }),
  placements: z.array(z.strictObject({ personId: Id, ring: z.number().int().min(1).max(5) })).max(60),
  note: longText,
});
/** One person on one ring, as stored. */
export const ClosenessPlacement = z.object({ personId: z.string(), ring: z.number().int() });
/** A snapshot with the names of the people placed. */
export const ClosenessSnapshotView = z.object({
  id: z.string(), episodeId: z.string(), takenOn: z.string(), label: ClosenessLabel, rings: z.number().int(),
  placements: z.array(ClosenessPlacement.extend({ label: z.string(), relationshipType: z.string() })),
  note: z.string().nullable(), createdAt: z.string(), createdBy: z.string(),
});
export type ClosenessSnapshotView = z.infer<typeof ClosenessSnapshotView>;
/** How a person moved between the compared snapshots (ring positions scaled to the ring count). */
export const ClosenessChange = z.enum(['closer', 'further', 'same', 'added', 'removed']);
/** All snapshots of the episode and the comparison of intake with the latest. */
export const ClosenessListView = z.object({
  items: z.array(ClosenessSnapshotView),
  /** The intake snapshot (or the earliest) against the latest, person by person; null with fewer than two. */
  comparison: z.object({
    fromSnapshotId: z.string(), toSnapshotId: z.string(),
    people: z.array(z.object({ personId: z.string(), label: z.string(), fromRing: z.number().int().nullable(), toRing: z.number().int().nullable(), change: ClosenessChange })),
  }).nullable(),
});

// ---- Timeline and onset (§4.3) ------------------------------------------------------------------

/** Event kinds; move, health and work count as life changes for the suggestion rules. */
export const TimelineKind = z.enum(['death', 'relationship-change', 'life-change', 'conflict', 'move', 'health', 'work', 'other']);
const eventFields = {
  date: IsoDate,
  title: text(200),
  description: optionalText(4000),
  kind: TimelineKind,
  personIds: listOf(Id, 20).optional(),
  problemArea: ProblemAreaId.nullable().optional(),
  mood: z.number().int().min(0).max(10).nullable().optional(),
};
/** A new timeline event (clinical-reference §4.3 [D] fields). */
export const TimelineEventCreateBody = z.strictObject(eventFields);
/** A change to an event: keys left out stay as they are. */
export const TimelineEventUpdateBody = z.strictObject({ ...eventFields, date: IsoDate.optional(), title: text(200).optional(), kind: TimelineKind.optional() })
  .refine(nonEmpty, { message: 'nothing to change' });
export type TimelineEventUpdateBody = z.infer<typeof TimelineEventUpdateBody>;
/** The event fields kept as JSON beside its own columns (date, kind, title). */
export const TimelineEventDetails = z.object({
  description: z.string().nullable(), personIds: z.array(z.string()), problemArea: ProblemAreaId.nullable(), mood: z.number().int().nullable(),
});
export type TimelineEventDetails = z.infer<typeof TimelineEventDetails>;
/** An event as answered, with the version for If-Match. */
export const TimelineEventView = TimelineEventDetails.extend({
  id: z.string(), episodeId: z.string(), date: z.string(), title: z.string(), kind: TimelineKind,
  status: RecordStatus, archivedAt: z.string().nullable(), archiveReason: z.string().nullable(),
  createdAt: z.string(), updatedAt: z.string(), updatedBy: z.string(), version: z.number().int(),
});
export type TimelineEventView = z.infer<typeof TimelineEventView>;

/** When the current problems began; null clears it. */
export const OnsetBody = z.strictObject({ onsetDate: IsoDate.nullable(), note: longText });
/** The onset as stored (and as kept in its history). */
export const OnsetRecord = z.object({ onsetDate: z.string().nullable(), note: z.string().nullable() });
/** Saved records answer version ≥ 1; an unsaved one version 0 (send If-Match "0" to save it first). */
const recordMeta = { saved: z.boolean(), version: z.number().int(), updatedAt: z.string().nullable(), updatedBy: z.string().nullable() };
/** The onset with its version (0 until saved). */
export const OnsetView = OnsetRecord.extend(recordMeta);
/** Everything the timeline chart needs in one answer. */
export const TimelineView = z.object({
  episodeStart: z.string(),
  onset: OnsetView,
  events: z.array(TimelineEventView),
  /** Mood ratings (0–10) from session notes. */
  moodPoints: z.array(z.object({ sessionId: z.string(), sessionNumber: z.number().int(), date: z.string(), mood: z.number() })),
  /** Questionnaire totals of the episode, every instrument. */
  scores: z.array(z.object({ responseId: z.string(), instrumentId: z.string(), date: z.string(), total: z.number().nullable(), severityCode: z.string().nullable(), sessionId: z.string().nullable() })),
});

// ---- Diagnosis checklist, psychoeducation and sick role (§4.4, §6.1) ----------------------------

const findingBody = z.strictObject({ present: YesNoUnknown, note: optionalText(500) });
/** The nine symptoms of criterion A, keyed in DSM-5 order. */
export const SymptomKey = z.enum(['depressedMood', 'anhedonia', 'appetiteWeight', 'sleep', 'psychomotor', 'fatigue', 'worthlessnessGuilt', 'concentration', 'thoughtsOfDeath']);
export type SymptomKey = z.infer<typeof SymptomKey>;
const exclusionFields = { substanceOrMedicalCause: YesNoUnknown, maniaOrHypomaniaHistory: YesNoUnknown, betterExplainedByOtherDisorder: YesNoUnknown };
/** The checklist as the clinician saves it (all nine symptoms, duration, impairment, exclusions). */
export const DiagnosisBody = z.strictObject({
  symptoms: z.strictObject({
    depressedMood: findingBody, anhedonia: findingBody, appetiteWeight: findingBody, sleep: findingBody, psychomotor: findingBody,
    fatigue: findingBody, worthlessnessGuilt: findingBody, concentration: findingBody, thoughtsOfDeath: findingBody,
  }),
  durationTwoWeeks: YesNoUnknown,
  impairment: findingBody,
  /** "yes" means the exclusion applies (e.g. a medical cause was found). */
  exclusions: z.strictObject(exclusionFields),
  note: optionalText(4000),
  /** The clinician confirms the checklist; the server stamps who and when. */
  confirmed: z.boolean(),
});
/** The PHQ-9 answer a finding was taken from, so the clinician can check it. */
export const PrefillSource = z.object({ instrumentId: z.string(), responseId: z.string(), itemId: z.string(), value: z.number(), administeredAt: z.string() });
/** One finding: present or not (or unknown), where it came from, and a note. */
export const Finding = z.object({ present: YesNoUnknown, prefilledFrom: PrefillSource.nullable(), note: z.string().nullable() });
export type Finding = z.infer<typeof Finding>;
/** The checklist as stored (and as kept in its history). */
export const DiagnosisRecord = z.object({
  symptoms: z.record(SymptomKey, Finding),
  durationTwoWeeks: YesNoUnknown,
  impairment: Finding,
  exclusions: z.object(exclusionFields),
  note: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  confirmedBy: z.string().nullable(),
});
export type DiagnosisRecord = z.infer<typeof DiagnosisRecord>;
/** The checklist with the symptom labels, the latest PHQ-9, a summary of the pattern and the fixed disclaimer. */
export const DiagnosisView = DiagnosisRecord.extend({
  ...recordMeta,
  /** True when the findings shown come from the latest PHQ-9 rather than a saved checklist. */
  prefilled: z.boolean(),
  confirmedByName: z.string().nullable(),
  symptomList: z.array(z.object({ key: SymptomKey, label: z.string(), phq9Item: z.string() })),
  latestPhq9: z.object({ responseId: z.string(), administeredAt: z.string(), total: z.number().nullable(), diagnosticAlgorithm: z.string().nullable() }).nullable(),
  summary: z.object({ symptomsPresent: z.number().int(), symptomsUnknown: z.number().int(), coreSymptomPresent: z.boolean(), pattern: z.enum(['criteria-pattern-met', 'criteria-pattern-not-met', 'incomplete']) }),
  disclaimer: z.string(),
  source: z.string(),
});

/** Topics of psychoeducation [D]; `other` with details for the rest. */
export const PsychoeducationTopic = z.enum([
  'depression-is-an-illness', 'depression-is-treatable', 'not-your-fault', 'symptoms-explained', 'sick-role', 'ipt-rationale',
  'measures-explained', 'medication-options', 'safety-plan', 'other',
]);
/** Whether the sick role was given, in full or limited (e.g. IPT-A: keep going to school), or not (clinical-reference §4.4). */
export const SickRoleStatus = z.enum(['not-yet', 'given', 'limited', 'not-appropriate']);
/** What was covered, when, the client's response and the sick role. */
export const PsychoeducationBody = z.strictObject({
  coveredOn: IsoDate.nullable(),
  topics: listOf(PsychoeducationTopic, 10),
  details: optionalText(4000),
  clientResponse: optionalText(4000),
  sickRole: z.strictObject({ status: SickRoleStatus, easedObligations: optionalText(1000), clientResponsibilities: optionalText(1000) }),
});
/** The psychoeducation record as stored. */
export const PsychoeducationRecord = z.object({
  coveredOn: z.string().nullable(), topics: z.array(PsychoeducationTopic), details: z.string().nullable(), clientResponse: z.string().nullable(),
  sickRole: z.object({ status: SickRoleStatus, easedObligations: z.string().nullable(), clientResponsibilities: z.string().nullable() }),
});
/** The psychoeducation record with its version (0 until saved). */
export const PsychoeducationView = PsychoeducationRecord.extend(recordMeta);

// ---- Suggestions and formulation (§2, §4.5) -----------------------------------------------------

/** Problem areas the record points to, strongest first, with reasons and the evidence behind each. */
export const SuggestionsView = z.object({
  suggestions: z.array(z.object({
    area: ProblemAreaId, label: z.string(), strength: z.number(), reasons: z.array(z.string()),
    evidence: z.array(z.object({ id: z.string(), kind: z.enum(['person', 'event']), label: z.string() })),
  })),
  onsetDate: z.string().nullable(),
  closenessSnapshotId: z.string().nullable(),
  peopleConsidered: z.number().int(),
  eventsConsidered: z.number().int(),
  note: z.string(),
});

/** One area of the focus; a dispute needs the other party (person id or label) and the stage. */
export const FormulationAreaBody = z.strictObject({
  area: ProblemAreaId,
  /** An inventory person: the other party of a dispute, or the person who died. */
  personId: Id.nullable().optional(),
  otherParty: optionalText(200),
  stage: DisputeStageId.nullable().optional(),
  person: optionalText(200),
  change: optionalText(200),
});
/** The formulation as the clinician saves it (always as a draft). */
export const FormulationBody = z.strictObject({
  areas: z.array(FormulationAreaBody).max(4),
  rationale: optionalText(4000),
  goals: z.array(text(300)).max(10).default([]),
  /** Left out (or null): the server drafts the statement from the structured fields. */
  statement: optionalText(8000),
});
/** Optional: without a body (or without agreedOn) the agreement is dated today. */
export const FormulationAgreeBody = z.strictObject({ agreedOn: IsoDate.optional() }).nullish();
/** One area as stored, with the names resolved from the inventory. */
export const FormulationArea = z.object({
  area: ProblemAreaId, label: z.string(), personId: z.string().nullable(), otherParty: z.string().nullable(), stage: DisputeStageId.nullable(),
  person: z.string().nullable(), change: z.string().nullable(),
});
/** The formulation as stored, agreement included (and as kept in its history). */
export const FormulationRecord = z.object({
  areas: z.array(FormulationArea), rationale: z.string().nullable(), goals: z.array(z.string()), statement: z.string().nullable(), statementDrafted: z.boolean(),
  status: z.enum(['draft', 'agreed']), agreedOn: z.string().nullable(), agreedAt: z.string().nullable(), agreedBy: z.string().nullable(),
});
export type FormulationRecord = z.infer<typeof FormulationRecord>;
/** The formulation with the domain's draft and the episode's agreement date and version. */
export const FormulationView = FormulationRecord.extend({
  ...recordMeta,
  agreedByName: z.string().nullable(),
  /** The draft the domain writes from the saved areas and goals, to compare with or restore. */
  draftStatement: z.string().nullable(),
  episodeFormulationAgreedAt: z.string().nullable(),
  episodeVersion: z.number().int(),
});

// ---- Treatment contract (§4.6) ------------------------------------------------------------------

/** How often a contracted measure is given [D]. */
export const MeasureFrequency = z.enum(['every-session', 'every-n-sessions', 'start-middle-end', 'start-and-end']);
/** Who else takes part in some sessions (e.g. a parent in IPT-A). */
export const ParticipantRole = z.enum(['parent', 'caregiver', 'partner', 'family-member', 'interpreter', 'other']);
/** The treatment contract (clinical-reference §4.6; the field list is [D]). */
export const ContractBody = z.strictObject({
  contractedSessions: z.number().int().min(1).max(100),
  frequency: Schedule,
  sessionLengthMinutes: z.number().int().min(5).max(240).nullable(),
  problemAreas: listOf(ProblemAreaId, 2),
  goals: z.array(z.strictObject({ text: text(300), howProgressWillBeSeen: optionalText(500) })).max(10),
  measures: z.array(z.strictObject({
    instrumentId: z.string().regex(/^[a-z0-9-]{1,40}$/, { message: 'must be an instrument id such as phq-9' }),
    frequency: MeasureFrequency,
    everySessions: z.number().int().min(2).max(12).nullable().optional(),
  })).max(10),
  participants: z.array(z.strictObject({ role: ParticipantRole, name: optionalText(100), joins: optionalText(500) })).max(10),
  missedSessionRule: optionalText(2000),
  crisisPlan: optionalText(4000),
  agreedOn: IsoDate.nullable().optional(),
});
/** The contract as stored (and as kept in its history). */
export const ContractRecord = z.object({
  contractedSessions: z.number().int(), frequency: Schedule, sessionLengthMinutes: z.number().int().nullable(), problemAreas: z.array(ProblemAreaId),
  goals: z.array(z.object({ text: z.string(), howProgressWillBeSeen: z.string().nullable() })),
  measures: z.array(z.object({ instrumentId: z.string(), frequency: MeasureFrequency, everySessions: z.number().int().nullable() })),
  participants: z.array(z.object({ role: ParticipantRole, name: z.string().nullable(), joins: z.string().nullable() })),
  missedSessionRule: z.string().nullable(), crisisPlan: z.string().nullable(), agreedOn: z.string().nullable(),
});
export type ContractRecord = z.infer<typeof ContractRecord>;
/** The contract with the protocol's range, the sessions held and the episode's current values. */
export const ContractView = ContractRecord.extend({
  ...recordMeta,
  /** True when not saved yet and filled in from the episode, the formulation and the protocol. */
  prefilled: z.boolean(),
  sessionsHeld: z.number().int(),
  protocol: z.object({ id: z.string(), shortName: z.string(), sessionCount: z.object({ min: z.number(), max: z.number(), default: z.number() }) }),
  episode: z.object({ contractedSessions: z.number().int(), schedule: z.string(), sessionLengthMinutes: z.number().int().nullable(), version: z.number().int() }),
});
