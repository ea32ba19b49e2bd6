import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/alert';
import { Badge } from '../../../components/badge';
import { DetailsList } from '../../../components/details-list';
import { PageHeader } from '../../../components/page-header';
import { useSignedInSession } from '../../../lib/session-context';
import { TotpDisableForm } from '../components/totp-disable-form';
import { TotpEnrolment } from '../components/totp-enrolment';

/**
 * The signed-in person's account: who they are and their second factor. When the organization
 * requires MFA and they have none, the app sends them here first and says why.
 */
export function AccountPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const { user } = session;
  return (
    <div className="narrow">
      <PageHeader title={t('account.title')} />
      {session.mfaEnrolmentRequired ? (
        <Alert tone="warning" title={t('account.mfa.requiredTitle')}>
          {t('account.mfa.required', { organization: user.organizationName })}
        </Alert>
      ) : null}
      <section className="card stack" aria-labelledby="account-details">
        <h2 id="account-details">{t('account.details')}</h2>
        <DetailsList
          items={[
            { label: t('account.name'), value: user.name },
            { label: t('auth.email'), value: user.email },
            { label: t('account.role'), value: t(`roles.${user.role}`) },
            { label: t('account.organization'), value: user.organizationName },
          ]}
        />
      </section>
      <section className="card stack" aria-labelledby="account-mfa">
        <h2 id="account-mfa">
          {t('account.mfa.title')} <Badge tone={user.mfaEnabled ? 'success' : 'warning'}>{user.mfaEnabled ? t('account.mfa.on') : t('account.mfa.off')}</Badge>
        </h2>
        {user.mfaEnabled ? (
          <>
            <p>{t('account.mfa.onLead')}</p>
            <TotpDisableForm />
          </>
        ) : (
          <TotpEnrolment />
        )}
      </section>
    </div>
  );
}
