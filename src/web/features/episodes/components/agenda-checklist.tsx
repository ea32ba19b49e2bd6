import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/alert';
import { Badge } from '../../../components/badge';
import { isApiError } from '../../../lib/api';
import { describeError } from '../../../lib/describe-error';
import { formatNumber } from '../../../lib/format';
import { updateSession } from '../api/sessions';
import type { Session } from '../api/types';
import { toolPath } from './initial-phase/initial-phase-frame';
import type { SessionUpdater } from './use-session-updater';

/**
 * The session's agenda as a checklist. Ticking an item saves it at once (PATCH with If-Match through
 * the session updater); the box shows the new state while it saves and returns to the saved state if
 * saving fails. Guidance opens on demand. Once the note is signed the list is read-only.
 */
export function AgendaChecklist({ session, update }: { session: Session; update: SessionUpdater }) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<Partial<Record<string, boolean>>>({});
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const signed = session.noteStatus === 'signed';
  const done = (item: Session['agenda'][number]) => pending[item.id] ?? item.done;
  const required = session.agenda.filter((item) => item.required);
  const requiredDone = required.filter(done).length;

  const toggle = (item: Session['agenda'][number], checked: boolean) => {
    setError(null);
    setStatus(t('sessions.agenda.saving'));
    setPending((current) => ({ ...current, [item.id]: checked }));
    const forget = () =>
      setPending((current) => {
        const next = { ...current };
        delete next[item.id];
        return next;
      });
    update((version) => updateSession(session.id, version, { agenda: { [item.id]: checked } }))
      .then(() => {
        forget();
        setStatus(checked ? t('sessions.agenda.savedDone', { item: item.label }) : t('sessions.agenda.savedUndone', { item: item.label }));
      })
      .catch((failure: unknown) => {
        forget();
        setStatus('');
        if (!(isApiError(failure) && failure.status === 412)) setError(describeError(failure));
      });
  };

  if (signed) {
    return (
      <div className="stack">
        <p>{t('sessions.agenda.progressSigned', { done: formatNumber(requiredDone), total: formatNumber(required.length) })}</p>
        <ul className="checklist">
          {session.agenda.map((item) => (
            <li key={item.id} className={`checklist__item checklist__item--read${item.done ? ' checklist__item--done' : ''}`}>
              <span className="checklist__mark" aria-hidden="true">
                {item.done ? '✓' : '–'}
              </span>
              <span className="checklist__label">{item.label}</span>
              <Badge tone={item.done ? 'success' : 'neutral'}>{item.done ? t('sessions.agenda.covered') : t('sessions.agenda.notCovered')}</Badge>
            </li>
          ))}
        </ul>
      </div>
    );
  }

  return (
    <div className="stack">
      <p>{t('sessions.agenda.progress', { done: formatNumber(requiredDone), total: formatNumber(required.length) })}</p>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <ul className="checklist">
        {session.agenda.map((item) => {
          const id = `agenda-${item.id}`;
          return (
            <li key={item.id} className={`checklist__item${done(item) ? ' checklist__item--done' : ''}`}>
              <div className="checkbox">
                <input id={id} type="checkbox" className="checkbox__input" checked={done(item)} onChange={(event) => toggle(item, event.currentTarget.checked)} aria-describedby={`${id}-kind`} />
                <label className="checkbox__label" htmlFor={id}>
                  {item.label}
                </label>
                <span id={`${id}-kind`} className="checklist__kind">
                  {item.required ? <Badge tone="info">{t('episodes.agenda.required')}</Badge> : <Badge>{t('episodes.agenda.optional')}</Badge>}
                </span>
              </div>
              {toolPath(item.opensTool, session.episodeId) ? (
                <Link to={toolPath(item.opensTool, session.episodeId) ?? ''}>
                  {t('initialPhase.nav.openTool')}
                  <span className="visually-hidden">: {item.label}</span>
                </Link>
              ) : null}
              <details className="guidance">
                <summary>
                  {t('episodes.agenda.guidance')}
                  <span className="visually-hidden">: {item.label}</span>
                </summary>
                <p>{item.guidance}</p>
              </details>
            </li>
          );
        })}
      </ul>
      <p className="visually-hidden" role="status">
        {status}
      </p>
    </div>
  );
}
