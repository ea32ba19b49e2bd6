/**
 * Rules of a problem-area workspace: opening one (the focus rules of domain/formulation), changing a
 * role dispute's stage, and the strategy checklist shown for the area and stage.
 *
 * The stage decides the strategy ([V] [S8] clinical-reference §2.1), so a stage change is a recorded
 * event (kept as history) and the checklist shown follows the current stage; ticks are kept by item
 * id, so a tick made at an earlier stage is still there if the dispute returns to that stage.
 */
import { DomainError, isDomainError } from '../errors';
import { validateFocus } from '../formulation/focus';
import type { FocusArea, FocusAreaInput } from '../formulation/focus';
import { DISPUTE_STAGES, FOCUS_RULE, PROBLEM_AREAS, strategyChecklist } from '../formulation/problem-areas';
import type { DisputeStage, ProblemArea, SourcedText, StrategyItem } from '../formulation/problem-areas';

/**
 * Checks the opening of a workspace for one area against the focus rules: a known area, and for a
 * role dispute the other party and the stage (validateFocus), at most FOCUS_RULE.maxAreas workspaces
 * per episode, one per area. Fields are named as in the request body (`area`, `otherParty`, `stage`).
 */
export function validateWorkspaceOpening(input: FocusAreaInput, openAreas: readonly string[]): FocusArea {
  let focus: FocusArea;
  try {
    [focus] = validateFocus([input]) as [FocusArea];
  } catch (error) {
    if (isDomainError(error)) {
      const errors = error.errors.map((e) => ({ field: e.field.replace(/^areas\.0\./, ''), message: e.message }));
      throw new DomainError('validation', errors[0]?.message ?? error.message, { field: errors[0]?.field ?? 'area', errors });
    }
    throw error;
  }
  if (openAreas.includes(focus.area)) {
    throw new DomainError('conflict', `This episode already has a ${PROBLEM_AREAS[focus.area].label.toLowerCase()} workspace.`, { field: 'area' });
  }
  if (openAreas.length >= FOCUS_RULE.maxAreas) {
    throw new DomainError('conflict', `An episode works on at most ${FOCUS_RULE.maxAreas} problem areas; one is best. ${FOCUS_RULE.guidance}`, { field: 'area' });
  }
  return focus;
}

/** One stage change of a role dispute, as recorded in the workspace's history. */
export interface StageChange {
  readonly from: DisputeStage | null;
  readonly to: DisputeStage;
}

function isDisputeStage(value: string): value is DisputeStage {
  return Object.hasOwn(DISPUTE_STAGES, value);
}

/**
 * A stage change of a role-dispute workspace: only a dispute has a stage, the stage must be one of
 * the three, and it must differ from the current one (a change that changes nothing is refused,
 * so the history only holds real moves). Throws DomainError('validation') naming `stage`.
 */
export function changeDisputeStage(area: ProblemArea, current: DisputeStage | null, next: string): StageChange {
  if (area !== 'role-dispute') throw new DomainError('validation', 'Only a role dispute has a stage.', { field: 'stage' });
  if (!isDisputeStage(next)) throw new DomainError('validation', 'Choose the stage of the dispute: renegotiation, impasse or dissolution.', { field: 'stage' });
  if (current === next) throw new DomainError('validation', `The dispute is already at the ${DISPUTE_STAGES[next].label.toLowerCase()} stage.`, { field: 'stage' });
  return { from: current, to: next };
}

/** One line of the checklist as shown: the strategy item and whether it is ticked. */
export interface ChecklistLine extends StrategyItem {
  readonly done: boolean;
}

/** The checklist for the area (and stage), with the stored ticks applied. */
export function checklistFor(area: ProblemArea, stage: DisputeStage | null, ticked: readonly string[]): readonly ChecklistLine[] {
  const done = new Set(ticked);
  return strategyChecklist(area, stage ?? undefined).map((item) => ({ ...item, done: done.has(item.id) }));
}

/**
 * Applies ticks (item id → ticked) to the stored ticks. Only items of the checklist shown now can be
 * ticked or unticked; an unknown id is a 400 naming `checklist.<id>`. Ticks of other stages are kept.
 */
export function applyTicks(area: ProblemArea, stage: DisputeStage | null, stored: readonly string[], change: Readonly<Record<string, boolean>>): string[] {
  const shown = new Set(strategyChecklist(area, stage ?? undefined).map((item) => item.id));
  const unknown = Object.keys(change).filter((id) => !shown.has(id));
  if (unknown.length > 0) {
    throw new DomainError('validation', 'is not on this workspace\'s checklist', { field: `checklist.${unknown[0]}`, errors: unknown.map((id) => ({ field: `checklist.${id}`, message: 'is not on this workspace\'s checklist' })) });
  }
  const ticks = new Set(stored);
  for (const [id, value] of Object.entries(change)) {
    if (value) ticks.add(id);
    else ticks.delete(id);
  }
  return [...ticks].sort();
}

/** What the workspace shows as guidance: the area's goals and caution, and the stage's definition and strategy. */
export interface WorkspaceGuidance {
  readonly areaLabel: string;
  readonly goals: readonly SourcedText[];
  readonly caution: SourcedText | null;
  readonly stage: { readonly id: DisputeStage; readonly label: string; readonly definition: SourcedText; readonly strategy: SourcedText } | null;
}

/** The sourced guidance of an area and, for a dispute, of its current stage. */
export function guidanceFor(area: ProblemArea, stage: DisputeStage | null): WorkspaceGuidance {
  const definition = PROBLEM_AREAS[area];
  const stageDefinition = area === 'role-dispute' && stage !== null ? DISPUTE_STAGES[stage] : null;
  return {
    areaLabel: definition.label,
    goals: definition.goals,
    caution: definition.caution ?? null,
    stage: stageDefinition === null ? null : { id: stageDefinition.id, label: stageDefinition.label, definition: stageDefinition.definition, strategy: stageDefinition.strategy },
  };
}
