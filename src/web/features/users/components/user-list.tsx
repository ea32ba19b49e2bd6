import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../../contracts/users.contract';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { ErrorState } from '../../../components/error-state';
import { Loading } from '../../../components/spinner';
import { formatDateTime } from '../../../lib/format';
import { useSignedInSession } from '../../../lib/session-context';
import { useUsers } from '../api/list-users';
import { UserManageDialog } from './user-manage-dialog';

/** The organization's staff accounts as cards (readable on a phone), each with a "Manage" action. */
export function UserList() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const users = useUsers();
  const [managedId, setManagedId] = useState<string | null>(null);
  if (users.isPending) return <Loading />;
  if (users.isError) return <ErrorState error={users.error} onRetry={() => void users.refetch()} />;
  const managed: UserView | null = users.data.items.find((user) => user.id === managedId) ?? null;
  return (
    <>
      <ul className="item-list" aria-label={t('users.list.title')}>
        {users.data.items.map((user) => (
          <li key={user.id} className="item-list__item">
            <div className="item-list__main">
              <span className="item-list__title">
                {user.name}
                {user.id === session.user.id ? <span className="muted"> {t('users.list.you')}</span> : null}
              </span>
              <span className="item-list__sub">{user.email}</span>
              <span className="badges">
                <Badge tone="info">{t(`roles.${user.role}`)}</Badge>
                <Badge tone={user.status === 'active' ? 'success' : 'danger'}>{t(`users.status.${user.status}`)}</Badge>
                <Badge tone={user.mfaEnabled ? 'success' : 'neutral'}>{user.mfaEnabled ? t('users.list.mfaOn') : t('users.list.mfaOff')}</Badge>
              </span>
              <span className="muted">{user.lastLoginAt ? t('users.list.lastLogin', { when: formatDateTime(user.lastLoginAt) }) : t('users.list.neverLoggedIn')}</span>
            </div>
            <Button variant="secondary" onClick={() => setManagedId(user.id)} aria-label={t('users.list.manageFor', { name: user.name })}>
              {t('users.list.manage')}
            </Button>
          </li>
        ))}
      </ul>
      <UserManageDialog user={managed} isSelf={managed?.id === session.user.id} onClose={() => setManagedId(null)} />
    </>
  );
}
