import { Suspense, lazy } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { pathTo, routes } from '../../../../app/route-paths';
import { ErrorState } from '../../../../components/error-state';
import { Loading } from '../../../../components/spinner';
import { useEnumLabel } from '../../../../lib/enum-label';
import { formatCalendarDate, formatNumber } from '../../../../lib/format';
import type { OutcomeSeries } from '../../api/middle-phase-api';
import { useOutcomes } from '../../api/middle-phase-api';

// recharts is large: loaded only when there is something to draw.
const AreaOutcomeChart = lazy(() => import('./area-outcome-chart'));

type Point = OutcomeSeries['workspaces'][number]['points'][number];
type Measure = OutcomeSeries['workspaces'][number]['measures'][number];

/** One measure's value at one session, in words (a stage or "yes / partly / no" by its label). */
function useValueText() {
  const label = useEnumLabel();
  return (measure: Measure, point: Point): string | null => {
    const value = (point as unknown as Record<string, unknown>)[measure.id];
    if (value === null || value === undefined) return null;
    if (measure.id === 'stage') return label('middlePhase.stages', String(value));
    if (measure.id === 'expectationsCloser') return label('middlePhase.closer', String(value));
    return formatNumber(Number(value));
  };
}

/**
 * How the problem area itself is moving, per session, beside the symptom chart: the drawing, a caption
 * that says the values in words, and a table with every measure (categories such as the dispute's
 * stage included). These ratings are the project's own proposal, not a validated scale.
 */
export function AreaOutcomeSection({ episodeId, lastSession }: { episodeId: string; lastSession: number }) {
  const { t } = useTranslation();
  const outcomes = useOutcomes(episodeId);
  const valueText = useValueText();
  if (outcomes.isPending) return null;
  if (outcomes.isError) return <ErrorState error={outcomes.error} onRetry={() => void outcomes.refetch()} />;
  const series = outcomes.data;
  if (series.workspaces.length === 0) return null;
  const recorded = series.workspaces.some((workspace) => workspace.points.length > 0);
  const describe = series.workspaces
    .map((workspace) => {
      if (workspace.points.length === 0) return t('middlePhase.chart.noneFor', { area: workspace.areaLabel });
      const sessions = workspace.points.map((point) => {
        const values = workspace.measures.map((measure) => {
          const value = valueText(measure, point);
          return value === null ? null : `${measure.label} ${value}`;
        }).filter(Boolean);
        return t('middlePhase.chart.pointSession', { number: formatNumber(point.sessionNumber), values: values.join(', ') });
      });
      return `${workspace.areaLabel}: ${sessions.join('; ')}.`;
    })
    .join(' ');

  return (
    <section className="card stack symptom-chart area-outcomes" aria-labelledby="area-outcome-title">
      <h2 id="area-outcome-title">{t('middlePhase.chart.title')}</h2>
      {!recorded ? (
        <p>{t('middlePhase.chart.none')}</p>
      ) : (
        <figure className="symptom-chart__figure" aria-labelledby="area-outcome-caption">
          <Suspense fallback={<Loading label={t('episodes.chart.loading')} />}>
            <AreaOutcomeChart series={series} lastSession={lastSession} />
          </Suspense>
          <figcaption id="area-outcome-caption" className="symptom-chart__caption">
            {describe}
          </figcaption>
        </figure>
      )}
      <p className="muted">
        {t('middlePhase.chart.source', { source: series.source })} <Link to={pathTo(routes.episodeWorkspaces, { id: episodeId })}>{t('middlePhase.workspaces.link')}</Link>
      </p>
      {series.workspaces.map((workspace) =>
        workspace.points.length > 0 ? (
          <details key={workspace.workspaceId} className="symptom-chart__table">
            <summary>{t('middlePhase.chart.tableToggle', { area: workspace.areaLabel })}</summary>
            <div className="table-scroll">
              <table className="table">
                <caption className="visually-hidden">{t('middlePhase.chart.tableCaption', { area: workspace.areaLabel })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('episodes.chart.session')}</th>
                    <th scope="col">{t('episodes.chart.date')}</th>
                    {workspace.measures.map((measure) => (
                      <th key={measure.id} scope="col">
                        {measure.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {workspace.points.map((point) => (
                    <tr key={point.id}>
                      <th scope="row">{formatNumber(point.sessionNumber)}</th>
                      <td className="nowrap">{formatCalendarDate(point.date)}</td>
                      {workspace.measures.map((measure) => (
                        <td key={measure.id}>{valueText(measure, point) ?? '–'}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        ) : null,
      )}
    </section>
  );
}
