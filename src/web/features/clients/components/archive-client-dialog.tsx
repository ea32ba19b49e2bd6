import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ClientView } from '../../../../contracts/clients.contract';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { TextArea } from '../../../components/text-area';
import { describeError } from '../../../lib/describe-error';
import { required } from '../../../lib/validate';
import { archiveClient } from '../api/archive-client';
import { clientKeys } from '../api/client-keys';

/** Archive with a required reason (kept in the record and the audit trail), confirmed in a dialog. */
export function ArchiveClientDialog({ client, open, onClose }: { client: ClientView; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const mutation = useMutation({
    mutationFn: () => archiveClient(client.id, client.version, reason.trim()),
    onSuccess: (saved) => {
      queryClient.setQueryData(clientKeys.detail(client.id), saved);
      void queryClient.invalidateQueries({ queryKey: clientKeys.lists() });
      setReason('');
      onClose();
    },
  });
  const close = () => {
    mutation.reset();
    setReasonError(undefined);
    onClose();
  };
  return (
    <ConfirmDialog
      open={open}
      title={t('clients.archive.title', { name: client.displayName })}
      confirmLabel={t('clients.archive.confirm')}
      busy={mutation.isPending}
      error={mutation.isError ? describeError(mutation.error) : null}
      onCancel={close}
      onConfirm={() => {
        const problem = required(reason);
        setReasonError(problem ?? undefined);
        if (!problem) mutation.mutate();
      }}
    >
      <p>{t('clients.archive.body')}</p>
      <TextArea id="archive-reason" label={t('clients.archive.reason')} value={reason} onChange={(event) => setReason(event.currentTarget.value)} error={reasonError} required maxLength={1000} />
    </ConfirmDialog>
  );
}
