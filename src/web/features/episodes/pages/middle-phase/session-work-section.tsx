import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { pathTo, routes } from '../../../../app/route-paths';
import { ErrorState } from '../../../../components/error-state';
import { LinkButton } from '../../../../components/link-button';
import { Loading } from '../../../../components/spinner';
import { formatNumber } from '../../../../lib/format';
import { useEpisodeTasks, useSessionWorksheets } from '../../api/middle-phase-api';
import type { Session } from '../../api/types';

/**
 * "Middle phase work" on the session page: the worksheets recorded in this session and the tasks set
 * in it (each as its one-line summary, as the note prefill uses them), how many earlier tasks are
 * still open to review, and the way to the session's middle-phase page.
 */
export function SessionWorkSection({ session }: { session: Session }) {
  const { t } = useTranslation();
  const worksheets = useSessionWorksheets(session.id);
  const tasks = useEpisodeTasks(session.episodeId);
  const items = tasks.data?.items ?? [];
  const setHere = items.filter((task) => task.setInSessionId === session.id);
  const toReview = items.filter((task) => task.status === 'open' && task.setInSessionNumber < session.number);
  const reviewedHere = items.filter((task) => task.reviewedInSessionId === session.id);
  return (
    <section className="card stack" aria-labelledby="session-middle-phase">
      <h2 id="session-middle-phase">{t('middlePhase.section.title')}</h2>
      {worksheets.isPending || tasks.isPending ? <Loading /> : null}
      {worksheets.isError ? <ErrorState error={worksheets.error} onRetry={() => void worksheets.refetch()} /> : null}
      {tasks.isError ? <ErrorState error={tasks.error} onRetry={() => void tasks.refetch()} /> : null}
      {toReview.length > 0 ? (
        <p className="mp-callout">
          <strong>{t('middlePhase.section.toReview', { count: toReview.length, formatted: formatNumber(toReview.length) })}</strong>
        </p>
      ) : null}
      {worksheets.data ? (
        <>
          <h3>{t('middlePhase.session.worksheets')}</h3>
          {worksheets.data.items.length === 0 ? (
            <p className="muted">{t('middlePhase.session.noWorksheets')}</p>
          ) : (
            <ul className="mp-list">
              {worksheets.data.items.map((worksheet) => (
                <li key={worksheet.id}>
                  {worksheet.summary.startsWith(worksheet.kindLabel) ? null : `${worksheet.kindLabel}: `}
                  <Link to={pathTo(routes.worksheet, { id: worksheet.id })}>{worksheet.summary}</Link>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
      {tasks.data ? (
        <>
          <h3>{t('middlePhase.tasks.setHere')}</h3>
          {setHere.length === 0 ? <p className="muted">{t('middlePhase.tasks.noneSet')}</p> : <ul className="mp-list">{setHere.map((task) => <li key={task.id}>{task.summary}</li>)}</ul>}
          {reviewedHere.length > 0 ? (
            <>
              <h3>{t('middlePhase.tasks.reviewedHere')}</h3>
              <ul className="mp-list">{reviewedHere.map((task) => <li key={task.id}>{task.summary}</li>)}</ul>
            </>
          ) : null}
        </>
      ) : null}
      <div>
        <LinkButton variant="primary" to={pathTo(routes.sessionWork, { id: session.id })}>
          {t('middlePhase.section.open')}
        </LinkButton>
      </div>
    </section>
  );
}
