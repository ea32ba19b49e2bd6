import { useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { requestHeadingFocus } from '../lib/heading-focus';
import { SiteHeader } from './site-header';
import { SkipLink, mainContentId } from './skip-link';

/**
 * The page frame for every route: skip link, banner, one <main>, footer. After each route change
 * the new page's <h1> takes focus, so the change is announced and keyboard users start at the top.
 */
export function AppLayout() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // No <ScrollRestoration>: it keeps visited addresses (client ids) in sessionStorage, and this
    // app keeps nothing in browser storage. A new page simply starts at the top.
    window.scrollTo(0, 0);
    requestHeadingFocus();
  }, [pathname]);

  return (
    <div className="app">
      <SkipLink />
      <SiteHeader />
      <main id={mainContentId} className="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </div>
  );
}
