import { useTranslation } from 'react-i18next';
import { formatNumber } from '../lib/format';
import { Button } from './button';

/**
 * Previous / next for cursor-paginated lists. The API's cursor is opaque (there is no "page 7"), so
 * only neighbours are offered; the page number is shown for orientation.
 */
export function Pagination({
  label,
  pageNumber,
  hasPrevious,
  hasNext,
  onPrevious,
  onNext,
}: {
  label: string;
  pageNumber: number;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
}) {
  const { t } = useTranslation();
  if (!hasPrevious && !hasNext) return null;
  return (
    <nav className="pagination" aria-label={label}>
      <Button variant="secondary" onClick={onPrevious} disabled={!hasPrevious}>
        {t('components.pagination.previous')}
      </Button>
      <span className="pagination__page" aria-live="polite">
        {t('components.pagination.page', { page: formatNumber(pageNumber) })}
      </span>
      <Button variant="secondary" onClick={onNext} disabled={!hasNext}>
        {t('components.pagination.next')}
      </Button>
    </nav>
  );
}
