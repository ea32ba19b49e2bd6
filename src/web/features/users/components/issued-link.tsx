import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/alert';
import { CopyField } from '../../../components/copy-field';
import { formatDateTime } from '../../../lib/format';

/**
 * A one-time link (invitation or password reset) shown once to the administrator, who passes it on
 * by a channel they trust; there is no mail server. It cannot be shown again: a lost link is revoked
 * and a new one made.
 */
export function IssuedLink({ id, label, link, expiresAt, explanation }: { id: string; label: string; link: string; expiresAt: string; explanation: string }) {
  const { t } = useTranslation();
  return (
    <Alert tone="success" title={t('users.link.title')}>
      <div className="stack">
        <p>{explanation}</p>
        <CopyField id={id} label={label} value={link} hint={t('users.link.hint', { expires: formatDateTime(expiresAt) })} />
      </div>
    </Alert>
  );
}
