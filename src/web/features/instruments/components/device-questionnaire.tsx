import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InstrumentDefinition } from '../../../../domain/instruments/instrument-definition';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { formatNumber } from '../../../lib/format';
import type { DraftAnswers } from './answers';
import { itemsToAsk } from './answers';
import { ChoiceQuestion, ClockTimeQuestion } from './questionnaire-item';

/** Class on <html> while the device is with the client: the app's header and footer are hidden (styles.css). */
const deviceModeClass = 'device-mode';

type Step = { kind: 'intro' } | { kind: 'question'; itemId: string } | { kind: 'done' };

/**
 * "Hand the device to the client": the questionnaire one question at a time, large and calm, with
 * nothing else on screen — no client name, no record, no navigation (the page around it is hidden
 * while this is shown). The client can go back, skip a question and finish; they never see the
 * score or a risk message, which the clinician sees after taking the device back.
 */
export function DeviceQuestionnaire({
  definition,
  draft,
  onDraftChange,
  busy,
  error,
  finished,
  onFinish,
  onReturn,
}: {
  definition: InstrumentDefinition;
  draft: DraftAnswers;
  onDraftChange: (draft: DraftAnswers) => void;
  busy: boolean;
  error: string | null;
  /** The answers were stored: show the thank-you screen. */
  finished: boolean;
  onFinish: () => void;
  /** Back to the clinician's view (after finishing, or to stop). */
  onReturn: () => void;
}) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>({ kind: 'intro' });
  const focusRef = useRef<HTMLElement | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const asked = itemsToAsk(definition, draft);
  const current = finished ? ({ kind: 'done' } as const) : step;
  const index = current.kind === 'question' ? asked.findIndex((item) => item.id === current.itemId) : -1;
  const item = index >= 0 ? asked[index] : undefined;

  // The browser tab shows the questionnaire's name, not the client's, while the device is handed over.
  const deviceTitle = t('app.documentTitle', { page: definition.title });
  useEffect(() => {
    const previousTitle = document.title;
    document.documentElement.classList.add(deviceModeClass);
    document.title = deviceTitle;
    return () => {
      document.documentElement.classList.remove(deviceModeClass);
      document.title = previousTitle;
    };
  }, [deviceTitle]);

  // Each new screen takes focus, so a screen reader reads the question and the keyboard starts there.
  const stepKey = current.kind === 'question' ? current.itemId : current.kind;
  useEffect(() => {
    (focusRef.current ?? headingRef.current)?.focus();
  }, [stepKey]);

  const go = (next: number) => {
    const target = asked[next];
    if (target) setStep({ kind: 'question', itemId: target.id });
    else if (next < 0) setStep({ kind: 'intro' });
  };

  return (
    <div className="device">
      <h1 className="device__title" ref={headingRef} tabIndex={-1}>
        {definition.title}
      </h1>
      {current.kind === 'intro' ? (
        <div className="device__screen stack" ref={(node) => void (focusRef.current = node)} tabIndex={-1}>
          <p className="device__lead">{t('instruments.device.welcome')}</p>
          {definition.recallPeriod ? <p className="device__lead">{t('instruments.form.recall', { period: definition.recallPeriod })}</p> : null}
          {definition.instructions ? <p className="device__lead">{definition.instructions}</p> : null}
          <div className="device__actions">
            <Button className="device__button" onClick={() => go(0)}>
              {t('instruments.device.start')}
            </Button>
          </div>
        </div>
      ) : null}
      {current.kind === 'question' && item ? (
        <div className="device__screen stack">
          <p className="device__progress">{t('instruments.device.progress', { number: formatNumber(index + 1), total: formatNumber(asked.length) })}</p>
          {definition.instructions && definition.instructions.length <= 200 ? <p className="device__context">{definition.instructions}</p> : null}
          {item.answerType === 'choice' ? (
            <ChoiceQuestion
              key={item.id}
              formId="device"
              item={item}
              value={draft[item.id]}
              showValues={false}
              size="large"
              onChange={(value) => onDraftChange({ ...draft, [item.id]: value })}
              legendRef={(node) => void (focusRef.current = node)}
            />
          ) : (
            <ClockTimeQuestion key={item.id} formId="device" item={item} value={draft[item.id]} onChange={(value) => onDraftChange({ ...draft, [item.id]: value })} onInvalid={() => undefined} />
          )}
          {error ? <Alert tone="error">{error}</Alert> : null}
          <div className="device__actions">
            {index === asked.length - 1 ? (
              <Button className="device__button" busy={busy} onClick={onFinish}>
                {t('instruments.device.finish')}
              </Button>
            ) : (
              <Button className="device__button" onClick={() => go(index + 1)}>
                {typeof draft[item.id] === 'number' ? t('instruments.device.next') : t('instruments.device.skip')}
              </Button>
            )}
            <Button className="device__button" variant="secondary" onClick={() => go(index - 1)}>
              {t('instruments.device.back')}
            </Button>
          </div>
        </div>
      ) : null}
      {current.kind === 'done' ? (
        <div className="device__screen stack" ref={(node) => void (focusRef.current = node)} tabIndex={-1}>
          <p className="device__lead device__thanks">{t('instruments.device.thanks')}</p>
          <p className="device__lead">{t('instruments.device.handBack')}</p>
          <div className="device__actions">
            <Button className="device__button" onClick={onReturn}>
              {t('instruments.device.clinicianView')}
            </Button>
          </div>
        </div>
      ) : (
        <p className="device__stop">
          <button type="button" className="question__clear" onClick={onReturn}>
            {t('instruments.device.stop')}
          </button>
        </p>
      )}
    </div>
  );
}
