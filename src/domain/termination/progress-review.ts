/**
 * The progress review of the termination phase, as a pure function of the record: what the scores,
 * the problem-area outcomes, the closeness circle, the goals and the between-session tasks say
 * about the course of treatment. Consolidating gains and reviewing how the focus was resolved are
 * tasks of the ending ([V] [S5b][S13] clinical-reference §5, §1.2); the layout of the review is [D].
 */
import { NHS_TT_THRESHOLDS, NHS_TALKING_THERAPIES_RULE_SET, classifyNhsTalkingTherapies } from '../outcomes/nhs-talking-therapies';
import { RESPONSE_REMISSION_RULES, RESPONSE_REMISSION_RULE_SET, assessResponseRemission } from '../outcomes/response-remission';

export type ReliableClass = 'reliable-improvement' | 'reliable-deterioration' | 'no-reliable-change';

/** One scored administration of an instrument in the episode. */
export interface ReviewScore {
  date: string;
  total: number;
  sessionNumber: number | null;
}

export interface ScorePointView {
  date: string;
  total: number;
  sessionNumber: number | null;
}

/** First and latest score of one instrument, classified under the rule sets that apply to it. */
export interface InstrumentReview {
  instrumentId: string;
  scores: number;
  first: ScorePointView;
  latest: ScorePointView;
  change: number;
  /** Rounded to a whole per cent; null when the first score is 0. */
  percentChange: number | null;
  /** Response (≥ 50% fall) and remission, with the rule set named; null where the instrument has no such rule. */
  responseRemission: { ruleSet: string; sources: string; response: boolean | null; remission: boolean | null } | null;
  /** Reliable change by the NHS Talking Therapies thresholds (PHQ-9 6 points, GAD-7 4 points); null for other instruments. */
  reliableChange: { ruleSet: string; threshold: number; classification: ReliableClass } | null;
  /** The outcome in words, for the page and the PDF. */
  summary: string;
}

/** Recovery as NHS Talking Therapies defines it: needs a PHQ-9 and a GAD-7 series (first and last). */
export interface RecoveryReview {
  ruleSet: string;
  /** Null when the record does not hold what the rule needs (the reason says what). */
  caseAtStart: boolean | null;
  recovery: boolean | null;
  reliableRecovery: boolean | null;
  summary: string;
}

export type AreaMeasure = 'progress' | 'adjustment' | 'mourning' | 'contacts' | 'contactQuality';
export const AREA_MEASURES: readonly AreaMeasure[] = ['progress', 'adjustment', 'mourning', 'contacts', 'contactQuality'];

/** One session's outcome of a problem-area workspace, as stored. */
export interface AreaOutcomeInput {
  sessionNumber: number;
  progress: number | null;
  stage: string | null;
  adjustment: number | null;
  mourning: number | null;
  contacts: number | null;
  contactQuality: number | null;
}

export interface WorkspaceInput {
  workspaceId: string;
  area: string;
  otherParty: string | null;
  stage: string | null;
  summary: string | null;
  goals: readonly string[];
  outcomes: readonly AreaOutcomeInput[];
}

export interface AreaReview {
  workspaceId: string;
  area: string;
  otherParty: string | null;
  summary: string | null;
  /** Role dispute: the stage at the first recorded outcome and now. */
  stage: { first: string | null; latest: string | null } | null;
  measures: Array<{ measure: AreaMeasure; first: { sessionNumber: number; value: number }; latest: { sessionNumber: number; value: number }; change: number }>;
}

export interface ClosenessSnapshotInput {
  id: string;
  takenOn: string;
  label: string;
  rings: number;
  placements: ReadonlyArray<{ personId: string; label: string; ring: number }>;
}

export interface ClosenessReview {
  from: { id: string; takenOn: string; label: string; rings: number };
  to: { id: string; takenOn: string; label: string; rings: number };
  people: Array<{ personId: string; label: string; fromRing: number | null; toRing: number | null; change: 'closer' | 'further' | 'same' | 'added' | 'removed' }>;
}

export type GoalStatus = 'met' | 'partly' | 'not-met' | 'not-rated';
export interface GoalInput { text: string; source: 'contract' | 'workspace' }
export interface GoalReview { text: string; source: 'contract' | 'workspace'; status: GoalStatus }

export interface TaskInput { status: string; reviewOutcome: string | null }
export interface TaskReview { set: number; done: number; partly: number; notDone: number; notReviewed: number }

export interface ProgressReviewInput {
  /** Dated totals per instrument id, in any order. */
  scores: Readonly<Record<string, readonly ReviewScore[]>>;
  /** The instrument charted for the episode (the protocol's first scheduled measure). */
  primaryInstrumentId: string;
  attendedSessions: number;
  workspaces: readonly WorkspaceInput[];
  closeness: readonly ClosenessSnapshotInput[];
  goals: readonly GoalInput[];
  /** The clinician's rating of each goal, by its text (from the termination record). */
  goalRatings: ReadonlyArray<{ text: string; status: GoalStatus }>;
  tasks: readonly TaskInput[];
}

