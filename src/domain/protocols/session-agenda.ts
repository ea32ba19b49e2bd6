/**
 * Picks the agenda items that apply to one session. Separate from progression.ts so that the rules for
 * `appliesTo` live in one small, testable place.
 */
import type { PhaseRange } from './phase-plan';
import type { AgendaCondition, AgendaItem, PhaseId, Protocol } from './protocol-definition';

/** An agenda item due at a session, with the phase it comes from (null for items of any phase). */
export type DueAgendaItem = AgendaItem & { readonly phase: PhaseId | null };

/** What the selection needs to know about the session being planned. */
export interface AgendaContext {
  readonly sessionNumber: number;
  readonly contractedSessions: number;
  readonly phase: PhaseRange;
  /** True when this is the first session held in `phase`. */
  readonly firstOfPhase: boolean;
  readonly conditions: ReadonlySet<AgendaCondition>;
}

/** True when every part of the item's `appliesTo` holds for the session in `context`. */
export function itemApplies(item: AgendaItem, context: AgendaContext): boolean {
  const rule = item.appliesTo;
  if (rule === undefined) return true;
  if (rule.session === 'first-of-phase' && !context.firstOfPhase) return false;
  if (rule.session === 'last-of-phase' && context.sessionNumber < context.phase.last) return false;
  if (rule.sessionsBeforeEnd !== undefined) {
    const before = context.contractedSessions - context.sessionNumber;
    if (before < rule.sessionsBeforeEnd.min || before > rule.sessionsBeforeEnd.max) return false;
  }
  return (rule.conditions ?? []).every((condition) => context.conditions.has(condition));
}

/**
 * The items due at a session: the protocol's any-phase items first (safety, measures, the ending), then
 * the phase's items, each in the order the protocol lists them.
 */
export function selectAgenda(protocol: Protocol, context: AgendaContext): readonly DueAgendaItem[] {
  const phase = protocol.phases.find((candidate) => candidate.id === context.phase.phaseId);
  const sessionWide = protocol.sessionItems.filter((item) => itemApplies(item, context)).map((item) => ({ ...item, phase: null }));
  const phaseItems = (phase?.agendaItems ?? []).filter((item) => itemApplies(item, context)).map((item) => ({ ...item, phase: context.phase.phaseId }));
  return [...sessionWide, ...phaseItems];
}
