import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { draftFormulation, formulationMessages } from './formulation-draft';
import type { FormulationDraftInput } from './formulation-draft';

function fieldOf(input: FormulationDraftInput): string | undefined {
  try {
    draftFormulation(input);
  } catch (error) {
    return isDomainError(error) ? error.field : 'not a DomainError';
  }
  return undefined;
}

describe('draftFormulation', () => {
  it('drafts a grief formulation naming the person, with the sick role, goals, sessions left and the agreement question', () => {
    const draft = draftFormulation({ preferredName: 'Ana', focus: [{ area: 'grief', person: 'your father' }], sessionsLeft: 9 });
    expect(draft.paragraphs).toEqual([
      'Ana, what you have been going through has a name: depression. It is a common illness and it can be treated. It is not your fault, and it is not a sign of weakness.',
      formulationMessages.sickRole,
      formulationMessages.introOne,
      `Your low mood began, or got worse, around the time your father died. When grief gets stuck, it can keep depression going. ${formulationMessages.work.grief}`,
      'What we want to achieve:\n- To mourn the loss in your own way.\n- To find people and activities that bring support and meaning again.',
      'We have 9 sessions left to work on this.',
      formulationMessages.agreement,
    ]);
    expect(draft.text).toBe(draft.paragraphs.join('\n\n'));
  });

  it('names the other party and the stage of a role dispute', () => {
    const draft = draftFormulation({ preferredName: 'Tom', focus: [{ area: 'role-dispute', otherParty: 'your wife', stage: 'renegotiation' }], goals: ['Argue less about money'], sessionsLeft: 1 });
    expect(draft.text).toContain('the difficulties between you and your wife');
    expect(draft.text).toContain('making your conversations with your wife go better');
    expect(draft.text).toContain('- Argue less about money');
    expect(draft.text).toContain('We have 1 session left');
  });

  it('supports two areas and says the first one leads', () => {
    const draft = draftFormulation({ preferredName: 'Li', focus: [{ area: 'role-transition', change: 'moving to the city' }, { area: 'interpersonal-deficits' }], sessionsLeft: 0 });
    expect(draft.paragraphs).toContain(formulationMessages.introTwo);
    expect(draft.text).toContain('a big change in your life: moving to the city.');
    expect(draft.text).toContain('you often feel alone');
    expect(draft.text).toContain('We have no more sessions planned.');
    expect(draft.focus.map((area) => area.area)).toEqual(['role-transition', 'interpersonal-deficits']);
  });

  it('is deterministic and can leave out the sick role and use another name for the illness', () => {
    const input: FormulationDraftInput = { preferredName: 'Sam', diagnosisName: 'low mood', focus: [{ area: 'grief' }], sessionsLeft: 8, includeSickRole: false };
    expect(draftFormulation(input)).toEqual(draftFormulation(input));
    expect(draftFormulation(input).paragraphs).not.toContain(formulationMessages.sickRole);
    expect(draftFormulation(input).text).toContain('has a name: low mood.');
    expect(draftFormulation(input).text).toContain('after the death of someone close to you');
  });

  it('validates the input with field names', () => {
    const base: FormulationDraftInput = { preferredName: 'Ana', focus: [{ area: 'grief' }], sessionsLeft: 3 };
    expect(fieldOf({ ...base, preferredName: ' ' })).toBe('preferredName');
    expect(fieldOf({ ...base, sessionsLeft: -1 })).toBe('sessionsLeft');
    expect(fieldOf({ ...base, goals: ['ok', ''] })).toBe('goals.1');
    expect(fieldOf({ ...base, focus: [{ area: 'role-dispute' }] })).toBe('areas.0.otherParty');
  });
});
