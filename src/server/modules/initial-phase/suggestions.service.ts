import type { z } from 'zod';
import { InventoryPersonDetails, TimelineEventDetails, type SuggestionsView } from '../../../contracts/initial-phase.contract';
import { PROBLEM_AREAS } from '../../../domain/formulation/problem-areas';
import { suggestProblemAreas, type InventoryPerson, type SuggestionInput, type TimelineEvent } from '../../../domain/formulation/suggest-problem-areas';
import type { Executor } from '../../db/database';
import { audit } from '../../lib/audit';
import type { RequestContext } from '../../lib/context';
import { inTransaction } from '../../lib/transaction';
import type { EpisodeTable } from '../episodes/episodes.table';
import { placementsOf, snapshotsOf } from './closeness.service';
import { activePeopleOf, parseStored, readableEpisode } from './initial-phase.repository';
import { onsetOf } from './onset.service';
import { activeEventsOf } from './timeline.service';

type View = z.infer<typeof SuggestionsView>;

/** Our timeline kinds in the rules' vocabulary: a move, a health change or a work change is a life change (§2). */
const RULE_KIND: Record<string, TimelineEvent['kind']> = {
  death: 'death', 'relationship-change': 'relationship-change', 'life-change': 'life-change', move: 'life-change', health: 'life-change', work: 'life-change',
  conflict: 'conflict', other: 'other',
};

const NOTE = 'Suggestions only: they weigh the inventory, the timeline and the latest closeness circle. You and the client decide the focus.';

const yesNo = (value: 'yes' | 'no' | 'unsure' | null): boolean | undefined => (value === 'yes' ? true : value === 'no' ? false : undefined);

/**
 * The domain's input from the stored records: current inventory people (closeness from the latest
 * snapshot, death dates, expectations, open conflict, change since onset), current timeline events
 * and the onset date. Answers the input with labels for the evidence.
 */
export async function suggestionInputOf(db: Executor, episode: EpisodeTable) {
  const [people, events, snapshots, onset] = await Promise.all([activePeopleOf(db, episode), activeEventsOf(db, episode), snapshotsOf(db, episode), onsetOf(db, episode)]);
  const latest = snapshots[snapshots.length - 1];
  const ring = new Map((latest ? placementsOf(latest) : []).map((p) => [p.personId, p.ring]));
  const inventory: InventoryPerson[] = people.map((p) => {
    const d = parseStored(InventoryPersonDetails, p.details_json, 'inventory-person');
    const openConflict = d.conflicts !== null ? d.conflictResolved !== 'yes' : undefined;
    return {
      id: p.id, label: p.label, relationshipType: d.relationshipDetail ?? p.relationship_type.replace('-', ' '),
      ...(ring.has(p.id) ? { closeness: ring.get(p.id)! } : {}),
      ...(d.expectationsMet ? { expectationsMet: d.expectationsMet } : {}),
      ...(yesNo(d.expectationsDiffer) !== undefined ? { mutualExpectationsUnmet: yesNo(d.expectationsDiffer)! } : {}),
      ...(openConflict !== undefined ? { conflict: openConflict } : {}),
      ...(p.died_on ? { died: { date: p.died_on } } : {}),
      ...(d.changeSinceOnset ? { changeSinceOnset: d.changeSinceOnset } : {}),
    };
  });
  const personIds = new Set(people.map((p) => p.id));
  const timeline: TimelineEvent[] = events.map((e) => {
    const d = parseStored(TimelineEventDetails, e.details_json, 'timeline-event');
    return {
      id: e.id, date: e.event_date, kind: RULE_KIND[e.kind] ?? 'other', label: e.title, personIds: d.personIds.filter((id) => personIds.has(id)),
      ...(d.problemArea ? { problemArea: d.problemArea } : {}),
    };
  });
  const input: SuggestionInput = { ...(onset.onsetDate ? { onsetDate: onset.onsetDate } : {}), inventory, timeline };
  const labels = new Map<string, { kind: 'person' | 'event'; label: string }>([
    ...people.map((p) => [p.id, { kind: 'person' as const, label: p.label }] as const),
    ...events.map((e) => [e.id, { kind: 'event' as const, label: e.title }] as const),
  ]);
  return { input, labels, snapshotId: latest?.id ?? null };
}

/** Which problem areas the record points to, strongest first, with reasons naming people and events. */
export async function readSuggestions(ctx: RequestContext, episodeId: string): Promise<View> {
  return inTransaction(ctx, async (tx) => {
    const { episode } = await readableEpisode(tx, ctx, episodeId);
    const { input, labels, snapshotId } = await suggestionInputOf(tx, episode);
    const suggestions = suggestProblemAreas(input);
    await audit(tx, ctx, { action: 'read', entityType: 'problem-area-suggestions', entityId: episodeId, clientId: episode.client_id });
    return {
      suggestions: suggestions.map((s) => ({
        area: s.area, label: PROBLEM_AREAS[s.area].label, strength: s.strength, reasons: [...s.reasons],
        evidence: s.evidenceIds.flatMap((id) => {
          const found = labels.get(id);
          return found ? [{ id, ...found }] : [];
        }),
      })),
      onsetDate: input.onsetDate ?? null, closenessSnapshotId: snapshotId, peopleConsidered: input.inventory.length, eventsConsidered: input.timeline.length, note: NOTE,
    };
  });
}
