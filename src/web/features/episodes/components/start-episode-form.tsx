import type { FormEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { pathTo, routes } from '../../../app/route-paths';
import { Button } from '../../../components/button';
import { FormErrorSummary } from '../../../components/form-error-summary';
import { SelectField } from '../../../components/select-field';
import { TextField } from '../../../components/text-field';
import { isApiError } from '../../../lib/api';
import { formatNumber, localIsoDate } from '../../../lib/format';
import { useFormErrors } from '../../../lib/use-form-errors';
import { calendarDate, isEmpty, required, validate } from '../../../lib/validate';
import { createEpisode } from '../api/episodes';
import { episodeKeys } from '../api/episode-keys';
import type { EpisodeSummary } from '../api/types';
import type { ProtocolChoiceId } from './protocol-choices';
import { protocolChoice, protocolChoices } from './protocol-choices';

const formId = 'start-episode';
const schedules = ['weekly', 'fortnightly', 'monthly'] as const;

/**
 * "Start treatment": the protocol (with the number of sessions it plans), the start date and the
 * contract. The contracted number is limited to the protocol's range; the server checks it again and
 * refuses (409) a second open episode of the same protocol, in which case the form links to it.
 */
export function StartEpisodeForm({ clientId, episodes, onCancel }: { clientId: string; episodes: readonly EpisodeSummary[]; onCancel: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errors = useFormErrors();
  const firstField = useRef<HTMLSelectElement>(null);
  const [values, setValues] = useState({
    protocolId: 'ipt-acute' as ProtocolChoiceId,
    startDate: localIsoDate(),
    contractedSessions: String(protocolChoice('ipt-acute').sessions.default),
    schedule: protocolChoice('ipt-acute').schedule as string,
    sessionLengthMinutes: '',
  });
  const choice = protocolChoice(values.protocolId);
  const labels = {
    protocolId: t('episodes.start.protocol'),
    startDate: t('episodes.start.startDate'),
    contractedSessions: t('episodes.start.contracted'),
    schedule: t('episodes.start.schedule'),
    sessionLengthMinutes: t('episodes.start.length'),
  };

  useEffect(() => firstField.current?.focus(), []);

  const mutation = useMutation({
    mutationFn: () =>
      createEpisode(clientId, {
        protocolId: values.protocolId,
        startDate: values.startDate,
        contractedSessions: Number(values.contractedSessions),
        schedule: values.schedule as (typeof schedules)[number],
        ...(values.sessionLengthMinutes.trim() ? { sessionLengthMinutes: Number(values.sessionLengthMinutes) } : {}),
      }),
    onSuccess: (episode) => {
      queryClient.setQueryData(episodeKeys.detail(episode.id), episode);
      void queryClient.invalidateQueries({ queryKey: episodeKeys.ofClient(clientId) });
      void navigate(pathTo(routes.episode, { id: episode.id }), { state: { started: true } });
    },
    onError: errors.showError,
  });
  const conflict = isApiError(mutation.error) && mutation.error.status === 409;
  const openEpisode = conflict ? episodes.find((episode) => episode.protocolId === values.protocolId && (episode.status === 'active' || episode.status === 'planned')) : undefined;

  const set = (field: keyof typeof values, value: string) => setValues((current) => ({ ...current, [field]: value }));
  const chooseProtocol = (id: ProtocolChoiceId) => {
    const next = protocolChoice(id);
    setValues((current) => ({ ...current, protocolId: id, contractedSessions: String(next.sessions.default), schedule: next.schedule }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = validate(values, { startDate: [required, calendarDate], contractedSessions: [required] });
    const contracted = Number(values.contractedSessions);
    if (!problems.contractedSessions && (!Number.isInteger(contracted) || contracted < choice.sessions.min || contracted > choice.sessions.max)) {
      problems.contractedSessions = t('episodes.start.contractedRange', { min: choice.sessions.min, max: choice.sessions.max });
    }
    const length = values.sessionLengthMinutes.trim();
    if (length && (!/^\d+$/.test(length) || Number(length) < 5 || Number(length) > 240)) problems.sessionLengthMinutes = t('episodes.start.lengthRange');
    if (!isEmpty(problems)) return errors.showFieldErrors(problems);
    errors.clear();
    mutation.mutate();
  };

  const rangeText =
    choice.sessions.min === choice.sessions.max
      ? t('episodes.start.rangeFixed', { count: choice.sessions.min, formatted: formatNumber(choice.sessions.min) })
      : t('episodes.start.range', { min: formatNumber(choice.sessions.min), max: formatNumber(choice.sessions.max), usual: formatNumber(choice.sessions.default) });

  return (
    <section className="card stack" aria-labelledby={`${formId}-title`}>
      <h3 id={`${formId}-title`}>{t('episodes.start.title')}</h3>
      <FormErrorSummary formId={formId} fieldErrors={errors.fieldErrors} labels={labels} message={errors.message} attempt={errors.attempt} />
      {openEpisode ? (
        <p>
          <Link to={pathTo(routes.episode, { id: openEpisode.id })}>{t('episodes.start.openExisting')}</Link>
        </p>
      ) : null}
      <form className="stack" onSubmit={submit} noValidate>
        <SelectField
          id={`${formId}-protocolId`}
          ref={firstField}
          label={labels.protocolId}
          hint={<span aria-live="polite">{rangeText}</span>}
          value={values.protocolId}
          error={errors.fieldErrors.protocolId}
          onChange={(event) => chooseProtocol(event.currentTarget.value as ProtocolChoiceId)}
        >
          {protocolChoices.map((option) => (
            <option key={option.id} value={option.id}>
              {t(`episodes.protocols.${option.id}.name`)}
            </option>
          ))}
        </SelectField>
        <div className="form-row">
          <TextField id={`${formId}-startDate`} type="date" label={labels.startDate} value={values.startDate} error={errors.fieldErrors.startDate} required onChange={(event) => set('startDate', event.currentTarget.value)} className="field--short" />
          <TextField
            id={`${formId}-contractedSessions`}
            type="number"
            inputMode="numeric"
            min={choice.sessions.min}
            max={choice.sessions.max}
            label={labels.contractedSessions}
            hint={t('episodes.start.contractedHint')}
            value={values.contractedSessions}
            error={errors.fieldErrors.contractedSessions}
            required
            onChange={(event) => set('contractedSessions', event.currentTarget.value)}
            className="field--short"
          />
        </div>
        <div className="form-row">
          <SelectField id={`${formId}-schedule`} label={labels.schedule} value={values.schedule} error={errors.fieldErrors.schedule} onChange={(event) => set('schedule', event.currentTarget.value)}>
            {schedules.map((schedule) => (
              <option key={schedule} value={schedule}>
                {t(`episodes.schedule.${schedule}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            id={`${formId}-sessionLengthMinutes`}
            type="number"
            inputMode="numeric"
            min={5}
            max={240}
            label={labels.sessionLengthMinutes}
            hint={t('episodes.start.lengthHint')}
            optional
            value={values.sessionLengthMinutes}
            error={errors.fieldErrors.sessionLengthMinutes}
            onChange={(event) => set('sessionLengthMinutes', event.currentTarget.value)}
            className="field--short"
          />
        </div>
        <div className="actions">
          <Button type="submit" busy={mutation.isPending}>
            {t('episodes.start.submit')}
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </section>
  );
}
