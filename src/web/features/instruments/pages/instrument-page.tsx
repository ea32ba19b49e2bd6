import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { routes } from '../../../app/route-paths';
import { Alert } from '../../../components/alert';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { Loading } from '../../../components/spinner';
import { isApiError } from '../../../lib/api';
import { useInstrumentDefinition } from '../api/get-instrument';
import { scoreAnswers } from '../api/score-answers';
import type { Answers } from '../components/answers';
import { QuestionnaireRunner } from '../components/questionnaire-runner';

async function scoreOnly(instrumentId: string, answers: Answers) {
  return { score: await scoreAnswers(instrumentId, answers), riskFlags: [] };
}

/**
 * A questionnaire on its own, for practice and training: the server scores the answers and stores
 * nothing, which the page says plainly. To record a measure for a client, it is given in a session.
 */
export function InstrumentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const definition = useInstrumentDefinition(id);

  if (definition.isPending) return <Loading />;
  if (definition.isError) {
    const missing = isApiError(definition.error) && definition.error.status === 404;
    return (
      <>
        <PageHeader title={missing ? t('instruments.page.notFound') : t('instruments.library.title')} />
        {missing ? null : <ErrorState error={definition.error} onRetry={() => void definition.refetch()} />}
        <p>
          <Link to={routes.instruments}>{t('instruments.page.back')}</Link>
        </p>
      </>
    );
  }

  return (
    <div className="narrow">
      <PageHeader title={definition.data.title} lead={<Link to={routes.instruments}>{t('instruments.page.back')}</Link>} />
      <Alert tone="info" title={t('instruments.page.practiceTitle')}>
        {t('instruments.page.practice')}
      </Alert>
      <QuestionnaireRunner instrumentId={id} context="practice" headingLevel={null} submit={(answers) => scoreOnly(id, answers)} />
    </div>
  );
}
