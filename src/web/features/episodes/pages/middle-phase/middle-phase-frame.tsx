import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { pathTo, routes } from '../../../../app/route-paths';
import { PageHeader } from '../../../../components/page-header';
import { useSession } from '../../../../lib/session-context';
import { useEpisode } from '../../api/episodes';
import type { Episode } from '../../api/types';

/**
 * The frame of each middle-phase page: heading with the client and protocol, links back to the
 * episode and to the workspaces. `editable` is false for ended episodes and for those who may only
 * read; the pages then show the records without their forms.
 */
export function MiddlePhaseFrame({ episodeId, title, lead, children }: { episodeId: string; title: string; lead?: ReactNode; children: (editable: boolean, episode: Episode | undefined) => ReactNode }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const episode = useEpisode(episodeId);
  const data = episode.data;
  const editable = data !== undefined && data.status === 'active' && data.mayEdit && can('client.update');
  return (
    <>
      <PageHeader
        title={title}
        lead={
          <>
            {data ? `${data.clientName} · ${data.protocol.shortName} · ` : null}
            <Link to={pathTo(routes.episode, { id: episodeId })}>{t('middlePhase.backToEpisode')}</Link>
            {' · '}
            <Link to={pathTo(routes.episodeWorkspaces, { id: episodeId })}>{t('middlePhase.workspaces.link')}</Link>
            {lead ? (
              <>
                <br />
                {lead}
              </>
            ) : null}
          </>
        }
      />
      {children(editable, data)}
    </>
  );
}
