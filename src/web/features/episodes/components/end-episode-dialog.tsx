import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { pathTo, routes } from '../../../app/route-paths';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { SelectField } from '../../../components/select-field';
import { TextArea } from '../../../components/text-area';
import { describeError } from '../../../lib/describe-error';
import { endEpisode } from '../api/episodes';
import type { Episode } from '../api/types';
import { useEpisodeChange } from './use-episode-change';

const endReasons = ['completed', 'dropped-out', 'referred', 'moved', 'client-choice', 'continuing-elsewhere', 'other'] as const;
type EndReason = (typeof endReasons)[number];

/** End the episode, confirmed in a dialog: completed or dropped out, the reason, and an optional note. */
export function EndEpisodeDialog({ episode, open, onClose, onStale }: { episode: Episode; open: boolean; onClose: () => void; onStale: () => void }) {
  const { t } = useTranslation();
  const change = useEpisodeChange(episode.id, onStale);
  const [status, setStatus] = useState<'ended' | 'dropped-out'>('ended');
  const [endReason, setEndReason] = useState<EndReason>('completed');
  const [note, setNote] = useState('');
  const mutation = useMutation({
    mutationFn: () => endEpisode(episode.id, episode.version, { status, endReason, ...(note.trim() ? { note: note.trim() } : {}) }),
    onSuccess: (saved) => {
      change.saved(saved);
      onClose();
    },
    onError: (failure) => {
      if (change.failed(failure)) onClose();
    },
  });
  const close = () => {
    mutation.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={open}
      title={t('episodes.end.title')}
      confirmLabel={t('episodes.end.confirm')}
      busy={mutation.isPending}
      error={mutation.isError ? describeError(mutation.error) : null}
      onCancel={close}
      onConfirm={() => mutation.mutate()}
    >
      <p>{t('episodes.end.body')}</p>
      <p>
        {t('episodes.end.needsNote')} <Link to={pathTo(routes.episodeTermination, { id: episode.id })}>{t('episodes.end.terminationLink')}</Link>
      </p>
      <SelectField id="end-episode-status" label={t('episodes.end.status')} value={status} onChange={(event) => setStatus(event.currentTarget.value as 'ended' | 'dropped-out')}>
        <option value="ended">{t('episodes.end.statusEnded')}</option>
        <option value="dropped-out">{t('episodes.end.statusDropped')}</option>
      </SelectField>
      <SelectField id="end-episode-reason" label={t('episodes.end.reason')} value={endReason} onChange={(event) => setEndReason(event.currentTarget.value as EndReason)}>
        {endReasons.map((reason) => (
          <option key={reason} value={reason}>
            {t(`episodes.end.reasons.${reason}`)}
          </option>
        ))}
      </SelectField>
      <TextArea id="end-episode-note" label={t('episodes.end.note')} optional value={note} maxLength={2000} rows={2} onChange={(event) => setNote(event.currentTarget.value)} />
    </ConfirmDialog>
  );
}