export interface ProgressReview {
  primaryInstrumentId: string;
  attendedSessions: number;
  instruments: InstrumentReview[];
  recovery: RecoveryReview | null;
  /** The responder status used by the next-step rules (from the primary instrument). */
  responder: 'responder' | 'non-responder' | 'unknown';
  areas: AreaReview[];
  closeness: ClosenessReview | null;
  goals: GoalReview[];
  tasks: TaskReview;
}

const byDateThenSession = (a: ReviewScore, b: ReviewScore) =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : (a.sessionNumber ?? 0) - (b.sessionNumber ?? 0);

function reviewInstrument(instrumentId: string, series: readonly ReviewScore[]): InstrumentReview {
  const sorted = [...series].sort(byDateThenSession);
  const first = sorted[0]!;
  const latest = sorted[sorted.length - 1]!;
  const change = latest.total - first.total;
  const percentChange = first.total === 0 ? null : Math.round((change / first.total) * 100);
  const rule = (RESPONSE_REMISSION_RULES as Record<string, (typeof RESPONSE_REMISSION_RULES)['phq-9'] | undefined>)[instrumentId];
  // Response ≥ 50% fall and remission < 5 for the PHQ-9 [V] [S43a]; HAM-D17 and QIDS-SR16 remission [P] [S39][S40] (reference §7).
  const rr = rule ? assessResponseRemission(sorted.map((p) => ({ date: p.date, total: p.total })), rule) : null;
  const responseRemission = rr ? { ruleSet: RESPONSE_REMISSION_RULE_SET, sources: rule!.sources, response: sorted.length >= 2 ? rr.response : null, remission: rr.remission } : null;
  // Reliable change: PHQ-9 ≥ 6 points, GAD-7 ≥ 4 points [V] [S45a] (deterioration by the same thresholds [P]).
  const threshold = instrumentId === 'phq-9' ? NHS_TT_THRESHOLDS.phq9ReliableChange : instrumentId === 'gad-7' ? NHS_TT_THRESHOLDS.gad7ReliableChange : null;
  const classification: ReliableClass = -change >= (threshold ?? Infinity) ? 'reliable-improvement' : change >= (threshold ?? Infinity) ? 'reliable-deterioration' : 'no-reliable-change';
  const reliableChange = threshold !== null && sorted.length >= 2 ? { ruleSet: NHS_TALKING_THERAPIES_RULE_SET, threshold, classification } : null;
  const words: string[] = [];
  if (sorted.length < 2) words.push(`Only one score (${first.total}) so far.`);
  else words.push(`From ${first.total} to ${latest.total} (${change > 0 ? '+' : ''}${change}${percentChange !== null ? `, ${percentChange > 0 ? '+' : ''}${percentChange}%` : ''}).`);
  if (responseRemission?.response === true) words.push('Response: at least half lower than at the start.');
  if (responseRemission?.response === false) words.push('No response: less than half lower than at the start.');
  if (responseRemission?.remission === true) words.push('In remission.');
  if (responseRemission?.remission === false && sorted.length >= 2) words.push('Not in remission.');
  if (reliableChange?.classification === 'reliable-improvement') words.push('Reliable improvement.');
  if (reliableChange?.classification === 'reliable-deterioration') words.push('Reliable deterioration.');
  if (reliableChange?.classification === 'no-reliable-change') words.push('No reliable change.');
  return {
    instrumentId, scores: sorted.length, first: { ...first }, latest: { ...latest }, change, percentChange, responseRemission, reliableChange, summary: words.join(' '),
  };
}

/** Recovery under NHS Talking Therapies: a case at the start and not a case at the end ([V] [S45c] §7). */
function reviewRecovery(input: ProgressReviewInput): RecoveryReview | null {
  const phq9 = input.scores['phq-9'] ?? [];
  const gad7 = input.scores['gad-7'] ?? [];
  if (phq9.length === 0 && gad7.length === 0) return null;
  if (phq9.length < 2 || gad7.length < 2) {
    return { ruleSet: NHS_TALKING_THERAPIES_RULE_SET, caseAtStart: null, recovery: null, reliableRecovery: null, summary: 'Recovery is not assessed: it needs at least two PHQ-9 and two GAD-7 scores.' };
  }
  const result = classifyNhsTalkingTherapies({
    phq9: phq9.map((p) => ({ date: p.date, total: p.total })), gad7: gad7.map((p) => ({ date: p.date, total: p.total })), attendedTreatmentAppointments: input.attendedSessions,
  });
  const summary = !result.caseAtStart
    ? 'Not a case at the start (PHQ-9 below 10 and GAD-7 below 8), so recovery does not apply.'
    : result.recovery ? `Recovered: a case at the start and not at the end${result.reliableRecovery ? ', with reliable improvement (reliable recovery)' : ''}.`
      : 'Not recovered: still above a caseness cut-off at the end.';
  return { ruleSet: NHS_TALKING_THERAPIES_RULE_SET, caseAtStart: result.caseAtStart, recovery: result.recovery, reliableRecovery: result.reliableRecovery, summary };
}

