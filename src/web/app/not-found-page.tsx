import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/page-header';
import { routes } from './route-paths';

/** Any address the app does not know, and pages the user's role cannot use (they look the same). */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <PageHeader title={t('notFound.title')} lead={t('notFound.lead')} />
      <p>
        <Link to={routes.home}>{t('notFound.home')}</Link>
      </p>
    </div>
  );
}
