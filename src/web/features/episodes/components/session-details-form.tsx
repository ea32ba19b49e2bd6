import type { FormEvent, Ref } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { DetailsList } from '../../../components/details-list';
import { SelectField } from '../../../components/select-field';
import { TextField } from '../../../components/text-field';
import { isApiError } from '../../../lib/api';
import { describeError } from '../../../lib/describe-error';
import { fieldErrorsOf } from '../../../lib/field-errors';
import { formatDateTime, formatNumber, fromDateTimeLocalValue, toDateTimeLocalValue } from '../../../lib/format';
import { updateSession } from '../api/sessions';
import type { Session } from '../api/types';
import type { SessionMode } from './record-session-form';
import { sessionModes } from './record-session-form';
import type { SessionUpdater } from './use-session-updater';

export const attendanceOptions = ['scheduled', 'attended', 'cancelled', 'did-not-attend'] as const;
type Attendance = (typeof attendanceOptions)[number];
type Field = 'attendance' | 'mode' | 'startsAt' | 'durationMinutes';

/** The id of the attendance control, which signing points to when attendance is still "scheduled". */
export const attendanceFieldId = 'session-details-attendance';

/**
 * Whether the session took place, how and when. Only what was changed here is sent, so an agenda
 * tick made meanwhile is not undone; after signing the details are shown read-only.
 */
export function SessionDetailsForm({
  session,
  update,
  attendanceError,
  onAttendanceSaved,
  attendanceRef,
}: {
  session: Session;
  update: SessionUpdater;
  /** Set by the page when signing was refused because attendance is still "scheduled". */
  attendanceError?: string;
  onAttendanceSaved: () => void;
  attendanceRef?: Ref<HTMLSelectElement>;
}) {
  const { t } = useTranslation();
  const [edits, setEdits] = useState<Partial<Record<Field, string>>>({});
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const current: Record<Field, string> = {
    attendance: session.attendance,
    mode: session.mode,
    startsAt: toDateTimeLocalValue(session.startsAt),
    durationMinutes: session.durationMinutes === null ? '' : String(session.durationMinutes),
  };
  const value = (field: Field) => edits[field] ?? current[field];
  const set = (field: Field, next: string) => {
    setSaved(false);
    setEdits((previous) => ({ ...previous, [field]: next }));
  };

  if (session.noteStatus === 'signed') {
    return (
      <DetailsList
        items={[
          { label: t('sessions.fields.attendance'), value: t(`sessions.attendance.${session.attendance}`) },
          { label: t('sessions.fields.mode'), value: t(`sessions.modes.${session.mode}`) },
          { label: t('sessions.fields.startsAt'), value: formatDateTime(session.startsAt) },
          { label: t('sessions.fields.duration'), value: session.durationMinutes === null ? null : t('episodes.page.minutes', { minutes: formatNumber(session.durationMinutes) }) },
        ]}
      />
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const body: Parameters<typeof updateSession>[2] = {};
    const problems: Partial<Record<Field, string>> = {};
    if (edits.attendance !== undefined && edits.attendance !== session.attendance) body.attendance = edits.attendance as Attendance;
    if (edits.mode !== undefined && edits.mode !== session.mode) body.mode = edits.mode as SessionMode;
    if (edits.startsAt !== undefined && edits.startsAt !== current.startsAt) {
      const instant = fromDateTimeLocalValue(edits.startsAt);
      if (instant) body.startsAt = instant;
      else problems.startsAt = t('sessions.fields.startsAtInvalid');
    }
    if (edits.durationMinutes !== undefined && edits.durationMinutes !== current.durationMinutes) {
      const minutes = edits.durationMinutes.trim();
      if (minutes === '') body.durationMinutes = null;
      else if (/^\d+$/.test(minutes) && Number(minutes) >= 1 && Number(minutes) <= 480) body.durationMinutes = Number(minutes);
      else problems.durationMinutes = t('sessions.fields.durationRange');
    }
    setErrors(problems);
    setMessage(null);
    if (Object.keys(problems).length > 0) return;
    if (Object.keys(body).length === 0) {
      setEdits({});
      setSaved(true);
      return;
    }
    setBusy(true);
    try {
      await update((version) => updateSession(session.id, version, body));
      setEdits({});
      setSaved(true);
      if (body.attendance !== undefined) onAttendanceSaved();
    } catch (error) {
      if (isApiError(error) && error.status === 412) return;
      const fields = fieldErrorsOf(error) as Partial<Record<Field, string>>;
      setErrors(fields);
      setMessage(Object.keys(fields).length > 0 ? null : describeError(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="stack" onSubmit={(event) => void submit(event)} noValidate aria-label={t('sessions.details.title')}>
      {saved ? <Alert tone="success">{t('sessions.details.saved')}</Alert> : null}
      {message ? <Alert tone="error">{message}</Alert> : null}
      <div className="form-row form-row--end">
        <SelectField
          id={attendanceFieldId}
          ref={attendanceRef}
          label={t('sessions.fields.attendance')}
          hint={t('sessions.details.attendanceHint')}
          value={value('attendance')}
          error={errors.attendance ?? attendanceError}
          onChange={(event) => set('attendance', event.currentTarget.value)}
        >
          {attendanceOptions.map((option) => (
            <option key={option} value={option}>
              {t(`sessions.attendance.${option}`)}
            </option>
          ))}
        </SelectField>
        <SelectField id="session-details-mode" label={t('sessions.fields.mode')} value={value('mode')} error={errors.mode} onChange={(event) => set('mode', event.currentTarget.value)}>
          {sessionModes.map((option) => (
            <option key={option} value={option}>
              {t(`sessions.modes.${option}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="form-row form-row--end">
        <TextField id="session-details-startsAt" type="datetime-local" label={t('sessions.fields.startsAt')} value={value('startsAt')} error={errors.startsAt} onChange={(event) => set('startsAt', event.currentTarget.value)} />
        <TextField
          id="session-details-durationMinutes"
          type="number"
          inputMode="numeric"
          min={1}
          max={480}
          label={t('sessions.fields.duration')}
          optional
          value={value('durationMinutes')}
          error={errors.durationMinutes}
          onChange={(event) => set('durationMinutes', event.currentTarget.value)}
        />
      </div>
      <div className="actions">
        <Button type="submit" variant="secondary" busy={busy}>
          {t('sessions.details.save')}
        </Button>
      </div>
    </form>
  );
}
