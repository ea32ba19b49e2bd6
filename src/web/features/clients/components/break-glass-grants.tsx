import { useTranslation } from 'react-i18next';
import type { ClientView } from '../../../../contracts/clients.contract';
import { Alert } from '../../../components/alert';
import { formatDateTime } from '../../../lib/format';

/**
 * Tells the clinician who holds the case that someone used emergency access to it (who, when, why)
 * in the last 30 days. Prominent on purpose: break-glass is only acceptable because it is visible.
 */
export function BreakGlassGrants({ grants }: { grants: ClientView['breakGlassGrants'] }) {
  const { t } = useTranslation();
  if (grants.length === 0) return null;
  return (
    <Alert tone="warning" title={t('clients.breakGlass.grantsTitle', { count: grants.length })}>
      <ul className="grant-list">
        {grants.map((grant) => (
          <li key={grant.id}>
            <strong>{grant.userName}</strong>{' '}
            {t('clients.breakGlass.grantWhen', { granted: formatDateTime(grant.grantedAt), expires: formatDateTime(grant.expiresAt) })}
            <br />
            {t('clients.breakGlass.grantReason')} <q>{grant.reason}</q>
          </li>
        ))}
      </ul>
    </Alert>
  );
}
