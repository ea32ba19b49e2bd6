import type { InstrumentDefinition, InstrumentItem } from '../../../../domain/instruments/instrument-definition';

/** Answers as the API takes them: item id → the scored value of the chosen option (or minutes, for diary times). */
export type Answers = Record<string, number>;

/** What the form holds while it is being filled in: an item may be unanswered (null or absent). */
export type DraftAnswers = Partial<Record<string, number | null>>;

/** Who filled the questionnaire in, as the session API records it. */
export type Respondent = 'clinician-entered' | 'client-on-device';

/**
 * Items the printed form's skip logic leaves out given the answers so far (e.g. C-SSRS items 3–5 when
 * item 2 is "no"). The server rejects answers to skipped items, so the form hides them and drops
 * their answers.
 */
export function skippedItemIds(definition: InstrumentDefinition, draft: DraftAnswers): Set<string> {
  const skipped = new Set<string>();
  for (const rule of definition.scoring?.skipLogic ?? []) {
    if (draft[rule.when.itemId] === rule.when.equals) for (const id of rule.skip) skipped.add(id);
  }
  return skipped;
}

/** The items to ask now, in printed order. */
export function itemsToAsk(definition: InstrumentDefinition, draft: DraftAnswers): InstrumentItem[] {
  const skipped = skippedItemIds(definition, draft);
  return definition.items.filter((item) => !skipped.has(item.id));
}

/**
 * Progress for "7 of 9 answered": the scored items asked (the ones a total needs); for instruments
 * with no scored items (a diary), every item asked.
 */
export function progressOf(definition: InstrumentDefinition, draft: DraftAnswers): { answered: number; total: number } {
  const asked = itemsToAsk(definition, draft);
  const counted = asked.some((item) => item.scored) ? asked.filter((item) => item.scored) : asked;
  return { answered: counted.filter((item) => typeof draft[item.id] === 'number').length, total: counted.length };
}

/** The answers to send: items asked and answered, nothing else. */
export function toAnswers(definition: InstrumentDefinition, draft: DraftAnswers): Answers {
  const answers: Answers = {};
  for (const item of itemsToAsk(definition, draft)) {
    const value = draft[item.id];
    if (typeof value === 'number') answers[item.id] = value;
  }
  return answers;
}

/**
 * A diary time typed as H:MM or HH:MM into minutes after the diary day's midnight. Up to 35:59 is
 * accepted, so going to bed at half past midnight is 24:30 on the same diary day. Empty = not done.
 */
export function parseClockTime(text: string): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(trimmed);
  if (!match) return 'invalid';
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59) return 'invalid';
  return hours * 60 + minutes;
}

/** Minutes after midnight as HH:MM (24:30 stays 24:30). */
export function formatClockTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
