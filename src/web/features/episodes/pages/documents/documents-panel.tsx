import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../../../components/select-field';
import { TextField } from '../../../../components/text-field';
import { ConsentsSection } from './consents-section';
import { DisclosuresList } from './disclosures-list';
import { DownloadPdfButton } from './download-pdf-button';
import { documentKinds, episodeDocumentPath, useConsents, type DocumentKind } from './documents-api';

/**
 * The episode's documents: choose a document and whom it is for (the client, or someone the client
 * consented to), download the PDF; the client's consents; and the disclosure log of the client.
 */
export function DocumentsPanel({ episodeId, clientId, editable }: { episodeId: string; clientId: string; editable: boolean }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<DocumentKind>('treatment-summary');
  const [recipient, setRecipient] = useState('client');
  const [purpose, setPurpose] = useState('');
  const consents = useConsents(clientId);
  const usable = (consents.data?.items ?? []).filter((c) => c.status === 'active' && c.documents.includes(kind));
  const chosen = usable.find((c) => c.id === recipient);
  const request = chosen
    ? { kind, recipientKind: chosen.recipientKind, consentId: chosen.id, ...(purpose.trim() ? { purpose: purpose.trim() } : {}) }
    : { kind, recipientKind: 'client' as const, ...(purpose.trim() ? { purpose: purpose.trim() } : {}) };
  return (
    <section className="card stack" aria-labelledby="episode-documents">
      <h2 id="episode-documents">{t('documents.title')}</h2>
      <p>{t('documents.lead')}</p>
      {editable ? (
        <div className="stack">
          <SelectField id="document-kind" label={t('documents.kind')} value={kind} onChange={(e) => { setKind(e.target.value as DocumentKind); setRecipient('client'); }}>
            {documentKinds.map((k) => <option key={k} value={k}>{t(`documents.kinds.${k}`)}</option>)}
          </SelectField>
          <SelectField id="document-recipient" label={t('documents.recipient')} hint={t('documents.recipientHint')} value={chosen ? chosen.id : 'client'} onChange={(e) => setRecipient(e.target.value)}>
            <option value="client">{t('documents.forClient')}</option>
            {usable.map((c) => <option key={c.id} value={c.id}>{t('documents.forConsent', { name: c.recipientName, kind: t(`documents.recipientKinds.${c.recipientKind}`) })}</option>)}
          </SelectField>
          <TextField id="document-purpose" label={t('documents.purpose')} optional maxLength={300} value={purpose} onChange={(e) => setPurpose(e.target.value)} />
          <DownloadPdfButton path={episodeDocumentPath(episodeId)} clientId={clientId} request={request} />
        </div>
      ) : null}
      <ConsentsSection clientId={clientId} editable={editable} />
      <DisclosuresList clientId={clientId} />
    </section>
  );
}
