import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../lib/session-context';
import { MainNav } from './main-nav';
import { RiskNotices } from './risk-notices';
import { routes } from './route-paths';
import { UserMenu } from './user-menu';

/** The banner: product and organization name, the user menu, and the ability-filtered navigation. */
export function SiteHeader() {
  const { t } = useTranslation();
  const { session } = useSession();
  return (
    <header className="site-header">
      <div className="site-header__bar">
        <Link to={session ? routes.home : routes.signIn} className="site-header__brand">
          <span className="site-header__product">{t('app.name')}</span>
          {session ? <span className="site-header__org">{session.user.organizationName}</span> : null}
        </Link>
        <RiskNotices />
        <UserMenu />
      </div>
      <MainNav />
    </header>
  );
}
