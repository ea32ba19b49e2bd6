import { useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Loading } from '../components/spinner';
import { requestHeadingFocus } from '../lib/heading-focus';
import { useSession } from '../lib/session-context';
import { SiteHeader } from './site-header';
import { SkipLink, mainContentId } from './skip-link';

/**
 * The page frame for every route: skip link, banner, one <main>, footer. After each route change
 * the new page's <h1> takes focus, so the change is announced and keyboard users start at the top.
 *
 * Layout stability (docs/decisions/0004-web-delivery.md): the navigation joins the banner only
 * once the session is known, so <main> is laid out anew at that moment (its key changes) instead of
 * being pushed down under the reader's eyes; and <main> is at least a screen tall, so the footer
 * starts below the fold and is never pushed down as a page's content arrives.
 */
export function AppLayout() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { loading } = useSession();
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
      <main key={loading ? 'waiting-for-session' : 'page'} id={mainContentId} className="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </div>
  );
}

/**
 * What shows while the first page's code is still loading (a page opened directly whose file is
 * loaded on demand): the same banner and spinner as the static first frame in index.html, so the
 * screen does not lose its banner between that frame and the page.
 */
export function FirstLoadFrame() {
  const { t } = useTranslation();
  return (
    <div className="app">
      <header className="site-header">
        <div className="site-header__bar">
          <span className="site-header__brand">
            <span className="site-header__product">{t('app.name')}</span>
          </span>
        </div>
      </header>
      <main className="main">
        <Loading />
      </main>
    </div>
  );
}
