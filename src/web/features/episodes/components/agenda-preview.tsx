import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../../components/badge';
import type { Plan } from '../api/types';
import { toolPath } from './initial-phase/initial-phase-frame';

/**
 * What the protocol puts on the next session's agenda: each item with whether it is required, and
 * its guidance (and source) folded away until asked for.
 */
export function AgendaPreview({ items, headingId, episodeId }: { items: Plan['agendaItems']; headingId: string; episodeId?: string }) {
  const { t } = useTranslation();
  return (
    <ol className="agenda-list" aria-labelledby={headingId}>
      {items.map((item) => (
        <li key={item.id} className="agenda-list__item">
          <span className="agenda-list__label">
            {item.label} {episodeId && toolPath(item.opensTool, episodeId) ? <Link to={toolPath(item.opensTool, episodeId) ?? ''}>{t('initialPhase.nav.openTool')}<span className="visually-hidden">: {item.label}</span></Link> : null} {item.required ? <Badge tone="info">{t('episodes.agenda.required')}</Badge> : <Badge>{t('episodes.agenda.optional')}</Badge>}
          </span>
          <details className="guidance">
            <summary>
              {t('episodes.agenda.guidance')}
              <span className="visually-hidden">: {item.label}</span>
            </summary>
            <p>{item.guidance}</p>
            <p className="muted">{t('episodes.agenda.source', { source: item.source })}</p>
          </details>
        </li>
      ))}
    </ol>
  );
}
