import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { pathTo, routes } from '../../../../app/route-paths';
import { Button } from '../../../../components/button';
import { ConfirmDialog } from '../../../../components/confirm-dialog';
import { SelectField } from '../../../../components/select-field';
import { TextArea } from '../../../../components/text-area';
import { describeError } from '../../../../lib/describe-error';
import { raiseConcern, riskKeys } from '../../api/risk';
import { episodeKeys } from '../../api/episode-keys';

type Level = 'low' | 'moderate' | 'high';

/** "Raise a concern": a clinician's own risk flag on the client (level and reason), then its flag page. */
export function RaiseConcern({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [level, setLevel] = useState<Level>('moderate');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const mutation = useMutation({
    mutationFn: () => raiseConcern(clientId, { level, reason: reason.trim() }),
    onSuccess: (flag) => {
      void queryClient.invalidateQueries({ queryKey: riskKeys.all });
      void queryClient.invalidateQueries({ queryKey: episodeKeys.all });
      void queryClient.invalidateQueries({ queryKey: episodeKeys.sessions });
      setOpen(false);
      void navigate(pathTo(routes.riskFlag, { id: flag.id }));
    },
  });
  const confirm = () => {
    if (!reason.trim()) return setReasonError(t('validation.required'));
    setReasonError(undefined);
    mutation.mutate();
  };
  return (
    <section className="stack" aria-labelledby="raise-concern">
      <h2 id="raise-concern" className="visually-hidden">
        {t('risk.concern.title')}
      </h2>
      <div>
        <Button variant="secondary" onClick={() => setOpen(true)}>
          {t('risk.concern.button')}
        </Button>
      </div>
      <ConfirmDialog
        open={open}
        title={t('risk.concern.title')}
        confirmLabel={t('risk.concern.submit')}
        busy={mutation.isPending}
        error={mutation.isError ? describeError(mutation.error) : null}
        onConfirm={confirm}
        onCancel={() => setOpen(false)}
      >
        <p>{t('risk.concern.lead')}</p>
        <SelectField id="concern-level" label={t('risk.concern.level')} value={level} onChange={(event) => setLevel(event.currentTarget.value as Level)}>
          <option value="low">{t('risk.levels.low')}</option>
          <option value="moderate">{t('risk.levels.moderate')}</option>
          <option value="high">{t('risk.levels.high')}</option>
        </SelectField>
        <TextArea id="concern-reason" label={t('risk.concern.reason')} value={reason} error={reasonError} required onChange={(event) => setReason(event.currentTarget.value)} />
      </ConfirmDialog>
    </section>
  );
}
