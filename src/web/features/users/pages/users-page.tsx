import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { useSession } from '../../../lib/session-context';
import { InvitationsList } from '../components/invitations-list';
import { InviteForm } from '../components/invite-form';
import { SupervisionAssignments } from '../components/supervision-assignments';
import { UserList } from '../components/user-list';

/** Administration of people: invite, pending invitations, accounts, and supervision pairs. */
export function UsersPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  return (
    <>
      <PageHeader title={t('users.title')} lead={t('users.lead')} />
      <div className="sections">
        {can('user.invite') ? (
          <section className="card stack" aria-labelledby="users-invite">
            <h2 id="users-invite">{t('users.invite.title')}</h2>
            <InviteForm />
          </section>
        ) : null}
        <section className="card stack" aria-labelledby="users-invitations">
          <h2 id="users-invitations">{t('users.invitations.title')}</h2>
          <InvitationsList />
        </section>
        <section className="card stack" aria-labelledby="users-people">
          <h2 id="users-people">{t('users.list.title')}</h2>
          <UserList />
        </section>
        {can('supervision.manage') ? (
          <section className="card stack" aria-labelledby="users-supervision">
            <h2 id="users-supervision">{t('users.supervision.title')}</h2>
            <p>{t('users.supervision.lead')}</p>
            <SupervisionAssignments />
          </section>
        ) : null}
      </div>
    </>
  );
}
