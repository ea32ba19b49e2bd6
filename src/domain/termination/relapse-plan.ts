/**
 * The relapse-prevention plan the client keeps after the ending.
 * [V] [S5b][S13] clinical-reference §5: agree the warning symptoms and share them with significant
 * others, plan contingencies, decide whether further treatment is needed. The sections and the
 * prefill rules below are a design proposal of ours [D]: they only copy what the record already
 * holds (timeline, problem area, tasks that helped, the closeness circle, the organization's crisis
 * numbers) so the clinician and client can edit it together.
 */

export interface PlanContact { name: string; phone: string | null; note: string | null }

export interface RelapsePlanContent {
  warningSigns: string[];
  triggers: string[];
  strategies: string[];
  people: PlanContact[];
  whenToSeekHelp: string | null;
  crisisContacts: PlanContact[];
  boosterPlan: string | null;
}

export interface RelapsePrefillInput {
  /** Active timeline events: kind and title. */
  timelineEvents: ReadonlyArray<{ date: string; kind: string; title: string }>;
  /** Problem-area workspaces worked on. */
  workspaces: ReadonlyArray<{ area: string; areaLabel: string; otherParty: string | null }>;
  /** Reviewed tasks: what was tried, the review outcome and the mood effect. */
  tasks: ReadonlyArray<{ what: string; reviewOutcome: string | null; moodEffect: number | null }>;
  /** Techniques practised in session (worksheet kinds, as labels). */
  techniques: readonly string[];
  /** People of the latest closeness circle with their ring (1 = closest), or the inventory when there is none. */
  people: ReadonlyArray<{ label: string; ring: number | null }>;
  crisisResources: ReadonlyArray<{ name: string; phone: string; description: string | null }>;
}

/** Event kinds that stand for interpersonal stress worth watching for again [D]. */
const TRIGGER_KINDS = new Set(['death', 'relationship-change', 'conflict', 'move', 'life-change', 'work', 'health']);

const unique = (items: string[]) => [...new Set(items.map((s) => s.trim()).filter((s) => s.length > 0))];

/** The plan offered before anything was saved: each section prefilled from the record [D]. */
export function prefillRelapsePlan(input: RelapsePrefillInput): RelapsePlanContent {
  const triggers = unique([
    ...input.workspaces.map((w) => (w.otherParty ? `${w.areaLabel} with ${w.otherParty}: signs of the same difficulty again` : `${w.areaLabel}: signs of the same difficulty again`)),
    ...input.timelineEvents.filter((e) => TRIGGER_KINDS.has(e.kind)).map((e) => `Events like: ${e.title}`),
  ]).slice(0, 20);
  const strategies = unique([
    ...input.tasks.filter((t) => t.reviewOutcome === 'done' && (t.moodEffect === null || t.moodEffect > 0)).map((t) => t.what),
    ...input.tasks.filter((t) => t.reviewOutcome === 'partly' && t.moodEffect !== null && t.moodEffect > 0).map((t) => t.what),
    ...input.techniques.map((t) => `Use what I practised: ${t}`),
  ]).slice(0, 20);
  const people = [...input.people].filter((p) => p.ring === null || p.ring <= 2)
    .sort((a, b) => (a.ring ?? 99) - (b.ring ?? 99)).slice(0, 10)
    .map((p) => ({ name: p.label, phone: null, note: null }));
  return {
    warningSigns: [],
    triggers,
    strategies,
    people,
    whenToSeekHelp: null,
    crisisContacts: input.crisisResources.map((c) => ({ name: c.name, phone: c.phone, note: c.description })),
    boosterPlan: null,
  };
}

/** What a plan needs before it is signed: at least one warning sign, one strategy and one person or service to turn to. */
export function missingForSigning(plan: RelapsePlanContent): Array<{ field: string; message: string }> {
  const missing: Array<{ field: string; message: string }> = [];
  // [V] [S5b][S13] §5: the warning symptoms are agreed with the client.
  if (plan.warningSigns.length === 0) missing.push({ field: 'plan.warningSigns', message: 'needs at least one early warning sign before signing' });
  // [V] [S5b][S13] §5: plan contingencies.
  if (plan.strategies.length === 0) missing.push({ field: 'plan.strategies', message: 'needs at least one thing to do before signing' });
  if (plan.people.length + plan.crisisContacts.length === 0) missing.push({ field: 'plan.people', message: 'needs at least one person or service to turn to before signing' });
  return missing;
}
