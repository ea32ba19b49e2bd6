import type { FormEvent } from 'react';
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { TextArea } from '../../../components/text-area';
import { describeError } from '../../../lib/describe-error';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { required } from '../../../lib/validate';
import { episodeKeys } from '../api/episode-keys';
import { addAddendum } from '../api/sessions';
import type { Session } from '../api/types';
import { LockIcon } from './lock-icon';

/**
 * A note read-only (signed, or a draft seen by someone who may not edit it). A signed note, read-only: each section as it was signed, who signed it and when. There is no
 * control that edits it (the server would answer 423 Locked); corrections are addenda below it, each
 * signed and timed by its author, and the original stays as it was.
 */
export function SignedNote({ session }: { session: Session }) {
  const { t } = useTranslation();
  const mood = session.note.moodRating;
  return (
    <div className="stack signed-note">
      {session.noteStatus === 'signed' ? (
        <p className="signed-note__seal">
          <LockIcon />{' '}
          {t('sessions.signed.by', { name: session.signedByName ?? '', when: session.signedAt ? formatDateTime(session.signedAt) : '' })}
        </p>
      ) : (
        <p className="muted">{t('sessions.signed.draft')}</p>
      )}
      <dl className="note-read">
        <div className="note-read__section">
          <dt>{t('sessions.note.mood')}</dt>
          <dd>{typeof mood === 'number' ? t('sessions.note.moodValue', { value: formatNumber(mood) }) : <span className="muted">{t('common.notRecorded')}</span>}</dd>
        </div>
        {session.noteSections.map((section) => {
          const text = session.note[section.id];
          return (
            <div key={section.id} className="note-read__section">
              <dt>{section.label}</dt>
              <dd className="preserve-lines">{typeof text === 'string' && text !== '' ? text : <span className="muted">{t('common.notRecorded')}</span>}</dd>
            </div>
          );
        })}
      </dl>
    </div>
  );
}

/** The addenda of a signed note, oldest first, and the form to add one. */
export function Addenda({ session, mayAdd }: { session: Session; mayAdd: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [added, setAdded] = useState(false);
  const mutation = useMutation({
    mutationFn: () => addAddendum(session.id, text.trim()),
    onSuccess: (saved) => {
      queryClient.setQueryData(episodeKeys.session(session.id), saved);
      setText('');
      setAdded(true);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAdded(false);
    const problem = required(text);
    setError(problem ?? undefined);
    if (!problem) mutation.mutate();
  };
  return (
    <div className="stack">
      <h3>{t('sessions.addenda.title')}</h3>
      {session.addenda.length === 0 ? (
        <p className="muted">{t('sessions.addenda.none')}</p>
      ) : (
        <ol className="history-list">
          {session.addenda.map((addendum) => (
            <li key={addendum.id} className="history-list__item">
              <p className="preserve-lines">{addendum.text}</p>
              <p className="muted">{t('sessions.addenda.signed', { name: addendum.signedByName, when: formatDateTime(addendum.signedAt) })}</p>
            </li>
          ))}
        </ol>
      )}
      {mayAdd ? (
        <form className="stack" onSubmit={submit} noValidate aria-labelledby="addendum-title">
          <h4 id="addendum-title">{t('sessions.addenda.addTitle')}</h4>
          {added ? <Alert tone="success">{t('sessions.addenda.added')}</Alert> : null}
          {mutation.isError ? <Alert tone="error">{describeError(mutation.error)}</Alert> : null}
          <TextArea id="addendum-text" label={t('sessions.addenda.text')} hint={t('sessions.addenda.hint')} value={text} error={error} required maxLength={10_000} rows={3} onChange={(event) => setText(event.currentTarget.value)} />
          <div className="actions">
            <Button type="submit" busy={mutation.isPending}>
              {t('sessions.addenda.submit')}
            </Button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
