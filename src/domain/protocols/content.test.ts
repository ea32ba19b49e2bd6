import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { SOURCE_KEYS, cite, formatCitation } from './clinical-sources';
import type { SourceCitation } from './clinical-sources';
import { resolvePhasePlan } from './phase-plan';
import type { PhaseLengths } from './phase-plan';
import { AgendaTool, PhaseId } from './protocol-definition';
import type { AgendaItem, Protocol } from './protocol-definition';
import { getProtocol, listProtocols, protocolKey } from './registry';

const protocols = listProtocols();
const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const tools = new Set<string>(Object.values(AgendaTool));

function allItems(protocol: Protocol): readonly AgendaItem[] {
  return [...protocol.sessionItems, ...protocol.phases.flatMap((phase) => phase.agendaItems)];
}

function expectCitation(source: SourceCitation | undefined): void {
  expect(source).toBeDefined();
  expect(['V', 'P', 'D']).toContain(source?.status);
  expect(source?.keys.length).toBeGreaterThan(0);
  for (const key of source?.keys ?? []) expect(SOURCE_KEYS).toContain(key);
  expect(source?.section).toMatch(/§\d/);
  // A design choice says what was chosen or adapted.
  if (source?.status === 'D') expect(source.note?.trim().length ?? 0).toBeGreaterThan(0);
}

function counts(protocol: Protocol): number[] {
  const result: number[] = [];
  for (let n = protocol.sessionCount.min; n <= protocol.sessionCount.max; n += 1) result.push(n);
  return result;
}

function expectCovers(plan: ReturnType<typeof resolvePhasePlan>, contracted: number): void {
  const owner = new Map<number, string>();
  for (const range of plan) {
    expect(range.last).toBeGreaterThanOrEqual(range.first);
    for (let session = range.first; session <= range.last; session += 1) {
      expect(owner.has(session), `session ${session} in two phases`).toBe(false);
      owner.set(session, range.phaseId);
    }
  }
  for (let session = 1; session <= contracted; session += 1) expect(owner.has(session), `session ${session} in no phase`).toBe(true);
  expect(owner.size).toBe(contracted);
  // Treatment order is kept: ranges are consecutive.
  plan.forEach((range, index) => expect(range.first).toBe(index === 0 ? 1 : (plan[index - 1]?.last ?? 0) + 1));
}

describe('citations', () => {
  it('render the way the reference writes them', () => {
    expect(formatCitation(cite('V', ['S2', 'S4'], '§1.2'))).toBe('[V] [S2][S4] §1.2');
  });
});

