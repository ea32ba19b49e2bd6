import { describe, expect, it } from 'vitest';
import { classifyNhsTalkingTherapies } from './nhs-talking-therapies';

const pair = (first: number, last: number) => [
  { date: '2025-01-06', total: first },
  { date: '2025-04-07', total: last },
];
const episode = (phq: [number, number], gad: [number, number], attended = 6) => ({
  phq9: pair(...phq),
  gad7: pair(...gad),
  attendedTreatmentAppointments: attended,
});

describe('NHS Talking Therapies rule set [S45a][S45b][S45c]', () => {
  it('recovered and reliably improved (PHQ 15→8, GAD 10→5)', () => {
    const result = classifyNhsTalkingTherapies(episode([15, 8], [10, 5]));
    expect(result).toMatchObject({
      ruleSet: 'nhs-talking-therapies',
      caseAtStart: true,
      caseAtEnd: false,
      recovery: true,
      reliableImprovement: true,
      reliableDeterioration: false,
      reliableRecovery: true,
      finishedTreatment: true,
      inRecoveryDenominator: true,
    });
    expect(result.phq9.change).toBe(-7);
    expect(result.gad7.change).toBe(-5);
  });

  it('not recovered while GAD-7 is still ≥ 8 (PHQ 12→9, GAD 9→8)', () => {
    expect(classifyNhsTalkingTherapies(episode([12, 9], [9, 8]))).toMatchObject({ caseAtEnd: true, recovery: false, reliableImprovement: false, reliableRecovery: false });
  });

  it('recovery does not apply when not a case at the start (PHQ 8→3, GAD 6→2)', () => {
    expect(classifyNhsTalkingTherapies(episode([8, 3], [6, 2]))).toMatchObject({
      caseAtStart: false,
      recovery: null,
      reliableRecovery: null,
      inRecoveryDenominator: false,
      reliableImprovement: true, // GAD-7 fell by exactly 4
    });
  });

  it.each([
    [[9, 3], [7, 7], false], // PHQ −6 counts… but start 9/7 is not a case
    [[10, 4], [7, 7], true],
    [[9, 4], [8, 8], true],
  ] as const)('caseness edges: PHQ %j GAD %j → case at start %s', (phq, gad, caseAtStart) => {
    expect(classifyNhsTalkingTherapies(episode([...phq], [...gad])).caseAtStart).toBe(caseAtStart);
  });

  it.each([
    [[16, 10], [5, 5], true, false],
    [[16, 11], [5, 5], false, false],
    [[5, 5], [12, 8], true, false],
    [[5, 5], [12, 9], false, false],
    [[4, 10], [5, 5], false, true],
    [[4, 9], [5, 5], false, false],
    [[5, 5], [2, 6], false, true],
  ] as const)('reliable change edges: PHQ %j GAD %j → improvement %s, deterioration %s [P for deterioration]', (phq, gad, improvement, deterioration) => {
    const result = classifyNhsTalkingTherapies(episode([...phq], [...gad]));
    expect(result.reliableImprovement).toBe(improvement);
    expect(result.reliableDeterioration).toBe(deterioration);
  });

  it('opposite reliable changes: both flags by default, neither under the stricter [U] convention', () => {
    const input = episode([10, 16], [12, 7]);
    expect(classifyNhsTalkingTherapies(input)).toMatchObject({ reliableImprovement: true, reliableDeterioration: true, recovery: false });
    expect(classifyNhsTalkingTherapies(input, 'no-opposite-reliable-change')).toMatchObject({
      pairedMeasureRule: 'no-opposite-reliable-change',
      reliableImprovement: false,
      reliableDeterioration: false,
    });
  });

  it('finished treatment needs ≥ 2 attended treatment appointments', () => {
    expect(classifyNhsTalkingTherapies(episode([15, 8], [10, 5], 1))).toMatchObject({ finishedTreatment: false, inRecoveryDenominator: false, recovery: true });
    expect(classifyNhsTalkingTherapies(episode([15, 8], [10, 5], 2)).finishedTreatment).toBe(true);
    expect(() => classifyNhsTalkingTherapies(episode([15, 8], [10, 5], 1.5))).toThrow(expect.objectContaining({ field: 'attendedTreatmentAppointments' }));
  });

  it('needs a first and a last score on both measures', () => {
    expect(() => classifyNhsTalkingTherapies({ phq9: pair(15, 8), gad7: [{ date: '2025-01-06', total: 10 }], attendedTreatmentAppointments: 4 })).toThrow(
      expect.objectContaining({ errors: [{ field: 'measures.gad-7', message: 'needs at least 2 score(s)' }] }),
    );
  });
});
