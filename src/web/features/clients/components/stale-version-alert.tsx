import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';

/**
 * Shown on 412: someone saved this record after it was opened here. Nothing was overwritten; the
 * person reloads the current version (the server told us which) and makes the change again.
 */
export function StaleVersionAlert({ currentVersion, onReload }: { currentVersion?: number; onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert tone="error" title={t('clients.stale.title')}>
      <p>{currentVersion !== undefined ? t('clients.stale.bodyWithVersion', { version: currentVersion }) : t('clients.stale.body')}</p>
      <Button variant="secondary" onClick={onReload}>
        {t('clients.stale.reload')}
      </Button>
    </Alert>
  );
}
