import { z } from 'zod';
import { AreaOutcomeInput, EXPECTATIONS_CLOSER } from '../domain/worksheets/area-outcomes';
import { MOOD_EFFECT, TASK_OUTCOMES, TASK_STATUSES } from '../domain/worksheets/task-rules';
import {
  CommunicationAnalysisPayload, DecisionAnalysisPayload, IntervalReviewPayload, RolePlayPayload, WORKSHEET_KINDS,
} from '../domain/worksheets/worksheet-kinds';
import { WORKSPACE_SUMMARY_MAX, WorkspaceDetails, WorkspaceGoals } from '../domain/worksheets/workspace-details';
import { Id, IsoDate, optionalText, text } from './common';

/**
 * Requests and responses of the middle phase (clinical-reference §2, §3): problem-area workspaces
 * with the dispute-stage history and strategy checklist, per-session problem-area outcomes,
 * technique worksheets, and between-session tasks. Payload and detail schemas come from
 * domain/worksheets; every field list there is a design proposal [D] (docs/middle-phase.md).
 */

export const ProblemAreaId = z.enum(['grief', 'role-dispute', 'role-transition', 'interpersonal-deficits']);
export const DisputeStageId = z.enum(['renegotiation', 'impasse', 'dissolution']);
export const WorksheetKindId = z.enum(WORKSHEET_KINDS);

const nonEmpty = (body: object) => Object.values(body).some((v) => v !== undefined);
const nothingToChange = { message: 'nothing to change' };

/** Path of one workspace's outcome at one session. */
export const OutcomeParams = z.strictObject({ id: Id, sessionId: Id });

// ---- Workspaces -----------------------------------------------------------------------------------

/** Opens a workspace for one problem area; checked against the focus rules (domain/formulation/focus). */
export const WorkspaceOpenBody = z.strictObject({
  area: ProblemAreaId,
  /** Role dispute: who the dispute is with (required for a dispute). */
  otherParty: z.string().max(200).optional(),
  /** Role dispute: the stage (required for a dispute). */
  stage: DisputeStageId.optional(),
  /** Grief: the person who died. */
  person: z.string().max(200).optional(),
  /** Role transition: the change, in the client's words. */
  change: z.string().max(200).optional(),
  goals: WorkspaceGoals.optional(),
  summary: optionalText(WORKSPACE_SUMMARY_MAX),
});

/** A change of a workspace; keys left out stay. The stage changes only through /stage-changes. */
export const WorkspaceUpdateBody = z.strictObject({
  otherParty: text(200).optional(),
  goals: WorkspaceGoals.optional(),
  summary: optionalText(WORKSPACE_SUMMARY_MAX),
  /** Top-level keys of the area's details to replace (checked against the area's schema). */
  details: z.record(z.string().max(40), z.unknown()).refine((d) => Object.keys(d).length <= 20, { message: 'has too many keys' }).optional(),
  /** Checklist item id → ticked. */
  checklist: z.record(z.string().max(60), z.boolean()).refine((c) => Object.keys(c).length <= 30, { message: 'has too many items' }).optional(),
}).refine(nonEmpty, nothingToChange);

/** A stage change of a role dispute, optionally tied to the (open) session it was recognized in. */
export const StageChangeBody = z.strictObject({ stage: DisputeStageId, sessionId: Id.optional(), reason: optionalText(500) });

const SourcedTextView = z.object({ text: z.string(), source: z.string() });