describe('protocol registry', () => {
  it('lists unique protocol keys and finds each by id and version', () => {
    const keys = protocols.map((protocol) => protocolKey(protocol));
    expect(new Set(keys).size).toBe(keys.length);
    for (const protocol of protocols) {
      expect(getProtocol(protocol.id)).toBe(protocol);
      expect(getProtocol(protocol.id, protocol.version)).toBe(protocol);
      expect(protocol.version).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });

  it('ships the protocols the project promised', () => {
    expect(protocols.map((protocol) => protocol.id)).toEqual(
      expect.arrayContaining(['ipt-acute', 'ipc', 'ipc-3-session', 'ipt-a', 'ipt-b', 'ipt-maintenance']),
    );
  });

  it('answers not-found for an unknown id or version', () => {
    const code = (fn: () => unknown): string | undefined => {
      try { fn(); } catch (error) { return isDomainError(error) ? error.code : 'other'; }
      return undefined;
    };
    expect(code(() => getProtocol('cbt'))).toBe('not-found');
    expect(code(() => getProtocol('ipt-acute', '0.0.1'))).toBe('not-found');
  });
});

describe.each(protocols.map((protocol) => [protocol.id, protocol] as const))('protocol %s', (_id, protocol) => {
  it('has unique kebab-case agenda item ids, plain guidance and a source on every item', () => {
    const items = allItems(protocol);
    const ids = items.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const item of items) {
      expect(item.id).toMatch(KEBAB);
      expect(item.label.trim().length).toBeGreaterThan(0);
      expect(item.guidance.trim().length).toBeGreaterThan(20);
      expect(typeof item.required).toBe('boolean');
      if (item.opensTool !== undefined) expect(tools.has(item.opensTool)).toBe(true);
      expectCitation(item.source);
    }
  });

  it('cites its session count, phase rules, rules, codes, measures and overall sources', () => {
    expectCitation(protocol.sessionCount.source);
    for (const phase of protocol.phases) expectCitation(phase.sessions.source);
    if (protocol.rules.formulationBefore !== null) expectCitation(protocol.rules.formulationBefore.source);
    if (protocol.rules.endingNotice !== null) expectCitation(protocol.rules.endingNotice.source);
    expectCitation(protocol.codes.source);
    for (const entry of protocol.measureSchedule) expectCitation(entry.source);
    expect(protocol.sources.some((source) => source.about === 'overall')).toBe(true);
    for (const source of protocol.sources) expectCitation(source);
  });

  it('has a well-formed session count and phase rules', () => {
    const { min, max } = protocol.sessionCount;
    expect(Number.isInteger(min) && min >= 1 && min <= protocol.sessionCount.default && protocol.sessionCount.default <= max).toBe(true);
    const phaseIds = protocol.phases.map((phase) => phase.id);
    expect(new Set(phaseIds).size).toBe(phaseIds.length);
    for (const id of phaseIds) expect(Object.values(PhaseId)).toContain(id);
    expect(protocol.phases.filter((phase) => phase.sessions.kind === 'rest')).toHaveLength(1);
    // Leading phases come before the rest phase, trailing ones after it.
    const kinds = protocol.phases.map((phase) => phase.sessions.kind).join(',');
    expect(kinds).toMatch(/^(first,)*rest(,last)*$/);
    for (const phase of protocol.phases) {
      const rule = phase.sessions;
      if (rule.kind === 'rest') {
        expect(rule.min).toBeGreaterThanOrEqual(1);
      } else {
        expect(rule.length.min).toBeGreaterThanOrEqual(1);
        expect(rule.length.min <= rule.length.default && rule.length.default <= rule.length.max).toBe(true);
      }
    }
  });

  it('covers sessions 1..count with no gaps or overlaps for every allowed count', () => {
    for (const contracted of counts(protocol)) expectCovers(resolvePhasePlan(protocol, contracted), contracted);
  });

  it('either covers exactly or refuses, for any agreed phase lengths and count', () => {
    const adjustable = protocol.phases.filter((phase) => phase.sessions.kind !== 'rest');
    fc.assert(
      fc.property(
        fc.integer({ min: protocol.sessionCount.min, max: protocol.sessionCount.max }),
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: adjustable.length, maxLength: adjustable.length }),
        (contracted, chosen) => {
          const lengths: PhaseLengths = Object.fromEntries(adjustable.map((phase, index) => [phase.id, chosen[index] ?? 1]));
          let plan;
          try {
            plan = resolvePhasePlan(protocol, contracted, lengths);
          } catch (error) {
            expect(isDomainError(error) && error.code === 'validation').toBe(true);
            return;
          }
          expectCovers(plan, contracted);
          for (const phase of adjustable) {
            const range = plan.find((candidate) => candidate.phaseId === phase.id);
            expect((range?.last ?? 0) - (range?.first ?? 0) + 1).toBe(lengths[phase.id]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps the termination phase at least as long as its rule says, for every allowed count', () => {
    const termination = protocol.phases.find((phase) => phase.id === 'termination');
    if (termination === undefined || termination.sessions.kind !== 'last') return;
    for (const contracted of counts(protocol)) {
      const range = resolvePhasePlan(protocol, contracted).find((candidate) => candidate.phaseId === 'termination');
      expect((range?.last ?? 0) - (range?.first ?? 0) + 1).toBeGreaterThanOrEqual(termination.sessions.length.min);
    }
  });

  it('gives the PHQ-9 every session by default', () => {
    expect(protocol.measureSchedule).toEqual([expect.objectContaining({ instrumentId: 'phq-9', every: 'session' })]);
  });

  it('codes IPT with SNOMED 443730003 only where the therapy is IPT, and explains every choice', () => {
    expect(protocol.codes.note.length).toBeGreaterThan(10);
    // 304822001 is a different therapy (psychodynamic-interpersonal) and must never be used (§10).
    expect(protocol.codes.snomed).not.toBe('304822001');
    if (protocol.id.startsWith('ipc') || protocol.delivery === 'group') expect(protocol.codes.snomed).toBeUndefined();
    else expect(protocol.codes.snomed).toBe('443730003');
  });

  it('points participant points at agenda items that exist', () => {
    const ids = new Set(allItems(protocol).map((item) => item.id));
    for (const point of protocol.participants ?? []) {
      expectCitation(point.source);
      for (const id of point.agendaItemIds) expect(ids.has(id), id).toBe(true);
    }
  });

  it('names a formulation gate phase that exists and is not the first phase', () => {
    const gate = protocol.rules.formulationBefore;
    if (gate === null) return;
    expect(protocol.phases.findIndex((phase) => phase.id === gate.phase)).toBeGreaterThan(0);
  });
});

describe('protocol-specific facts', () => {
  it('IPT acute: 12–16 weekly sessions, initial at most 3, termination the last 2–4', () => {
    const ipt = getProtocol('ipt-acute');
    expect(ipt.sessionCount).toMatchObject({ min: 12, max: 16 });
    expect(ipt.cadence).toBe('weekly');
    const [initial, , termination] = ipt.phases;
    expect(initial?.sessions).toMatchObject({ kind: 'first', length: { max: 3 } });
    expect(termination?.sessions).toMatchObject({ kind: 'last', length: { min: 2, max: 4 } });
    expect(resolvePhasePlan(ipt, 16)).toEqual([
      { phaseId: 'initial', first: 1, last: 3 },
      { phaseId: 'middle', first: 4, last: 14 },
      { phaseId: 'termination', first: 15, last: 16 },
    ]);
  });

  it('IPT-A: 12 sessions with parent points at the start, optional middle and the end', () => {
    const iptA = getProtocol('ipt-a');
    expect(iptA.sessionCount).toMatchObject({ min: 12, max: 12 });
    const find = (id: string): AgendaItem | undefined => allItems(iptA).find((item) => item.id === id);
    expect(find('parent-first-session')).toMatchObject({ required: true, appliesTo: { session: 'first-of-phase' } });
    expect(find('parent-joint-session')).toMatchObject({ required: false, appliesTo: { conditions: ['focus-involves-parent'] } });
    expect(find('parent-end-session')).toMatchObject({ required: true, appliesTo: { session: 'last-of-phase' } });
  });

  it('IPC: 3–6 sessions and the 3-session outline marked as partly checked', () => {
    expect(getProtocol('ipc').sessionCount).toMatchObject({ min: 3, max: 6 });
    const outline = getProtocol('ipc-3-session');
    expect(outline.evidence).toBe('P');
    expect(resolvePhasePlan(outline, 3).map((range) => [range.first, range.last])).toEqual([[1, 1], [2, 2], [3, 3]]);
  });

  it('IPT-B: 8 sessions; maintenance: monthly 24–36 sessions', () => {
    expect(getProtocol('ipt-b').sessionCount).toMatchObject({ min: 8, max: 8 });
    const maintenance = getProtocol('ipt-maintenance');
    expect(maintenance.cadence).toBe('monthly');
    expect(maintenance.sessionCount).toMatchObject({ min: 24, max: 36 });
  });

  it('WHO group IPT: a group protocol with an individual pre-group phase and 8 group sessions', () => {
    const group = getProtocol('who-group-ipt');
    expect(group.delivery).toBe('group');
    expect(group.evidence).toBe('P');
    expect(group.phases[0]).toMatchObject({ id: 'pre-group', setting: 'individual' });
    const plan = resolvePhasePlan(group, 9);
    const groupSessions = plan.filter((range) => range.phaseId !== 'pre-group').reduce((sum, range) => sum + range.last - range.first + 1, 0);
    expect(groupSessions).toBe(8);
  });
});