function reviewArea(ws: WorkspaceInput): AreaReview {
  const outcomes = [...ws.outcomes].sort((a, b) => a.sessionNumber - b.sessionNumber);
  const measures: AreaReview['measures'] = [];
  for (const measure of AREA_MEASURES) {
    const points = outcomes.filter((o) => o[measure] !== null).map((o) => ({ sessionNumber: o.sessionNumber, value: o[measure] as number }));
    if (points.length === 0) continue;
    const first = points[0]!;
    const latest = points[points.length - 1]!;
    measures.push({ measure, first, latest, change: latest.value - first.value });
  }
  const staged = outcomes.filter((o) => o.stage !== null);
  const stage = ws.area === 'role-dispute' ? { first: staged[0]?.stage ?? null, latest: ws.stage ?? staged[staged.length - 1]?.stage ?? null } : null;
  return { workspaceId: ws.workspaceId, area: ws.area, otherParty: ws.otherParty, summary: ws.summary, stage, measures };
}

/** Position from 0 (closest ring) to 1 (outermost), so circles with different ring counts compare. */
const position = (ring: number, rings: number) => (rings <= 1 ? 0 : (ring - 1) / (rings - 1));

/** The intake circle (else the earliest) beside the latest (closeness circle, [V] clinical-reference §4.2). */
export function compareCloseness(snapshots: readonly ClosenessSnapshotInput[]): ClosenessReview | null {
  if (snapshots.length < 2) return null;
  const ordered = [...snapshots].sort((a, b) => (a.takenOn < b.takenOn ? -1 : a.takenOn > b.takenOn ? 1 : 0));
  const from = ordered.find((s) => s.label === 'intake') ?? ordered[0]!;
  const to = ordered[ordered.length - 1]!;
  if (from.id === to.id) return null;
  const before = new Map(from.placements.map((p) => [p.personId, p]));
  const after = new Map(to.placements.map((p) => [p.personId, p]));
  const ids = [...new Set([...before.keys(), ...after.keys()])];
  const head = (s: ClosenessSnapshotInput) => ({ id: s.id, takenOn: s.takenOn, label: s.label, rings: s.rings });
  return {
    from: head(from), to: head(to),
    people: ids.map((personId) => {
      const a = before.get(personId);
      const b = after.get(personId);
      let change: ClosenessReview['people'][number]['change'];
      if (!a) change = 'added';
      else if (!b) change = 'removed';
      else {
        const delta = position(b.ring, to.rings) - position(a.ring, from.rings);
        change = Math.abs(delta) < 1e-9 ? 'same' : delta < 0 ? 'closer' : 'further';
      }
      return { personId, label: (b ?? a)!.label, fromRing: a?.ring ?? null, toRing: b?.ring ?? null, change };
    }),
  };
}

/** Counts of the between-session tasks set in the episode by how their review went. */
export function reviewTasks(tasks: readonly TaskInput[]): TaskReview {
  const count = (outcome: string) => tasks.filter((t) => t.status === 'reviewed' && t.reviewOutcome === outcome).length;
  return { set: tasks.length, done: count('done'), partly: count('partly'), notDone: count('not'), notReviewed: tasks.filter((t) => t.status !== 'reviewed').length };
}

/**
 * The responder status the next-step rules use: a response or a remission on the primary instrument
 * counts as responding; neither (with at least two scores) as not responding ([V] [S43a] §7).
 */
export function responderStatus(primary: InstrumentReview | undefined): ProgressReview['responder'] {
  if (!primary || primary.scores < 2 || primary.responseRemission === null) return 'unknown';
  const { response, remission } = primary.responseRemission;
  if (response === true || remission === true) return 'responder';
  if (response === false) return 'non-responder';
  return 'unknown';
}

/** Builds the review from the record. Instruments are listed primary first, then by id. */
export function buildProgressReview(input: ProgressReviewInput): ProgressReview {
  const ids = Object.keys(input.scores).filter((id) => (input.scores[id]?.length ?? 0) > 0)
    .sort((a, b) => (a === input.primaryInstrumentId ? -1 : b === input.primaryInstrumentId ? 1 : a.localeCompare(b)));
  const instruments = ids.map((id) => reviewInstrument(id, input.scores[id]!));
  const ratings = new Map(input.goalRatings.map((g) => [g.text, g.status]));
  return {
    primaryInstrumentId: input.primaryInstrumentId,
    attendedSessions: input.attendedSessions,
    instruments,
    recovery: reviewRecovery(input),
    responder: responderStatus(instruments.find((i) => i.instrumentId === input.primaryInstrumentId)),
    areas: input.workspaces.map(reviewArea),
    closeness: compareCloseness(input.closeness),
    goals: input.goals.map((g) => ({ text: g.text, source: g.source, status: ratings.get(g.text) ?? 'not-rated' })),
    tasks: reviewTasks(input.tasks),
  };
}