export const WorkspaceView = z.object({
  id: z.string(), episodeId: z.string(), clientId: z.string(),
  area: ProblemAreaId, areaLabel: z.string(),
  otherParty: z.string().nullable(), stage: DisputeStageId.nullable(),
  goals: z.array(z.string()), summary: z.string().nullable(),
  details: WorkspaceDetails,
  guidance: z.object({
    goals: z.array(SourcedTextView), caution: SourcedTextView.nullable(),
    stage: z.object({ id: DisputeStageId, label: z.string(), definition: SourcedTextView, strategy: SourcedTextView }).nullable(),
  }),
  /** The strategy checklist of the area (and current stage) with the ticks applied. */
  checklist: z.array(z.object({ id: z.string(), label: z.string(), source: z.string(), done: z.boolean() })),
  stageHistory: z.array(z.object({
    fromStage: DisputeStageId.nullable(), toStage: DisputeStageId, sessionId: z.string().nullable(), sessionNumber: z.number().int().nullable(),
    reason: z.string().nullable(), changedBy: z.string(), changedByName: z.string().nullable(), changedAt: z.string(),
  })),
  /** The per-session progress ratings (0–10), oldest first. */
  progress: z.array(z.object({ sessionId: z.string(), sessionNumber: z.number().int(), rating: z.number().int() })),
  detailsSource: z.string(),
  createdAt: z.string(), updatedAt: z.string(), updatedBy: z.string(), version: z.number().int(),
});
export type WorkspaceView = z.infer<typeof WorkspaceView>;

export const WorkspaceList = z.object({ items: z.array(WorkspaceView), maxAreas: z.number().int(), guidance: z.string() });

// ---- Problem-area outcomes ------------------------------------------------------------------------

/** One session's outcome for a workspace: the fields of the workspace's area only. */
export const OutcomeBody = AreaOutcomeInput.refine(nonEmpty, { message: 'record at least one value' });

const outcomeValues = {
  progress: z.number().int().nullable(), stage: DisputeStageId.nullable(), expectationsCloser: z.enum(EXPECTATIONS_CLOSER).nullable(),
  adjustment: z.number().int().nullable(), mourning: z.number().int().nullable(), contacts: z.number().int().nullable(), contactQuality: z.number().int().nullable(),
};

export const OutcomeView = z.object({
  id: z.string(), workspaceId: z.string(), sessionId: z.string(), sessionNumber: z.number().int(), ...outcomeValues,
  locked: z.boolean(), updatedAt: z.string(), version: z.number().int(),
});

/** The series of every workspace of an episode, for charting beside the symptom chart. */
export const OutcomeSeriesView = z.object({
  episodeId: z.string(),
  workspaces: z.array(z.object({
    workspaceId: z.string(), area: ProblemAreaId, areaLabel: z.string(),
    measures: z.array(z.object({ id: z.string(), label: z.string(), scale: z.object({ kind: z.enum(['rating', 'count', 'category']), min: z.number().optional(), max: z.number().optional(), values: z.array(z.string()).optional() }) })),
    /** One point per session with a recorded outcome; `version` is the ETag to send when changing it. */
    points: z.array(z.object({ id: z.string(), sessionId: z.string(), sessionNumber: z.number().int(), date: z.string(), ...outcomeValues, locked: z.boolean(), version: z.number().int() })),
  })),
  source: z.string(),
});

// ---- Worksheets -----------------------------------------------------------------------------------

/** The four kinds, each with its payload, plus the fields in `shape`: the union every worksheet schema uses. */
function byKind<T extends z.ZodRawShape>(shape: T, strict: boolean) {
  const make = strict ? z.strictObject : z.object;
  return z.discriminatedUnion('kind', [
    make({ ...shape, kind: z.literal('communication-analysis'), payload: CommunicationAnalysisPayload }),
    make({ ...shape, kind: z.literal('decision-analysis'), payload: DecisionAnalysisPayload }),
    make({ ...shape, kind: z.literal('role-play'), payload: RolePlayPayload }),
    make({ ...shape, kind: z.literal('interval-review'), payload: IntervalReviewPayload }),
  ]);
}

/** A new worksheet on this session: kind, payload, optional workspace and the worksheet it continues. */
export const WorksheetCreateBody = byKind({ workspaceId: Id.nullable().optional(), continuesId: Id.optional() }, true);
export type WorksheetCreateBody = z.infer<typeof WorksheetCreateBody>;

