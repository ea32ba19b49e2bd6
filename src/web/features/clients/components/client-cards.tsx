import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ClientSummary } from '../../../../contracts/clients.contract';
import { pathTo, routes } from '../../../app/route-paths';
import { formatCalendarDate } from '../../../lib/format';
import { ClientRiskBadge, ClientStatusBadge } from './client-status-badge';

/** The caseload as a list of cards, for narrow screens: each card is one big link target. */
export function ClientCards({ clients, label, showClinician }: { clients: readonly ClientSummary[]; label: string; showClinician: boolean }) {
  const { t } = useTranslation();
  return (
    <ul className="card-list" aria-label={label}>
      {clients.map((client) => (
        <li key={client.id} className="client-card">
          <Link to={pathTo(routes.client, { id: client.id })} className="client-card__link">
            <span className="client-card__name">{client.displayName}</span>
            {client.preferredName ? <span className="client-card__preferred">{t('clients.list.preferred', { name: client.preferredName })}</span> : null}
          </Link>
          <dl className="client-card__meta">
            <div>
              <dt>{t('clients.fields.dateOfBirth')}</dt>
              <dd>{formatCalendarDate(client.dateOfBirth)}</dd>
            </div>
            {client.identifier ? (
              <div>
                <dt>{t('clients.fields.identifier')}</dt>
                <dd>{client.identifier}</dd>
              </div>
            ) : null}
            {showClinician ? (
              <div>
                <dt>{t('clients.fields.clinician')}</dt>
                <dd>{client.clinicianName}</dd>
              </div>
            ) : null}
          </dl>
          <ClientStatusBadge status={client.status} /> <ClientRiskBadge level={client.openRiskLevel} />
        </li>
      ))}
    </ul>
  );
}
