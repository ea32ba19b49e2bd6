import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { pathTo, routes } from '../../../app/route-paths';
import { Button } from '../../../components/button';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { Loading } from '../../../components/spinner';
import { useEnumLabel } from '../../../lib/enum-label';
import { formatCalendarDate, formatNumber } from '../../../lib/format';
import { useClientEpisodes } from '../api/episodes';
import { EpisodeStatusBadge } from './episode-status-badge';
import { StartEpisodeForm } from './start-episode-form';

/**
 * The "Treatment" section of a client's page: their courses of treatment (episodes), each opening
 * its episode page, and "Start treatment" for those who may change the record.
 */
export function ClientEpisodes({ clientId, mayStart }: { clientId: string; mayStart: boolean }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const episodes = useClientEpisodes(clientId);
  const [starting, setStarting] = useState(false);

  return (
    <section className="stack" aria-labelledby="client-treatment">
      <div className="section-header">
        <h2 id="client-treatment">{t('episodes.client.title')}</h2>
        {mayStart && !starting ? <Button onClick={() => setStarting(true)}>{t('episodes.client.start')}</Button> : null}
      </div>
      {starting && episodes.data ? <StartEpisodeForm clientId={clientId} episodes={episodes.data.items} onCancel={() => setStarting(false)} /> : null}
      {episodes.isPending ? (
        <Loading />
      ) : episodes.isError ? (
        <ErrorState error={episodes.error} onRetry={() => void episodes.refetch()} />
      ) : episodes.data.items.length === 0 ? (
        starting ? null : <EmptyState title={t('episodes.client.emptyTitle')}>{mayStart ? t('episodes.client.empty') : null}</EmptyState>
      ) : (
        <ul className="card-list">
          {episodes.data.items.map((episode) => (
            <li key={episode.id} className="card episode-card">
              <h3 className="episode-card__title">
                <Link to={pathTo(routes.episode, { id: episode.id })}>{label('episodes.protocols', `${episode.protocolId}.name`, episode.protocolName)}</Link>
              </h3>
              <p className="badges">
                <EpisodeStatusBadge status={episode.status} />
              </p>
              <p className="episode-card__meta">
                <span>{t('episodes.client.started', { date: formatCalendarDate(episode.startDate) })}</span>
                <span>{t('episodes.client.held', { held: formatNumber(episode.sessionsHeld), contracted: formatNumber(episode.contractedSessions) })}</span>
                <span>{t('episodes.client.phase', { phase: label('episodes.phases', episode.currentPhase) })}</span>
                {episode.endedAt ? <span>{t('episodes.client.ended', { date: formatCalendarDate(episode.endedAt.slice(0, 10)) })}</span> : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
