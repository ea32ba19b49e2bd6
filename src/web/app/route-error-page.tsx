import { Link, useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Alert } from '../components/alert';
import { PageHeader } from '../components/page-header';
import { routes } from './route-paths';

/** Shown when a page fails to render: an apology and a way back; details go to the console only. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  console.error(error);
  return (
    <div className="narrow">
      <PageHeader title={t('routeError.title')} />
      <Alert tone="error">{t('routeError.body')}</Alert>
      <p>
        <Link to={routes.home} reloadDocument>
          {t('notFound.home')}
        </Link>
      </p>
    </div>
  );
}
