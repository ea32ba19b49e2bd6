import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { TextArea } from '../../../components/text-area';
import { isApiError } from '../../../lib/api';
import { describeError } from '../../../lib/describe-error';
import { fieldErrorsOf } from '../../../lib/field-errors';
import { formatNumber, formatTime } from '../../../lib/format';
import { signSession, updateSession } from '../api/sessions';
import type { Session } from '../api/types';
import type { SessionUpdater } from './use-session-updater';

type NoteValue = string | number | null;
const moodValues = Array.from({ length: 11 }, (_, index) => index);

/**
 * The structured note while it is a draft: one text area per section of this phase (label and hint
 * from the server) and the 0–10 mood rating. Sections the server filled from this session's record
 * (questionnaire scores, risk flags) say so; they stay live until edited, so a questionnaire given
 * later still appears. Only edited sections are sent. "Sign" saves what is unsaved, then signs after a
 * confirmation, which locks the note; if the session is still "scheduled" the page points to attendance.
 */
export function NoteEditor({ session, update, onAttendanceMissing, onSigned }: { session: Session; update: SessionUpdater; onAttendanceMissing: (message: string) => void; onSigned: () => void }) {
  const { t } = useTranslation();
  const [edits, setEdits] = useState<Partial<Record<string, NoteValue>>>({});
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [signing, setSigning] = useState(false);
  const [signError, setSignError] = useState<string | null>(null);
  const dirty = Object.keys(edits).length > 0;
  const value = (key: string): NoteValue => (key in edits ? (edits[key] ?? null) : (session.note[key] ?? null));
  const edit = (key: string, next: NoteValue) => {
    setSavedAt(null);
    setEdits((current) => ({ ...current, [key]: next }));
  };

  /** Sends the edited sections; afterwards forgets the edits that are now saved (not ones typed meanwhile). */
  const save = async (): Promise<boolean> => {
    if (!dirty) return true;
    const sent = edits;
    setErrors({});
    setMessage(null);
    try {
      await update((version) => updateSession(session.id, version, { note: sent }));
      setEdits((current) => {
        const next = { ...current };
        for (const key of Object.keys(sent)) if (next[key] === sent[key]) delete next[key];
        return next;
      });
      setSavedAt(new Date().toISOString());
      return true;
    } catch (error) {
      if (isApiError(error) && error.status === 412) setMessage(t('sessions.note.staleKept'));
      else {
        const fields = fieldErrorsOf(error);
        setErrors(fields);
        setMessage(Object.keys(fields).length > 0 ? t('errors.checkFields') : describeError(error));
      }
      return false;
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    await save();
    setSaving(false);
  };

  const sign = async () => {
    if (signing) return;
    setSigning(true);
    setSignError(null);
    try {
      if (!(await save())) {
        setConfirming(false);
        return;
      }
      await update((version) => signSession(session.id, version));
      setConfirming(false);
      onSigned();
    } catch (error) {
      const attendance = isApiError(error) && error.status === 400 ? fieldErrorsOf(error).attendance : undefined;
      if (attendance) {
        setConfirming(false);
        onAttendanceMissing(attendance);
      } else if (isApiError(error) && error.status === 412) {
        setConfirming(false);
      } else {
        setSignError(describeError(error));
      }
    } finally {
      setSigning(false);
    }
  };

  const mood = value('moodRating');
  return (
    <div className="stack">
      {message ? <Alert tone="error">{message}</Alert> : null}
      <form className="stack note-form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('sessions.note.title')}>
        <fieldset className="mood" aria-describedby="note-mood-hint">
          <legend className="mood__legend">{t('sessions.note.mood')}</legend>
          <p className="field__hint" id="note-mood-hint">
            {t('sessions.note.moodHint')}
          </p>
          {errors.moodRating ? <p className="field__error">{errors.moodRating}</p> : null}
          <div className="mood__scale">
            {moodValues.map((rating) => (
              <label key={rating} className="mood__option">
                <input type="radio" name="note-mood" value={rating} checked={mood === rating} onChange={() => edit('moodRating', rating)} />
                <span>{formatNumber(rating)}</span>
              </label>
            ))}
          </div>
          <p className="mood__value" aria-live="polite">
            {typeof mood === 'number' ? t('sessions.note.moodValue', { value: formatNumber(mood) }) : t('sessions.note.moodNone')}
          </p>
        </fieldset>
        {session.noteSections.map((section) => {
          const prefilled = session.prefilledSections.includes(section.id) && !(section.id in edits);
          return (
            <div key={section.id} className={prefilled ? 'note-section note-section--prefilled' : 'note-section'}>
              <TextArea
                id={`note-${section.id}`}
                label={section.label}
                hint={
                  <>
                    {section.hint}
                    {prefilled ? <span className="note-section__prefilled"> {t('sessions.note.prefilled')}</span> : null}
                  </>
                }
                rows={4}
                maxLength={10_000}
                value={String(value(section.id) ?? '')}
                error={errors[section.id]}
                onChange={(event) => edit(section.id, event.currentTarget.value)}
              />
            </div>
          );
        })}
        <div className="actions note-form__actions">
          <Button type="submit" variant="secondary" busy={saving}>
            {t('sessions.note.save')}
          </Button>
          <Button
            onClick={() => {
              setSignError(null);
              setConfirming(true);
            }}
          >
            {t('sessions.note.sign')}
          </Button>
          <span role="status" className="note-form__status">
            {savedAt ? t('sessions.note.savedAt', { time: formatTime(savedAt) }) : dirty ? t('sessions.note.unsaved') : ''}
          </span>
        </div>
      </form>
      <ConfirmDialog
        open={confirming}
        title={t('sessions.sign.title')}
        confirmLabel={t('sessions.sign.confirm')}
        tone="primary"
        busy={signing}
        error={signError}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void sign()}
      >
        <p>{t('sessions.sign.body')}</p>
        {dirty ? <p>{t('sessions.sign.unsaved')}</p> : null}
      </ConfirmDialog>
    </div>
  );
}
