import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ClientView } from '../../../../contracts/clients.contract';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { TextArea } from '../../../components/text-area';
import { describeError } from '../../../lib/describe-error';
import type { EntityPicker } from '../../../lib/entity-picker';
import { required } from '../../../lib/validate';
import { clientKeys } from '../api/client-keys';
import { transferClient } from '../api/transfer-client';

/** A supervisor hands the case to another clinician they supervise, with a reason. */
export function TransferClientDialog({ client, open, onClose, ClinicianPicker }: { client: ClientView; open: boolean; onClose: () => void; ClinicianPicker: EntityPicker }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [clinicianId, setClinicianId] = useState('');
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<{ clinicianId?: string; reason?: string }>({});
  const mutation = useMutation({
    mutationFn: () => transferClient(client.id, client.version, { clinicianId, reason: reason.trim() }),
    onSuccess: (saved) => {
      queryClient.setQueryData(clientKeys.detail(client.id), saved);
      void queryClient.invalidateQueries({ queryKey: clientKeys.lists() });
      setReason('');
      setClinicianId('');
      onClose();
    },
  });
  const close = () => {
    mutation.reset();
    setProblems({});
    onClose();
  };
  return (
    <ConfirmDialog
      open={open}
      tone="primary"
      title={t('clients.transfer.title', { name: client.displayName })}
      confirmLabel={t('clients.transfer.confirm')}
      busy={mutation.isPending}
      error={mutation.isError ? describeError(mutation.error) : null}
      onCancel={close}
      onConfirm={() => {
        const next = { clinicianId: required(clinicianId) ?? undefined, reason: required(reason) ?? undefined };
        setProblems(next);
        if (!next.clinicianId && !next.reason) mutation.mutate();
      }}
    >
      <p>{t('clients.transfer.body', { clinician: client.clinicianName })}</p>
      <ClinicianPicker id="transfer-clinician" label={t('clients.transfer.to')} value={clinicianId} onChange={setClinicianId} emptyLabel={t('clients.transfer.choose')} excludeId={client.clinicianId} error={problems.clinicianId} required />
      <TextArea id="transfer-reason" label={t('clients.transfer.reason')} value={reason} onChange={(event) => setReason(event.currentTarget.value)} error={problems.reason} required maxLength={1000} />
    </ConfirmDialog>
  );
}
