import type { z } from 'zod';
import type { ChartView } from '../../../contracts/episodes.contract';
import { findInstrument } from '../../../domain/instruments/registry';
import { NHS_TT_THRESHOLDS } from '../../../domain/outcomes/nhs-talking-therapies';
import { assessResponseRemission, RESPONSE_REMISSION_RULES } from '../../../domain/outcomes/response-remission';
import type { Protocol } from '../../../domain/protocols/protocol-definition';

export interface ChartPoint {
  sessionNumber: number | null;
  date: string;
  total: number | null;
  severityCode: string | null;
  phase: string | null;
}

const phaseLabel = (protocol: Protocol, id: string) => protocol.phases.find((p) => p.id === id)?.label ?? id;

/**
 * The symptom chart of an episode: one instrument's totals over sessions, its severity bands, where
 * each phase began, and the outcome so far — response and remission under the published PHQ-9 rule
 * [S43a], reliable change under the NHS Talking Therapies threshold of 6 points [S45a].
 */
export interface ChartEvent { id: string; date: string; title: string; kind: string }

/**
 * Where a dated life event sits on the session axis: half-way between the sessions it fell between
 * (0.5 before the first session, last + 0.5 after the latest), so the chart shows what happened
 * between two scores.
 */
export function eventPosition(eventDate: string, sessions: ReadonlyArray<{ number: number; date: string }>): number {
  const sorted = [...sessions].sort((a, b) => a.number - b.number);
  const before = sorted.filter((s) => s.date <= eventDate);
  return before.length === 0 ? 0.5 : before[before.length - 1]!.number + 0.5;
}

export function buildChart(protocol: Protocol, instrumentId: string, points: ChartPoint[], phaseStarts: Array<{ phase: string; fromSession: number }>, events: ChartEvent[] = [], sessions: ReadonlyArray<{ number: number; date: string }> = []): z.infer<typeof ChartView> | null {
  const definition = findInstrument(instrumentId);
  if (!definition) return null;
  const convention = definition.bandConventions.find((b) => b.id === definition.defaultBandConvention) ?? definition.bandConventions[0];
  const scored = points.filter((p): p is ChartPoint & { total: number } => p.total !== null);
  let outcome: z.infer<typeof ChartView>['outcome'] = null;
  const rule = (RESPONSE_REMISSION_RULES as Record<string, (typeof RESPONSE_REMISSION_RULES)['phq-9'] | undefined>)[instrumentId];
  if (rule && scored.length >= 1) {
    const result = assessResponseRemission(scored.map((p) => ({ date: p.date, total: p.total })), rule);
    const reliable = instrumentId === 'phq-9' && scored.length >= 2
      ? result.change <= -NHS_TT_THRESHOLDS.phq9ReliableChange ? 'reliable-improvement' : result.change >= NHS_TT_THRESHOLDS.phq9ReliableChange ? 'reliable-deterioration' : 'no-reliable-change'
      : null;
    const parts = [
      scored.length < 2 ? 'Only a baseline so far.' : `${result.baseline.total} → ${result.latest.total} (${result.change > 0 ? '+' : ''}${result.change}${result.percentChange !== null ? `, ${Math.round(result.percentChange)}%` : ''}).`,
      result.response === true ? 'Response (≥ 50% lower).' : result.response === false ? 'No response yet.' : '',
      result.remission === true ? 'In remission.' : '',
      reliable === 'reliable-improvement' ? 'Reliable improvement.' : reliable === 'reliable-deterioration' ? 'Reliable deterioration.' : '',
    ].filter(Boolean);
    outcome = {
      ruleSet: reliable ? `${result.ruleSet} + nhs-talking-therapies reliable change` : result.ruleSet,
      baseline: result.baseline.total, latest: result.latest.total, change: scored.length >= 2 ? result.change : null,
      percentChange: scored.length >= 2 ? result.percentChange : null, response: scored.length >= 2 ? result.response : null,
      remission: result.remission, reliableChange: reliable, summary: parts.join(' '),
    };
  }
  return {
    instrumentId, instrumentTitle: definition.shortTitle, maximum: definition.maximum,
    bands: (convention?.bands ?? []).map((b) => ({ code: b.code, label: b.label, min: b.min, max: b.max })),
    points, phaseBoundaries: phaseStarts.map((s) => ({ ...s, label: phaseLabel(protocol, s.phase) })), outcome,
    events: events.map((e) => ({ ...e, atSession: eventPosition(e.date, sessions) })),
  };
}
