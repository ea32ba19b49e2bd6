import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { Chart } from '../api/types';
import type { ChartMarker } from './chart-markers';
import { sessionAxisProps } from './session-axis';

/** Band fills from the mildest to the most severe band: pale, so the line and labels keep their contrast. */
const bandFills = ['#e4f2e7', '#eef4da', '#fcf0d2', '#fbe2cf', '#f7d6d6'];

function fillFor(index: number, count: number): string {
  if (count <= 1) return bandFills[0]!;
  return bandFills[Math.round((index / (count - 1)) * (bandFills.length - 1))]!;
}

/**
 * The drawing of the symptom chart (recharts, loaded only when an episode page shows a chart): the
 * totals by session number, the severity bands shaded behind them, and a dashed line where each phase
 * began. It is decorative for assistive technology (aria-hidden): the caption and the table beside
 * it carry the same numbers in words. Life events from the timeline are drawn as dotted markers between
 * the sessions they fell between; the section lists them in words below.
 */
export default function SymptomChart({ chart, lastSession }: { chart: Chart; lastSession: number; markers?: readonly ChartMarker[] }) {
  const { t } = useTranslation();
  const data = chart.points
    .filter((point): point is typeof point & { sessionNumber: number; total: number } => point.sessionNumber !== null && point.total !== null)
    .map((point) => ({ session: point.sessionNumber, total: point.total }));
  const maximum = chart.maximum ?? Math.max(1, ...data.map((point) => point.total));
  const last = Math.max(lastSession, 1, ...data.map((point) => point.session));
  // The y axis is marked where the bands change, so each shaded band can be read off the axis.
  const yTicks = [...new Set([0, ...chart.bands.map((band) => band.min), maximum])].filter((tick) => tick <= maximum).sort((a, b) => a - b);
  return (
    <div className="symptom-chart__canvas" aria-hidden="true">
      <LineChart responsive className="symptom-chart__chart" data={data} margin={{ top: 28, right: 16, bottom: 24, left: 0 }} accessibilityLayer={false}>
        {chart.bands.map((band, index) => {
          const next = chart.bands[index + 1];
          return (
            <ReferenceArea
              key={band.code}
              y1={band.min}
              y2={next ? next.min : maximum}
              fill={fillFor(index, chart.bands.length)}
              fillOpacity={1}
              ifOverflow="hidden"
              label={{ value: band.label, position: 'insideRight', fill: '#3d484e', fontSize: 12 }}
            />
          );
        })}
        <CartesianGrid stroke="#c9d1d4" strokeDasharray="2 4" vertical={false} />
        <XAxis {...sessionAxisProps(last, t('episodes.chart.session'))} />
        <YAxis domain={[0, maximum]} ticks={yTicks} allowDecimals={false} width={40} stroke="#4d5a61" />
        {chart.phaseBoundaries.map((boundary, index) => (
          <ReferenceLine
            key={`${boundary.phase}-${boundary.fromSession}`}
            x={boundary.fromSession - 0.5}
            stroke="#1f5666"
            strokeDasharray="6 4"
            strokeWidth={2}
            ifOverflow="extendDomain"
            label={{ value: boundary.label, position: 'insideTopLeft', fill: '#153f4b', fontSize: 13, fontWeight: 600, offset: 6, dy: index % 2 === 1 ? 16 : 0 }}
          />
        ))}
        {chart.events.map((event, index) => (
          <ReferenceLine
            key={event.id}
            x={event.atSession}
            stroke="#c2571a"
            strokeDasharray="2 3"
            strokeWidth={2}
            ifOverflow="extendDomain"
            label={{ value: `◆ ${event.title}`, position: 'insideBottomLeft', fill: '#8a3a0f', fontSize: 12, dy: -14 * (index % 3) }}
          />
        ))}
        <Tooltip formatter={(value) => [value, chart.instrumentTitle]} labelFormatter={(session) => t('episodes.chart.tooltip', { number: session })} />
        <Line type="linear" dataKey="total" stroke="#153f4b" strokeWidth={3} dot={{ r: 5, fill: '#153f4b' }} activeDot={{ r: 7 }} isAnimationActive={false} />
      </LineChart>
    </div>
  );
}
