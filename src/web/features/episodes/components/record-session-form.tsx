import type { FormEvent } from 'react';
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { pathTo, routes } from '../../../app/route-paths';
import { Button } from '../../../components/button';
import { FormErrorSummary } from '../../../components/form-error-summary';
import { SelectField } from '../../../components/select-field';
import { TextField } from '../../../components/text-field';
import { fromDateTimeLocalValue, toDateTimeLocalValue } from '../../../lib/format';
import { useIdempotencyKey } from '../../../lib/idempotency-key';
import { useFormErrors } from '../../../lib/use-form-errors';
import { episodeKeys } from '../api/episode-keys';
import { createSession } from '../api/sessions';
import type { Episode } from '../api/types';

const formId = 'record-session';
export const sessionModes = ['in-person', 'video', 'phone'] as const;
export type SessionMode = (typeof sessionModes)[number];

/** Now, rounded down to five minutes: the usual start time when a session is recorded as it begins. */
function nowRounded(): string {
  const now = new Date();
  now.setMinutes(now.getMinutes() - (now.getMinutes() % 5), 0, 0);
  return toDateTimeLocalValue(now.toISOString());
}

/**
 * "Record session": when it starts, how (in person, video, phone) and for how long. The new session
 * opens with the protocol's agenda for it. The create carries an Idempotency-Key, so pressing the
 * button again after a dropped connection does not make a second session.
 */
export function RecordSessionForm({ episode }: { episode: Episode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errors = useFormErrors();
  const idempotency = useIdempotencyKey();
  const [startsAt, setStartsAt] = useState(nowRounded);
  const [mode, setMode] = useState<SessionMode>('in-person');
  const [duration, setDuration] = useState(episode.sessionLengthMinutes === null ? '' : String(episode.sessionLengthMinutes));
  const labels = { startsAt: t('sessions.fields.startsAt'), mode: t('sessions.fields.mode'), durationMinutes: t('sessions.fields.duration') };

  const mutation = useMutation({
    mutationFn: (body: { startsAt: string; mode: SessionMode; durationMinutes?: number }) => createSession(episode.id, body, idempotency.key()),
    onSuccess: (session) => {
      idempotency.renew();
      queryClient.setQueryData(episodeKeys.session(session.id), session);
      void queryClient.invalidateQueries({ queryKey: episodeKeys.detail(episode.id) });
      void queryClient.invalidateQueries({ queryKey: episodeKeys.days });
      void navigate(pathTo(routes.session, { id: session.id }));
    },
    onError: errors.showError,
  });

  const change = (apply: () => void) => {
    idempotency.renew();
    apply();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const instant = fromDateTimeLocalValue(startsAt);
    const problems: Record<string, string> = {};
    if (!instant) problems.startsAt = t('sessions.fields.startsAtInvalid');
    const minutes = duration.trim();
    if (minutes && (!/^\d+$/.test(minutes) || Number(minutes) < 1 || Number(minutes) > 480)) problems.durationMinutes = t('sessions.fields.durationRange');
    if (Object.keys(problems).length > 0 || !instant) return errors.showFieldErrors(problems);
    errors.clear();
    mutation.mutate({ startsAt: instant, mode, ...(minutes ? { durationMinutes: Number(minutes) } : {}) });
  };

  return (
    <form className="stack" onSubmit={submit} noValidate aria-labelledby={`${formId}-title`}>
      <h3 id={`${formId}-title`}>{t('episodes.next.recordTitle')}</h3>
      <FormErrorSummary formId={formId} fieldErrors={errors.fieldErrors} labels={labels} message={errors.message} attempt={errors.attempt} />
      <div className="form-row form-row--three">
        <TextField id={`${formId}-startsAt`} type="datetime-local" label={labels.startsAt} value={startsAt} error={errors.fieldErrors.startsAt} required onChange={(event) => change(() => setStartsAt(event.currentTarget.value))} />
        <SelectField id={`${formId}-mode`} label={labels.mode} value={mode} error={errors.fieldErrors.mode} onChange={(event) => change(() => setMode(event.currentTarget.value as SessionMode))}>
          {sessionModes.map((option) => (
            <option key={option} value={option}>
              {t(`sessions.modes.${option}`)}
            </option>
          ))}
        </SelectField>
        <TextField id={`${formId}-durationMinutes`} type="number" inputMode="numeric" min={1} max={480} label={labels.durationMinutes} optional value={duration} error={errors.fieldErrors.durationMinutes} onChange={(event) => change(() => setDuration(event.currentTarget.value))} />
      </div>
      <div className="actions">
        <Button type="submit" busy={mutation.isPending}>
          {t('episodes.next.record')}
        </Button>
      </div>
    </form>
  );
}
