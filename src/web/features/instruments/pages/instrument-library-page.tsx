import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { InstrumentSummary } from '../../../../contracts/instruments.contract';
import { pathTo, routes } from '../../../app/route-paths';
import { Badge } from '../../../components/badge';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { Loading } from '../../../components/spinner';
import { formatNumber } from '../../../lib/format';
import { useInstrumentLibrary } from '../api/list-instruments';

/** How the questions of an instrument are worded here, as a badge with words (not colour alone). */
function WordingBadge({ instrument }: { instrument: InstrumentSummary }) {
  const { t } = useTranslation();
  if (instrument.licensedWordingImported) return <Badge tone="success">{t('instruments.library.wordingLicensed')}</Badge>;
  if (instrument.wordingIncluded) return <Badge tone="info">{t('instruments.library.wordingValidated')}</Badge>;
  return <Badge tone="warning">{t('instruments.library.wordingLabels')}</Badge>;
}

/**
 * The questionnaire library: every instrument the organization can use, with what it is, how its
 * questions are worded here and its licence. Each opens the practice form.
 */
export function InstrumentLibraryPage() {
  const { t } = useTranslation();
  const library = useInstrumentLibrary();
  return (
    <>
      <PageHeader title={t('instruments.library.title')} lead={t('instruments.library.lead')} />
      {library.isPending ? (
        <Loading />
      ) : library.isError ? (
        <ErrorState error={library.error} onRetry={() => void library.refetch()} />
      ) : (
        <ul className="card-list instrument-list">
          {library.data.items.map((instrument) => (
            <li key={instrument.id} className="card instrument-card">
              <h2 className="instrument-card__title">
                <Link to={pathTo(routes.instrument, { id: instrument.id })}>{instrument.title}</Link>
              </h2>
              <p className="instrument-card__meta">
                <span>{instrument.shortTitle}</span>
                <span>{t('instruments.library.items', { count: instrument.itemCount, formatted: formatNumber(instrument.itemCount) })}</span>
                {instrument.recallPeriod ? <span>{t('instruments.library.recall', { period: instrument.recallPeriod })}</span> : null}
                {instrument.maximum !== null ? <span>{t('instruments.library.range', { maximum: formatNumber(instrument.maximum) })}</span> : null}
              </p>
              <p>
                <WordingBadge instrument={instrument} />
              </p>
              <p className="muted instrument-card__licence">{instrument.licence}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
