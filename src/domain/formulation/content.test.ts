import { describe, expect, it } from 'vitest';
import { SOURCE_KEYS } from '../protocols/clinical-sources';
import type { SourceCitation } from '../protocols/clinical-sources';
import { DISPUTE_STAGES, DisputeStage, FOCUS_RULE, PROBLEM_AREA_ORDER, PROBLEM_AREAS, ProblemArea, strategyChecklist } from './problem-areas';
import type { StrategyItem } from './problem-areas';

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function expectCitation(source: SourceCitation): void {
  expect(['V', 'P', 'D']).toContain(source.status);
  expect(source.keys.length).toBeGreaterThan(0);
  for (const key of source.keys) expect(SOURCE_KEYS).toContain(key);
  expect(source.section).toMatch(/§\d/);
  if (source.status === 'D') expect(source.note?.length ?? 0).toBeGreaterThan(0);
}

const allItems: StrategyItem[] = [
  ...Object.values(PROBLEM_AREAS).flatMap((area) => area.strategies),
  ...Object.values(DISPUTE_STAGES).flatMap((stage) => stage.checklist),
];

describe('problem-area content', () => {
  it('has the four areas, keyed by their own ids, in the reference order', () => {
    expect(PROBLEM_AREA_ORDER).toEqual(Object.values(ProblemArea));
    for (const id of PROBLEM_AREA_ORDER) expect(PROBLEM_AREAS[id].id).toBe(id);
  });

  it('gives every area a label, criteria, goals and a strategy checklist, all sourced', () => {
    for (const area of Object.values(PROBLEM_AREAS)) {
      expect(area.label.length).toBeGreaterThan(0);
      expect(area.chooseWhen.length).toBeGreaterThan(0);
      expect(area.goals.length).toBeGreaterThan(0);
      expect(area.strategies.length).toBeGreaterThan(2);
      for (const line of [...area.chooseWhen, ...area.goals, ...(area.caution === undefined ? [] : [area.caution])]) {
        expect(line.text.trim().length).toBeGreaterThan(10);
        expectCitation(line.source);
      }
    }
  });

  it('has unique kebab ids and a source on every checklist item', () => {
    const ids = allItems.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const item of allItems) {
      expect(item.id).toMatch(KEBAB);
      expect(item.label.trim().length).toBeGreaterThan(5);
      expectCitation(item.source);
    }
  });

  it('keeps deficits as the area of last resort in its own criteria', () => {
    expect(PROBLEM_AREAS['interpersonal-deficits'].chooseWhen[0]?.text).toMatch(/only when no other area fits/i);
  });

  it('defines the three dispute stages with a sourced definition, strategy and checklist', () => {
    expect(Object.keys(DISPUTE_STAGES)).toEqual(Object.values(DisputeStage));
    for (const stage of Object.values(DISPUTE_STAGES)) {
      expectCitation(stage.definition.source);
      expectCitation(stage.strategy.source);
      expect(stage.checklist.length).toBeGreaterThan(0);
    }
    // Definitions beyond S8 are only partly checked (§2.1, §11.2).
    expect(DISPUTE_STAGES.impasse.definition.source.status).toBe('P');
    expect(DISPUTE_STAGES.renegotiation.definition.source.status).toBe('V');
  });

  it('adds the stage checklist to a role dispute only', () => {
    const base = strategyChecklist('role-dispute');
    expect(strategyChecklist('role-dispute', 'impasse')).toEqual([...base, ...DISPUTE_STAGES.impasse.checklist]);
    expect(strategyChecklist('grief', 'impasse')).toEqual(PROBLEM_AREAS.grief.strategies);
  });

  it('states the focus rule: one area preferred, two at most', () => {
    expect(FOCUS_RULE).toMatchObject({ preferredAreas: 1, maxAreas: 2 });
    expectCitation(FOCUS_RULE.source);
    expectCitation(FOCUS_RULE.maxSource);
  });
});
