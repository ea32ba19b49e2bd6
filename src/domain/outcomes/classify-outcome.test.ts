import { describe, expect, it } from 'vitest';
import { classifyOutcome } from './classify-outcome';
import { RESPONSE_REMISSION_RULES } from './response-remission';

const measures = {
  'phq-9': [
    { date: '2025-01-06', total: 16 },
    { date: '2025-04-07', total: 4 },
  ],
  'gad-7': [
    { date: '2025-01-06', total: 11 },
    { date: '2025-04-07', total: 6 },
  ],
};

describe('classifyOutcome', () => {
  it('dispatches to the chosen rule set and labels the result with it', () => {
    const remission = classifyOutcome({ measures }, { kind: 'response-remission', rule: RESPONSE_REMISSION_RULES['phq-9'] });
    expect(remission).toMatchObject({ ruleSet: 'response-remission', response: true, remission: true });

    const jt = classifyOutcome({ measures }, { kind: 'jacobson-truax', parameters: { instrumentId: 'gad-7', sd: 4, reliability: 0.8, source: 'fixture' } });
    // S_diff = 4 × √2 × √0.2 = 2.5298; RC = −5 / 2.5298 = −1.976
    expect(jt).toMatchObject({ ruleSet: 'jacobson-truax', classification: 'reliable-improvement' });

    const nhs = classifyOutcome({ measures, attendedTreatmentAppointments: 7 }, { kind: 'nhs-talking-therapies' });
    expect(nhs).toMatchObject({ ruleSet: 'nhs-talking-therapies', recovery: true, reliableRecovery: true, pairedMeasureRule: 'either-measure' });
  });

  it('names the missing series or attendance', () => {
    expect(() => classifyOutcome({ measures: {} }, { kind: 'response-remission', rule: RESPONSE_REMISSION_RULES['ham-d17'] })).toThrow(
      expect.objectContaining({ field: 'measures.ham-d17' }),
    );
    expect(() => classifyOutcome({ measures }, { kind: 'nhs-talking-therapies' })).toThrow(expect.objectContaining({ field: 'attendedTreatmentAppointments' }));
  });
});
