import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { fieldErrorsOf, isCalendarDate, parseFields } from './fields';
import { EXAMPLES } from './worksheet-examples';
import { WORKSHEET_DEFINITIONS, WORKSHEET_KINDS, WorksheetContent } from './worksheet-kinds';

/** The fields a failed parse names, as the API reports them under the request's `payload`. */
function fieldsOf(value: unknown): string[] {
  const result = WorksheetContent.safeParse(value);
  if (result.success) return [];
  return fieldErrorsOf(result.error, '').map((e) => e.field);
}

describe('worksheet payload schemas', () => {
  it('has one schema and a label per kind', () => {
    expect(WORKSHEET_KINDS).toEqual(['communication-analysis', 'decision-analysis', 'role-play', 'interval-review']);
    for (const kind of WORKSHEET_KINDS) expect(WORKSHEET_DEFINITIONS[kind].label.length).toBeGreaterThan(0);
  });

  it.each(WORKSHEET_KINDS)('accepts a full %s and fills empty lists', (kind) => {
    const parsed = WorksheetContent.parse({ kind, payload: EXAMPLES[kind] });
    expect(parsed.kind).toBe(kind);
  });

  it('fills lists left out with empty ones', () => {
    const parsed = WorksheetContent.parse({ kind: 'decision-analysis', payload: { problem: 'p', options: [{ option: 'a' }] } });
    expect(parsed.payload).toMatchObject({ options: [{ option: 'a', pros: [], cons: [] }], obstacles: [] });
  });

  it('names the field that is wrong, by its path', () => {
    const bad = { ...EXAMPLES['decision-analysis'], options: [{ option: '   ', pros: [], cons: [] }], chosenOptionIndex: 0 };
    expect(fieldsOf({ kind: 'decision-analysis', payload: bad })).toEqual(['payload.options.0.option']);
    expect(fieldsOf({ kind: 'decision-analysis', payload: { ...EXAMPLES['decision-analysis'], chosenOptionIndex: 2 } })).toEqual(['payload.chosenOptionIndex']);
    expect(fieldsOf({ kind: 'communication-analysis', payload: { ...EXAMPLES['communication-analysis'], date: '2026-02-30' } })).toEqual(['payload.date']);
    expect(fieldsOf({ kind: 'communication-analysis', payload: { ...EXAMPLES['communication-analysis'], steps: [{ who: 'them', said: 'x' }] } })).toEqual(['payload.steps.0.who']);
    expect(fieldsOf({ kind: 'role-play', payload: { ...EXAMPLES['role-play'], confidenceAfter: 11 } })).toEqual(['payload.confidenceAfter']);
    expect(fieldsOf({ kind: 'interval-review', payload: { ...EXAMPLES['interval-review'], surprise: 1 } })).toEqual(['payload.surprise']);
    expect(fieldsOf({ kind: 'homework', payload: {} })).toEqual(['kind']);
  });

  it('asks for a note when "other" is where it went wrong, and refuses repeats', () => {
    const other = { ...EXAMPLES['communication-analysis'], wentWrong: ['other'] };
    expect(fieldsOf({ kind: 'communication-analysis', payload: other })).toEqual(['payload.wentWrongNote']);
    expect(fieldsOf({ kind: 'communication-analysis', payload: { ...other, wentWrongNote: 'changed the subject' } })).toEqual([]);
    expect(fieldsOf({ kind: 'communication-analysis', payload: { ...other, wentWrong: ['silence', 'silence'] } })).toEqual(['payload.wentWrong']);
  });

  it('needs at least one step, one option and one role', () => {
    expect(fieldsOf({ kind: 'communication-analysis', payload: { ...EXAMPLES['communication-analysis'], steps: [] } })).toEqual(['payload.steps']);
    expect(fieldsOf({ kind: 'decision-analysis', payload: { ...EXAMPLES['decision-analysis'], options: [], chosenOptionIndex: null } })).toEqual(['payload.options']);
    expect(fieldsOf({ kind: 'role-play', payload: { ...EXAMPLES['role-play'], roles: [] } })).toEqual(['payload.roles']);
  });

  it('parseFields throws a validation error listing each field under its prefix', () => {
    try {
      parseFields(WORKSHEET_DEFINITIONS['role-play'].payload, { goal: '', roles: ['self'], extra: true }, 'payload');
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error)).toBe(true);
      const fields = (error as { errors: Array<{ field: string }> }).errors.map((e) => e.field).sort();
      expect(fields).toEqual(['payload.extra', 'payload.goal', 'payload.targetPerson']);
    }
  });

  it('knows real calendar dates without a clock', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-2-1')).toBe(false);
  });
});
