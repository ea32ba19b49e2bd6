import type { FormEvent } from 'react';
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Loading } from '../../../components/spinner';
import { TextArea } from '../../../components/text-area';
import { describeError } from '../../../lib/describe-error';
import { formatDateTime } from '../../../lib/format';
import { required } from '../../../lib/validate';
import { episodeKeys } from '../api/episode-keys';
import { addProcessNote, updateProcessNote, useProcessNotes } from '../api/sessions';
import type { ProcessNote } from '../api/types';
import { LockIcon } from './lock-icon';

/** One private note, with "Edit" (If-Match of its version). */
function ProcessNoteItem({ sessionId, note }: { sessionId: string; note: ProcessNote }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(note.text);
  const [error, setError] = useState<string | undefined>();
  const mutation = useMutation({
    mutationFn: () => updateProcessNote(sessionId, note.id, note.version, text.trim()),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: episodeKeys.processNotes(sessionId) });
      setEditing(false);
    },
    onError: (failure) => setError(describeError(failure)),
  });
  if (!editing) {
    return (
      <li className="history-list__item">
        <p className="preserve-lines">{note.text}</p>
        <p className="muted">{note.updatedAt !== note.createdAt ? t('sessions.process.edited', { when: formatDateTime(note.updatedAt) }) : t('sessions.process.written', { when: formatDateTime(note.createdAt) })}</p>
        <Button variant="quiet" className="button--inline" onClick={() => setEditing(true)}>
          {t('sessions.process.edit')}
          <span className="visually-hidden"> {t('sessions.process.editWhich')}</span>
        </Button>
      </li>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = required(text);
    setError(problem ?? undefined);
    if (!problem) mutation.mutate();
  };
  return (
    <li className="history-list__item">
      <form className="stack" onSubmit={submit} noValidate>
        <TextArea id={`process-note-${note.id}`} label={t('sessions.process.editLabel')} value={text} error={error} rows={4} maxLength={20_000} onChange={(event) => setText(event.currentTarget.value)} />
        <div className="actions">
          <Button type="submit" busy={mutation.isPending}>
            {t('sessions.process.saveEdit')}
          </Button>
          <Button variant="secondary" onClick={() => setEditing(false)}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </li>
  );
}

/**
 * Private process notes ("psychotherapy notes"): kept apart from the session note, visible only to
 * the clinician who writes them — never to supervisors, the client, exports or the record. The panel
 * looks different from the note on purpose, and says so in its heading.
 */
export function ProcessNotesPanel({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const notes = useProcessNotes(sessionId, true);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const mutation = useMutation({
    mutationFn: () => addProcessNote(sessionId, text.trim()),
    onSuccess: () => {
      setText('');
      void queryClient.invalidateQueries({ queryKey: episodeKeys.processNotes(sessionId) });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = required(text);
    setError(problem ?? undefined);
    if (!problem) mutation.mutate();
  };
  return (
    <section className="private-panel stack" aria-labelledby="process-notes-title">
      <h2 id="process-notes-title">
        <LockIcon />{' '}
        {t('sessions.process.title')}
      </h2>
      <p className="private-panel__lead">{t('sessions.process.lead')}</p>
      {notes.isPending ? (
        <Loading />
      ) : notes.isError ? (
        <Alert tone="info">{t('sessions.process.unavailable')}</Alert>
      ) : (
        <>
          {notes.data.items.length > 0 ? (
            <ol className="history-list">
              {notes.data.items.map((note) => (
                <ProcessNoteItem key={`${note.id}-${note.version}`} sessionId={sessionId} note={note} />
              ))}
            </ol>
          ) : null}
          <form className="stack" onSubmit={submit} noValidate>
            {mutation.isError ? <Alert tone="error">{describeError(mutation.error)}</Alert> : null}
            <TextArea id="process-note-new" label={t('sessions.process.label')} hint={t('sessions.process.hint')} value={text} error={error} rows={4} maxLength={20_000} onChange={(event) => setText(event.currentTarget.value)} />
            <div className="actions">
              <Button type="submit" variant="secondary" busy={mutation.isPending}>
                {t('sessions.process.save')}
              </Button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
