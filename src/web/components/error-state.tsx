import { useTranslation } from 'react-i18next';
import { describeError } from '../lib/describe-error';
import { Alert } from './alert';
import { Button } from './button';

/** A section that could not load: what went wrong, and a retry button. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <Alert tone="error" title={t('components.errorState.title')}>
        <p>{describeError(error)}</p>
      </Alert>
      {onRetry ? (
        <div>
          <Button variant="secondary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
