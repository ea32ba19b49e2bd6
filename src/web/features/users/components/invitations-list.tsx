import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/button';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { Loading } from '../../../components/spinner';
import { describeError } from '../../../lib/describe-error';
import { formatDateTime } from '../../../lib/format';
import type { InvitationItem } from '../api/list-invitations';
import { useInvitations } from '../api/list-invitations';
import { revokeInvitation } from '../api/revoke-invitation';
import { userKeys } from '../api/user-keys';

/** Invitations not yet accepted, each with a revoke action (the link then stops working). */
export function InvitationsList() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const invitations = useInvitations();
  const [revoking, setRevoking] = useState<InvitationItem | null>(null);
  const mutation = useMutation({
    mutationFn: (id: string) => revokeInvitation(id),
    onSuccess: () => {
      setRevoking(null);
      void queryClient.invalidateQueries({ queryKey: userKeys.invitations });
    },
  });

  if (invitations.isPending) return <Loading />;
  if (invitations.isError) return <ErrorState error={invitations.error} onRetry={() => void invitations.refetch()} />;
  const pending = invitations.data.items.filter((invitation) => invitation.status === 'pending');
  if (pending.length === 0) return <EmptyState title={t('users.invitations.empty')} />;

  return (
    <>
      <ul className="item-list" aria-label={t('users.invitations.title')}>
        {pending.map((invitation) => (
          <li key={invitation.id} className="item-list__item">
            <div className="item-list__main">
              <span className="item-list__title">{invitation.name ? `${invitation.name} · ${invitation.email}` : invitation.email}</span>
              <span className="muted">
                {t('users.invitations.summary', { role: t(`roles.${invitation.role}`), expires: formatDateTime(invitation.expiresAt) })}
              </span>
            </div>
            <Button variant="secondary" onClick={() => setRevoking(invitation)} aria-label={t('users.invitations.revokeFor', { email: invitation.email })}>
              {t('users.invitations.revoke')}
            </Button>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={revoking !== null}
        title={t('users.invitations.confirmTitle')}
        confirmLabel={t('users.invitations.revoke')}
        busy={mutation.isPending}
        error={mutation.isError ? describeError(mutation.error) : null}
        onCancel={() => {
          mutation.reset();
          setRevoking(null);
        }}
        onConfirm={() => revoking && mutation.mutate(revoking.id)}
      >
        <p>{t('users.invitations.confirmBody', { email: revoking?.email ?? '' })}</p>
      </ConfirmDialog>
    </>
  );
}
