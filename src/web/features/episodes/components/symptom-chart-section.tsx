import { Suspense, lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../../components/badge';
import { Loading } from '../../../components/spinner';
import { formatCalendarDate, formatNumber } from '../../../lib/format';
import type { Chart } from '../api/types';
import type { ChartMarker } from './chart-markers';

// recharts is large: it is loaded only when a chart is on screen, never with sign-in or the caseload.
const SymptomChart = lazy(() => import('./symptom-chart'));

/** The outcome flags as badges in words: response, remission, reliable change. */
function OutcomeBadges({ outcome }: { outcome: NonNullable<Chart['outcome']> }) {
  const { t } = useTranslation();
  return (
    <p className="badges">
      {outcome.response !== null ? <Badge tone={outcome.response ? 'success' : 'neutral'}>{outcome.response ? t('episodes.chart.response') : t('episodes.chart.noResponse')}</Badge> : null}
      {outcome.remission !== null ? <Badge tone={outcome.remission ? 'success' : 'neutral'}>{outcome.remission ? t('episodes.chart.remission') : t('episodes.chart.noRemission')}</Badge> : null}
      {outcome.reliableChange === 'reliable-improvement' ? <Badge tone="success">{t('episodes.chart.reliableImprovement')}</Badge> : null}
      {outcome.reliableChange === 'reliable-deterioration' ? <Badge tone="danger">{t('episodes.chart.reliableDeterioration')}</Badge> : null}
      {outcome.reliableChange === 'no-reliable-change' ? <Badge tone="neutral">{t('episodes.chart.noReliableChange')}</Badge> : null}
    </p>
  );
}

/**
 * The symptom chart of an episode, accessible three ways: the drawing (for sighted readers), a
 * caption that says the numbers and the trend in words, and a table with the same numbers. Below it,
 * the outcome so far (the server's summary under a named rule set) with badges.
 */
export function SymptomChartSection({ chart, lastSession, phaseLabel, markers = [] }: { chart: Chart; lastSession: number; phaseLabel: (phase: string) => string; markers?: readonly ChartMarker[] }) {
  const { t, i18n } = useTranslation();
  const scored = chart.points.filter((point) => point.total !== null);
  const severity = (code: string | null) => (code ? (chart.bands.find((band) => band.code === code)?.label ?? code) : '');
  const list = new Intl.ListFormat(i18n.language, { type: 'unit', style: 'long' }).format(
    scored.map((point) =>
      point.sessionNumber !== null
        ? t('episodes.chart.pointSession', { number: formatNumber(point.sessionNumber), total: formatNumber(point.total ?? 0), band: severity(point.severityCode) })
        : t('episodes.chart.pointDate', { date: formatCalendarDate(point.date), total: formatNumber(point.total ?? 0), band: severity(point.severityCode) }),
    ),
  );
  const description =
    scored.length === 0
      ? t('episodes.chart.none', { instrument: chart.instrumentTitle })
      : t('episodes.chart.describe', { instrument: chart.instrumentTitle, maximum: formatNumber(chart.maximum ?? 0), count: scored.length, list });

  return (
    <section className="card stack symptom-chart" aria-labelledby="symptom-chart-title">
      <h2 id="symptom-chart-title">{t('episodes.chart.title', { instrument: chart.instrumentTitle })}</h2>
      {scored.length === 0 ? (
        <p>{description}</p>
      ) : (
        <figure className="symptom-chart__figure" aria-labelledby="symptom-chart-caption">
          <Suspense fallback={<Loading label={t('episodes.chart.loading')} />}>
            <SymptomChart chart={chart} lastSession={lastSession} markers={markers} />
          </Suspense>
          <figcaption id="symptom-chart-caption" className="symptom-chart__caption">
            {description}
          </figcaption>
        </figure>
      )}
      {chart.events.length > 0 ? (
        <div className="stack">
          <h3>{t('episodes.chart.eventsTitle')}</h3>
          <ul className="symptom-chart__events">
            {chart.events.map((event) => (
              <li key={event.id}>{t('episodes.chart.event', { date: formatCalendarDate(event.date), title: event.title })}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {chart.outcome ? (
        <div className="symptom-chart__outcome stack">
          <h3>{t('episodes.chart.outcome')}</h3>
          <p>{chart.outcome.summary}</p>
          <OutcomeBadges outcome={chart.outcome} />
          <p className="muted">{t('episodes.chart.ruleSet', { ruleSet: chart.outcome.ruleSet })}</p>
        </div>
      ) : null}
      {scored.length > 0 ? (
        <details className="symptom-chart__table">
          <summary>{t('episodes.chart.tableToggle')}</summary>
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">{t('episodes.chart.tableCaption', { instrument: chart.instrumentTitle })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('episodes.chart.session')}</th>
                  <th scope="col">{t('episodes.chart.date')}</th>
                  <th scope="col" className="numeric">
                    {t('episodes.chart.total')}
                  </th>
                  <th scope="col">{t('episodes.chart.severity')}</th>
                  <th scope="col">{t('episodes.chart.phase')}</th>
                </tr>
              </thead>
              <tbody>
                {chart.points.map((point, index) => (
                  <tr key={`${point.date}-${index}`}>
                    <th scope="row">{point.sessionNumber === null ? '–' : formatNumber(point.sessionNumber)}</th>
                    <td className="nowrap">{formatCalendarDate(point.date)}</td>
                    <td className="numeric">{point.total === null ? t('episodes.chart.incomplete') : formatNumber(point.total)}</td>
                    <td>{severity(point.severityCode)}</td>
                    <td>{point.phase ? phaseLabel(point.phase) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </section>
  );
}
