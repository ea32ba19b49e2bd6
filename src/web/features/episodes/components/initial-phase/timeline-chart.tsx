import { CartesianGrid, ComposedChart, Line, ReferenceLine, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { Timeline } from '../../api/initial-phase/initial-phase-api';

const day = 86_400_000;
const toTime = (date: string) => Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
const formatTick = (time: number) => new Date(time).toISOString().slice(0, 10);

/**
 * The timeline drawn on a date axis (recharts, loaded with this page only): life events as marks
 * along the top, mood ratings (0–10, left axis) and questionnaire totals (right axis) as lines, the
 * onset and the start of treatment as dashed lines. Decorative for assistive technology: the event
 * list and the caption carry the same facts in words.
 */
export default function TimelineChart({ timeline }: { timeline: Timeline }) {
  const { t } = useTranslation();
  const events = timeline.events.map((event) => ({ time: toTime(event.date), marker: event.mood ?? 10.5, title: event.title }));
  const moods = timeline.moodPoints.map((point) => ({ time: toTime(point.date), mood: point.mood }));
  const instruments = [...new Set(timeline.scores.map((score) => score.instrumentId))];
  const scores = instruments.map((instrument) => ({
    instrument,
    points: timeline.scores.filter((score) => score.instrumentId === instrument && score.total !== null).map((score) => ({ time: toTime(score.date), total: score.total })),
  }));
  const times = [...events.map((e) => e.time), ...moods.map((m) => m.time), ...scores.flatMap((s) => s.points.map((p) => p.time)), toTime(timeline.episodeStart)];
  if (timeline.onset.onsetDate) times.push(toTime(timeline.onset.onsetDate));
  const min = Math.min(...times) - 7 * day;
  const max = Math.max(...times) + 7 * day;
  const colours = ['#1f5f7a', '#7a3e9d', '#2d6a2d'];
  // Six evenly spaced dates across the range, so the axis reads the same however the events fall.
  const ticks = Array.from({ length: 6 }, (_, index) => Math.round(min + ((max - min) * index) / 5));
  return (
    <div className="timeline-chart__canvas" aria-hidden="true">
      <ComposedChart responsive className="timeline-chart__chart" margin={{ top: 24, right: 40, bottom: 24, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid stroke="#c9d1d4" strokeDasharray="2 4" />
        <XAxis dataKey="time" type="number" domain={[min, max]} scale="time" ticks={ticks} tickFormatter={formatTick} stroke="#4d5a61" allowDuplicatedCategory={false} />
        <YAxis yAxisId="mood" domain={[0, 11]} ticks={[0, 2, 4, 6, 8, 10]} width={32} stroke="#4d5a61" />
        <YAxis yAxisId="score" orientation="right" width={scores.length > 0 ? 32 : 0} hide={scores.length === 0} stroke="#4d5a61" />
        <Tooltip labelFormatter={(value) => formatTick(Number(value))} />
        <ReferenceLine yAxisId="mood" x={toTime(timeline.episodeStart)} stroke="#4d5a61" strokeDasharray="4 4" label={{ value: t('initialPhase.timeline.chartStart'), position: 'top', fill: '#1b2226', fontSize: 11 }} />
        {timeline.onset.onsetDate ? (
          <ReferenceLine yAxisId="mood" x={toTime(timeline.onset.onsetDate)} stroke="#a4262c" strokeWidth={2} label={{ value: t('initialPhase.timeline.chartOnset'), position: 'top', fill: '#a4262c', fontSize: 11 }} />
        ) : null}
        <Scatter yAxisId="mood" data={events} dataKey="marker" name={t('initialPhase.timeline.chartEvents')} fill="#c2571a" shape="diamond" isAnimationActive={false} />
        <Line yAxisId="mood" data={moods} dataKey="mood" name={t('initialPhase.timeline.chartMood')} stroke="#2d6a2d" strokeWidth={2} dot isAnimationActive={false} />
        {scores.map((series, index) => (
          <Line key={series.instrument} yAxisId="score" data={series.points} dataKey="total" name={series.instrument.toUpperCase()} stroke={colours[index % colours.length]} strokeWidth={2} dot isAnimationActive={false} />
        ))}
      </ComposedChart>
    </div>
  );
}
