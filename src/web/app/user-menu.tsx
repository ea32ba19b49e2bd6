import { useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { signOut } from '../features/auth/api/sign-out';
import { useSession } from '../lib/session-context';
import { routes } from './route-paths';

/**
 * The signed-in person's menu: who they are, their account page and sign out. A disclosure button
 * (aria-expanded) rather than an ARIA menu, so that it behaves like the links and buttons it holds.
 */
export function UserMenu() {
  const { t } = useTranslation();
  const { session, signedOut } = useSession();
  // The menu is open on the page where it was opened; navigating anywhere closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const [signingOut, setSigningOut] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const { pathname } = useLocation();
  const open = openOn === pathname;
  const setOpen = (value: boolean) => setOpenOn(value ? pathname : null);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpenOn(null);
        rootRef.current?.querySelector('button')?.focus();
      }
    };
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpenOn(null);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  if (!session) return null;

  const doSignOut = async () => {
    setSigningOut(true);
    try {
      await signOut();
    } catch {
      // The session is dropped in the browser either way; the server expires it at the idle timeout.
    } finally {
      signedOut('signed-out');
    }
  };

  return (
    <div className="user-menu" ref={rootRef}>
      <button type="button" className="user-menu__toggle" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        <span className="user-menu__name">{session.user.name}</span>
        <span className="user-menu__caret" aria-hidden="true">
          ▾
        </span>
      </button>
      <div id={panelId} className="user-menu__panel" hidden={!open}>
        <p className="user-menu__who">
          <span className="user-menu__email">{session.user.email}</span>
          <span className="user-menu__role">{t(`roles.${session.user.role}`)}</span>
        </p>
        <ul className="user-menu__list">
          <li>
            <Link to={routes.account} className="user-menu__item">
              {t('nav.account')}
            </Link>
          </li>
          <li>
            <button type="button" className="user-menu__item" onClick={() => void doSignOut()} aria-disabled={signingOut || undefined}>
              {t('nav.signOut')}
            </button>
          </li>
        </ul>
      </div>
    </div>
  );
}
