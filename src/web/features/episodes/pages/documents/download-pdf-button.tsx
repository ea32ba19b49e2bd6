import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../../components/alert';
import { Button } from '../../../../components/button';
import { describeError } from '../../../../lib/describe-error';
import { useIdempotencyKey } from '../../../../lib/idempotency-key';
import { documentKeys, downloadDocument, type DocumentRequest } from './documents-api';

/**
 * A button that has the server make a PDF and saves it. Each download is logged as a disclosure,
 * so a retry after a failure reuses its Idempotency-Key and is never logged twice.
 */
export function DownloadPdfButton({ path, clientId, request, label, className }: { path: string; clientId: string; request: DocumentRequest; label?: string; className?: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const idempotency = useIdempotencyKey();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const download = async () => {
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await downloadDocument(path, request, idempotency.key());
      idempotency.renew();
      setDone(true);
      await queryClient.invalidateQueries({ queryKey: documentKeys.disclosures(clientId) });
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={`stack ${className ?? ''}`}>
      <div>
        <Button variant="secondary" busy={busy} onClick={() => void download()}>{label ?? t('documents.download')}</Button>
      </div>
      {error ? <Alert tone="error" title={t('documents.failed')}>{error}</Alert> : null}
      {done ? <Alert tone="success">{t('documents.downloaded')}</Alert> : null}
    </div>
  );
}
