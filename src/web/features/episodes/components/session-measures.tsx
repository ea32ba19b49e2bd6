import type { ComponentType } from 'react';
import { useCallback, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { RiskFlagView } from '../../../../contracts/episodes.contract';
import type { ScoreResultView } from '../../../../contracts/instruments.contract';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { SelectField } from '../../../components/select-field';
import { useEnumLabel } from '../../../lib/enum-label';
import { formatNumber, formatTime } from '../../../lib/format';
import { episodeKeys } from '../api/episode-keys';
import { submitMeasure } from '../api/sessions';
import type { Session } from '../api/types';

/** What the page passes to the questionnaire it opens (the instruments feature's runner, composed in app/). */
export interface SessionQuestionnaireProps {
  instrumentId: string;
  context: 'session';
  allowDeviceMode: boolean;
  headingLevel: 3;
  submit: (answers: Record<string, number>, respondent: 'clinician-entered' | 'client-on-device', idempotencyKey: string) => Promise<{ score: ScoreResultView; riskFlags: readonly z.infer<typeof RiskFlagView>[] }>;
  onClose: () => void;
  onDeviceModeChange: (active: boolean) => void;
}

/** A questionnaire component for the session page. */
export type SessionQuestionnaire = ComponentType<SessionQuestionnaireProps>;

/** An instrument the session can offer, with the short title its button shows. */
export interface InstrumentOption {
  id: string;
  shortTitle: string;
  title: string;
}

/**
 * Questionnaires in the session: the ones due (from the protocol's schedule) each with a button that
 * opens the questionnaire here, any other instrument of the library, and those already given with
 * their scores and risk answers. While the device is with the client, only the questionnaire is shown:
 * `deviceMode` hides the rest of this section (and the page hides everything else).
 */
export function SessionMeasures({
  session,
  Questionnaire,
  instruments,
  deviceMode,
  onDeviceModeChange,
}: {
  session: Session;
  Questionnaire: SessionQuestionnaire;
  instruments: readonly InstrumentOption[] | undefined;
  deviceMode: boolean;
  onDeviceModeChange: (active: boolean) => void;
}) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<string | null>(null);
  const [other, setOther] = useState('');
  const signed = session.noteStatus === 'signed';
  const mayGive = !signed && session.attendance !== 'cancelled' && session.attendance !== 'did-not-attend';
  const title = (id: string) => instruments?.find((instrument) => instrument.id === id)?.shortTitle ?? id.toUpperCase();

  const submit = useCallback<SessionQuestionnaireProps['submit']>(
    async (answers, respondent, idempotencyKey) => {
      if (!open) throw new Error('No questionnaire is open.');
      const result = await submitMeasure(session.id, { instrumentId: open, answers, respondent }, idempotencyKey);
      void queryClient.invalidateQueries({ queryKey: episodeKeys.session(session.id) });
      void queryClient.invalidateQueries({ queryKey: episodeKeys.all });
      void queryClient.invalidateQueries({ queryKey: episodeKeys.days });
      return { score: result.measure.score, riskFlags: result.riskFlags };
    },
    [open, session.id, queryClient],
  );
  const close = useCallback(() => setOpen(null), []);

  return (
    <section className={deviceMode ? 'stack' : 'card stack'} aria-labelledby={deviceMode ? undefined : 'session-measures'} aria-label={deviceMode ? t('sessions.measures.deviceRegion') : undefined}>
      {!deviceMode ? <h2 id="session-measures">{t('sessions.measures.title')}</h2> : null}
      {!deviceMode && mayGive && !open ? (
        <>
          {session.measuresDue.length > 0 ? (
            <div className="stack">
              <p>{t('sessions.measures.due')}</p>
              <div className="actions">
                {session.measuresDue.map((id) => (
                  <Button key={id} onClick={() => setOpen(id)}>
                    {t('sessions.measures.give', { instrument: title(id) })}
                  </Button>
                ))}
              </div>
            </div>
          ) : (
            <p className="muted">{t('sessions.measures.noneDue')}</p>
          )}
          {instruments && instruments.length > 0 ? (
            <form
              className="inline-form"
              onSubmit={(event) => {
                event.preventDefault();
                if (other) setOpen(other);
              }}
            >
              <SelectField id="session-other-measure" className="field--medium" label={t('sessions.measures.other')} value={other} onChange={(event) => setOther(event.currentTarget.value)}>
                <option value="">{t('sessions.measures.choose')}</option>
                {instruments.map((instrument) => (
                  <option key={instrument.id} value={instrument.id}>
                    {instrument.title}
                  </option>
                ))}
              </SelectField>
              <div className="actions">
                <Button type="submit" variant="secondary">
                  {t('sessions.measures.open')}
                </Button>
              </div>
            </form>
          ) : null}
        </>
      ) : null}
      {open ? (
        <div className={deviceMode ? undefined : 'card card--inset'}>
          <Questionnaire key={open} instrumentId={open} context="session" allowDeviceMode headingLevel={3} submit={submit} onClose={close} onDeviceModeChange={onDeviceModeChange} />
        </div>
      ) : null}
      {!deviceMode ? (
        <div className="stack">
          <h3>{t('sessions.measures.given')}</h3>
          {session.measures.length === 0 ? (
            <p className="muted">{t('sessions.measures.noneGiven')}</p>
          ) : (
            <ul className="item-list">
              {session.measures.map((measure) => (
                <li key={measure.id} className="item-list__item">
                  <div className="item-list__main">
                    <span className="item-list__title">
                      {measure.instrumentTitle}:{' '}
                      {measure.score.total !== null && measure.score.maximum !== null
                        ? t('instruments.result.totalOf', { total: formatNumber(measure.score.total), maximum: formatNumber(measure.score.maximum) })
                        : t('sessions.measures.noTotal')}
                      {measure.score.severity ? ` · ${measure.score.severity.label}` : ''}
                    </span>
                    <span className="item-list__sub">
                      {t('sessions.measures.meta', { respondent: label('sessions.respondents', measure.respondent), time: formatTime(measure.administeredAt) })}
                      {measure.score.missingItems.length > 0 ? ` · ${t('sessions.measures.missing', { items: measure.score.missingItems.join(', ') })}` : ''}
                    </span>
                  </div>
                  {measure.score.riskItems.length > 0 ? (
                    <Badge tone="danger">
                      <span aria-hidden="true">⚠ </span>
                      {t('sessions.measures.riskAnswer', { items: measure.score.riskItems.map((item) => `${item.itemId} = ${item.value}`).join(', ') })}
                    </Badge>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </section>
  );
}