/** A new version of a worksheet: the whole payload (the kind cannot change). */
export const WorksheetReplaceBody = byKind({ workspaceId: Id.nullable().optional() }, true);
export type WorksheetReplaceBody = z.infer<typeof WorksheetReplaceBody>;

export const WorksheetListQuery = z.strictObject({ kind: WorksheetKindId.optional(), workspaceId: Id.optional() });

export const WorksheetView = byKind({
  id: z.string(), episodeId: z.string(), sessionId: z.string(), sessionNumber: z.number().int(),
  workspaceId: z.string().nullable(), area: ProblemAreaId.nullable(), continuesId: z.string().nullable(), kindLabel: z.string(),
  /** One line of plain text for the session note. */
  summary: z.string(),
  /** True once the session's note is signed: the worksheet can no longer change (423). */
  locked: z.boolean(),
  createdAt: z.string(), createdBy: z.string(), updatedAt: z.string(), updatedBy: z.string(), version: z.number().int(),
}, false);
export type WorksheetView = z.infer<typeof WorksheetView>;

export const WorksheetHistory = z.object({
  items: z.array(byKind({
    version: z.number().int(), changedAt: z.string(), changedBy: z.string(), changedByName: z.string().nullable(), current: z.boolean(),
    workspaceId: z.string().nullable(), summary: z.string(),
  }, false)),
});

// ---- Between-session tasks ------------------------------------------------------------------------

const taskFields = {
  what: text(500),
  withWhom: optionalText(200),
  whenDate: IsoDate.nullable().optional(),
  whenText: optionalText(200),
  workspaceId: Id.nullable().optional(),
  area: ProblemAreaId.nullable().optional(),
};

/** A task set in this session. Shown in the client's portal unless `visibleToClient` is false. */
export const TaskCreateBody = z.strictObject({ ...taskFields, visibleToClient: z.boolean().default(true) });
export type TaskCreateBody = z.infer<typeof TaskCreateBody>;

export const TaskUpdateBody = z.strictObject({ ...taskFields, what: text(500).optional(), visibleToClient: z.boolean().optional() }).refine(nonEmpty, nothingToChange);
export type TaskUpdateBody = z.infer<typeof TaskUpdateBody>;

/** The review at a later session; the mood effect is a signed change, −5 … +5. */
export const TaskReviewBody = z.strictObject({
  sessionId: Id,
  outcome: z.enum(TASK_OUTCOMES),
  whatHappened: optionalText(2000),
  moodEffect: z.number().int({ message: 'must be a whole number' }).min(MOOD_EFFECT.min, { message: 'must be −5 to +5' }).max(MOOD_EFFECT.max, { message: 'must be −5 to +5' }).nullable().optional(),
});
export type TaskReviewBody = z.infer<typeof TaskReviewBody>;

export const TaskListQuery = z.strictObject({ status: z.enum([...TASK_STATUSES, 'all']).default('all') });

export const TaskView = z.object({
  id: z.string(), episodeId: z.string(), clientId: z.string(), workspaceId: z.string().nullable(), area: ProblemAreaId.nullable(),
  setInSessionId: z.string(), setInSessionNumber: z.number().int(),
  what: z.string(), withWhom: z.string().nullable(), whenDate: z.string().nullable(), whenText: z.string().nullable(),
  visibleToClient: z.boolean(), status: z.enum(TASK_STATUSES),
  reviewedInSessionId: z.string().nullable(),
  review: z.object({
    sessionNumber: z.number().int(), outcome: z.enum(TASK_OUTCOMES), whatHappened: z.string().nullable(), moodEffect: z.number().int().nullable(),
    reviewedAt: z.string(), reviewedBy: z.string(),
  }).nullable(),
  /** One line of plain text for the session note. */
  summary: z.string(),
  /** True once the session that set it is signed: only `visibleToClient` can still change. */
  locked: z.boolean(),
  createdAt: z.string(), updatedAt: z.string(), version: z.number().int(),
});
export type TaskView = z.infer<typeof TaskView>;
