import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../../components/data-table';
import { ErrorState } from '../../../../components/error-state';
import { Loading } from '../../../../components/spinner';
import { formatDateTime } from '../../../../lib/format';
import { useDisclosures, type DisclosureView } from './documents-api';

/** The client's disclosure log: every PDF made, to whom, by whom and when. */
export function DisclosuresList({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const disclosures = useDisclosures(clientId);
  if (disclosures.isPending) return <Loading />;
  if (disclosures.isError) return <ErrorState error={disclosures.error} />;
  const items = disclosures.data.items;
  return (
    <div className="stack">
      <h3 id="disclosure-log">{t('documents.log.title')}</h3>
      {items.length === 0 ? <p>{t('documents.log.empty')}</p> : (
        <DataTable<DisclosureView>
          caption={t('documents.log.caption')}
          captionHidden
          rows={items}
          rowKey={(d) => d.id}
          columns={[
            { key: 'when', header: t('documents.log.when'), cell: (d) => formatDateTime(d.disclosedAt), rowHeader: true },
            { key: 'document', header: t('documents.log.document'), cell: (d) => t(`documents.kinds.${d.documentKind}`) },
            { key: 'to', header: t('documents.log.to'), cell: (d) => (d.recipientName ? `${d.recipientName} (${t(`documents.recipientKinds.${d.recipientKind}`)})` : t('documents.recipientKinds.client')) },
            { key: 'by', header: t('documents.log.by'), cell: (d) => d.disclosedByName ?? '—' },
          ]}
        />
      )}
    </div>
  );
}
