import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../lib/session-context';
import { navItems } from './nav-items';

/** The primary navigation, filtered by the user's abilities; the current page is marked with aria-current. */
export function MainNav() {
  const { t } = useTranslation();
  const { can, session } = useSession();
  if (!session || session.mfaEnrolmentRequired) return null;
  const visible = navItems.filter((item) => can(item.ability));
  if (visible.length === 0) return null;
  return (
    <nav className="main-nav" aria-label={t('nav.label')}>
      <ul className="main-nav__list">
        {visible.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} className="main-nav__link" end={navItems.some((other) => other.to.startsWith(`${item.to}/`))}>
              {t(item.labelKey)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
