import { useTranslation } from 'react-i18next';
import type { ClientView } from '../../../../contracts/clients.contract';
import { DetailsList } from '../../../components/details-list';
import { formatCalendarDate, formatDateTime } from '../../../lib/format';
import { useClientFieldLabels } from './client-form-fields';
import { ClientStatusBadge } from './client-status-badge';

/** A client record for reading, in the same groups as the form. */
export function ClientDetails({ client }: { client: ClientView }) {
  const { t } = useTranslation();
  const labels = useClientFieldLabels();
  return (
    <div className="details-grid">
      <section className="card" aria-labelledby="client-about">
        <h2 id="client-about">{t('clients.form.about')}</h2>
        <DetailsList
          items={[
            { label: labels.displayName, value: client.displayName },
            { label: labels.preferredName, value: client.preferredName },
            { label: labels.dateOfBirth, value: formatCalendarDate(client.dateOfBirth) },
            { label: labels.pronouns, value: client.pronouns },
            { label: labels.language, value: client.language },
            { label: labels.identifier, value: client.identifier },
          ]}
        />
      </section>
      <section className="card" aria-labelledby="client-contact">
        <h2 id="client-contact">{t('clients.form.contact')}</h2>
        <DetailsList
          items={[
            { label: labels.phone, value: client.phone },
            { label: labels.email, value: client.email },
            { label: labels.address, value: client.address ? <span className="preserve-lines">{client.address}</span> : null },
          ]}
        />
      </section>
      <section className="card" aria-labelledby="client-emergency">
        <h2 id="client-emergency">{t('clients.form.emergency')}</h2>
        <DetailsList
          items={[
            { label: labels.emergencyContactName, value: client.emergencyContactName },
            { label: labels.emergencyContactPhone, value: client.emergencyContactPhone },
            { label: labels.emergencyContactRelationship, value: client.emergencyContactRelationship },
          ]}
        />
      </section>
      <section className="card" aria-labelledby="client-record">
        <h2 id="client-record">{t('clients.detail.record')}</h2>
        <DetailsList
          items={[
            { label: t('clients.fields.clinician'), value: client.clinicianName },
            { label: t('clients.fields.status'), value: <ClientStatusBadge status={client.status} /> },
            ...(client.archivedAt
              ? [
                  { label: t('clients.detail.archivedAt'), value: formatDateTime(client.archivedAt) },
                  { label: t('clients.detail.archiveReason'), value: client.archiveReason },
                ]
              : []),
            { label: t('clients.detail.createdAt'), value: formatDateTime(client.createdAt) },
            { label: t('clients.fields.updatedAt'), value: formatDateTime(client.updatedAt) },
          ]}
        />
      </section>
    </div>
  );
}
