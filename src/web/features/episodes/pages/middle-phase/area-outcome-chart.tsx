import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { OutcomeSeries } from '../../api/middle-phase-api';
import { sessionAxisProps } from '../../components/session-axis';

/** Line colours and dash patterns: each line differs by both, so colour is never the only cue. */
const strokes = ['#153f4b', '#8a3a0f', '#2f6b2f', '#5b3b8a', '#7a5c00', '#1f5666'];
const dashes = ['', '6 4', '2 3', '10 3 2 3', '1 2', '8 2'];

export interface ChartLine {
  key: string;
  name: string;
  axis: 'rating' | 'count';
}

/** The lines drawn: every rating (0–10) and count measure of every workspace; categories go in words. */
export function chartLines(series: OutcomeSeries): ChartLine[] {
  return series.workspaces.flatMap((workspace) =>
    workspace.measures
      .filter((measure) => measure.scale.kind !== 'category')
      .map((measure) => ({
        key: `${workspace.workspaceId}:${measure.id}`,
        name: series.workspaces.length > 1 ? `${workspace.areaLabel}: ${measure.label}` : measure.label,
        axis: measure.scale.kind === 'count' ? ('count' as const) : ('rating' as const),
      })),
  );
}

/**
 * The drawing of the problem-area outcomes (recharts, loaded only when the episode page shows it):
 * each rating by session number on a 0–10 axis, a count of contacts on its own axis. Decorative for
 * assistive technology: the caption and table beside it carry the same values in words.
 */
export default function AreaOutcomeChart({ series, lastSession }: { series: OutcomeSeries; lastSession: number }) {
  const { t } = useTranslation();
  const lines = chartLines(series);
  const bySession = new Map<number, Record<string, number>>();
  for (const workspace of series.workspaces) {
    for (const point of workspace.points) {
      const row = bySession.get(point.sessionNumber) ?? { session: point.sessionNumber };
      for (const measure of workspace.measures) {
        const value = (point as unknown as Record<string, unknown>)[measure.id];
        if (typeof value === 'number') row[`${workspace.workspaceId}:${measure.id}`] = value;
      }
      bySession.set(point.sessionNumber, row);
    }
  }
  const data = [...bySession.values()].sort((a, b) => (a.session ?? 0) - (b.session ?? 0));
  const last = Math.max(lastSession, 1, ...data.map((row) => row.session ?? 0));
  const hasCount = lines.some((line) => line.axis === 'count');
  return (
    <div className="symptom-chart__canvas" aria-hidden="true">
      <LineChart responsive className="symptom-chart__chart" data={data} margin={{ top: 16, right: hasCount ? 0 : 16, bottom: 24, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid stroke="#c9d1d4" strokeDasharray="2 4" vertical={false} />
        <XAxis {...sessionAxisProps(last, t('episodes.chart.session'))} />
        <YAxis yAxisId="rating" domain={[0, 10]} ticks={[0, 2, 4, 6, 8, 10]} allowDecimals={false} width={32} stroke="#4d5a61" />
        {hasCount ? <YAxis yAxisId="count" orientation="right" allowDecimals={false} width={36} stroke="#4d5a61" /> : null}
        <Tooltip labelFormatter={(session) => t('episodes.chart.tooltip', { number: session })} />
        <Legend verticalAlign="top" height={36} />
        {lines.map((line, index) => (
          <Line
            key={line.key}
            yAxisId={line.axis}
            type="linear"
            dataKey={line.key}
            name={line.name}
            stroke={strokes[index % strokes.length]}
            strokeDasharray={dashes[index % dashes.length]}
            strokeWidth={3}
            dot={{ r: 5, fill: strokes[index % strokes.length] }}
            connectNulls
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </div>
  );
}
