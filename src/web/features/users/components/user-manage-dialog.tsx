import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../../contracts/users.contract';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Dialog } from '../../../components/dialog';
import { SelectField } from '../../../components/select-field';
import { isApiError } from '../../../lib/api';
import { describeError } from '../../../lib/describe-error';
import { issueResetLink } from '../api/issue-reset-link';
import { updateUser } from '../api/update-user';
import { userKeys } from '../api/user-keys';
import { IssuedLink } from './issued-link';
import type { StaffRole } from './role-options';
import { RoleOptions } from './role-options';

/**
 * Everything an administrator does to one account: change the role, disable (after a confirmation
 * step: their sessions end at once) or enable it, and make a password reset link (shown once).
 * Changes carry the version read (If-Match); if someone else changed the account meanwhile, the
 * list is reloaded and the administrator tries again on current data.
 */
export function UserManageDialog({ user, isSelf, onClose }: { user: UserView | null; isSelf: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [role, setRole] = useState<StaffRole | null>(null);
  const [confirmingDisable, setConfirmingDisable] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const saveUser = (saved: UserView) => {
    queryClient.setQueryData<{ items: UserView[] }>(userKeys.users, (current) => current && { items: current.items.map((item) => (item.id === saved.id ? saved : item)) });
    void queryClient.invalidateQueries({ queryKey: userKeys.users });
  };
  const onError = (error: unknown) => {
    if (isApiError(error) && error.status === 412) void queryClient.invalidateQueries({ queryKey: userKeys.users });
  };

  const update = useMutation({
    mutationFn: (body: { role?: StaffRole; status?: 'active' | 'disabled' }) => updateUser(user?.id ?? '', user?.version ?? 0, body),
    onSuccess: (saved, body) => {
      saveUser(saved);
      setConfirmingDisable(false);
      setNotice(body.role ? t('users.manage.roleChanged', { role: t(`roles.${saved.role}`) }) : saved.status === 'disabled' ? t('users.manage.disabled') : t('users.manage.enabled'));
    },
    onError,
  });
  const reset = useMutation({ mutationFn: () => issueResetLink(user?.id ?? '') });

  const close = () => {
    setRole(null);
    setConfirmingDisable(false);
    setNotice(null);
    update.reset();
    reset.reset();
    onClose();
  };

  if (!user) return <Dialog open={false} title="" onClose={close}>{null}</Dialog>;
  const chosenRole = role ?? (user.role === 'client' ? 'clinician' : user.role);
  const updateError = update.isError ? (isApiError(update.error) && update.error.status === 412 ? t('users.manage.stale') : describeError(update.error)) : null;

  return (
    <Dialog
      open
      title={t('users.manage.title', { name: user.name })}
      onClose={close}
      footer={
        <Button variant="secondary" onClick={close}>
          {t('common.close')}
        </Button>
      }
    >
      <div className="stack">
        {notice ? <Alert tone="success">{notice}</Alert> : null}
        {updateError ? <Alert tone="error">{updateError}</Alert> : null}
        {isSelf ? <p className="muted">{t('users.manage.self')}</p> : null}

        <section className="stack" aria-labelledby="manage-role">
          <h3 id="manage-role">{t('users.manage.roleTitle')}</h3>
          <SelectField id="manage-role-select" label={t('users.manage.role')} value={chosenRole} onChange={(event) => setRole(event.currentTarget.value as StaffRole)} disabled={isSelf}>
            <RoleOptions />
          </SelectField>
          <div>
            <Button variant="secondary" disabled={isSelf || chosenRole === user.role} busy={update.isPending && update.variables?.role !== undefined} onClick={() => update.mutate({ role: chosenRole })}>
              {t('users.manage.changeRole')}
            </Button>
          </div>
        </section>

        <section className="stack" aria-labelledby="manage-access">
          <h3 id="manage-access">{t('users.manage.accessTitle')}</h3>
          {user.status === 'active' ? (
            confirmingDisable ? (
              <Alert tone="warning" title={t('users.manage.confirmDisableTitle', { name: user.name })}>
                <p>{t('users.manage.confirmDisable')}</p>
                <div className="actions">
                  <Button variant="danger" busy={update.isPending} onClick={() => update.mutate({ status: 'disabled' })}>
                    {t('users.manage.disable')}
                  </Button>
                  <Button variant="secondary" onClick={() => setConfirmingDisable(false)}>
                    {t('common.cancel')}
                  </Button>
                </div>
              </Alert>
            ) : (
              <div>
                <Button variant="danger" disabled={isSelf} onClick={() => setConfirmingDisable(true)}>
                  {t('users.manage.disable')}
                </Button>
              </div>
            )
          ) : (
            <div>
              <Button variant="secondary" busy={update.isPending} onClick={() => update.mutate({ status: 'active' })}>
                {t('users.manage.enable')}
              </Button>
            </div>
          )}
        </section>

        <section className="stack" aria-labelledby="manage-reset">
          <h3 id="manage-reset">{t('users.manage.resetTitle')}</h3>
          {reset.data ? (
            <IssuedLink id="reset-link" label={t('users.manage.resetLinkLabel')} link={reset.data.link} expiresAt={reset.data.expiresAt} explanation={t('users.manage.resetExplanation', { name: user.name })} />
          ) : (
            <>
              <p>{t('users.manage.resetLead')}</p>
              {reset.isError ? <Alert tone="error">{describeError(reset.error)}</Alert> : null}
              <div>
                <Button variant="secondary" busy={reset.isPending} onClick={() => reset.mutate()}>
                  {t('users.manage.reset')}
                </Button>
              </div>
            </>
          )}
        </section>
      </div>
    </Dialog>
  );
}
