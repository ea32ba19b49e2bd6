import { useEffect, useId, useRef, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { RiskFlagView } from '../../../../contracts/episodes.contract';
import type { ScoreResultView } from '../../../../contracts/instruments.contract';
import { Button } from '../../../components/button';
import { ErrorState } from '../../../components/error-state';
import { Loading } from '../../../components/spinner';
import { describeError } from '../../../lib/describe-error';
import { useIdempotencyKey } from '../../../lib/idempotency-key';
import { useFormErrors } from '../../../lib/use-form-errors';
import { useInstrumentDefinition } from '../api/get-instrument';
import type { Answers, DraftAnswers, Respondent } from './answers';
import { toAnswers } from './answers';
import { DeviceQuestionnaire } from './device-questionnaire';
import { QuestionnaireForm } from './questionnaire-form';
import type { ResultContext } from './score-result';
import { ScoreResultPanel } from './score-result';

/** What a submission gives back: the server's score, and (in a session) the risk flags it raised. */
export interface QuestionnaireOutcome {
  score: ScoreResultView;
  riskFlags: readonly z.infer<typeof RiskFlagView>[];
}

/**
 * Props of the questionnaire runner. Other features receive it through app/ (features do not import
 * each other) and supply `submit`: the practice page scores without storing, a session stores the
 * answers as a measure.
 */
export interface QuestionnaireRunnerProps {
  instrumentId: string;
  context: ResultContext;
  /**
   * Send the answers; the runner shows what comes back. Rejections become form errors. The key is
   * the same for a retry of the same answers (so a stored measure is never stored twice) and new
   * once the answers change or were stored.
   */
  submit: (answers: Answers, respondent: Respondent, idempotencyKey: string) => Promise<QuestionnaireOutcome>;
  /** Offer "hand the device to the client" (in a session). */
  allowDeviceMode?: boolean;
  /** Heading level of the questionnaire's title; null when the page heading already names it. */
  headingLevel?: 2 | 3 | null;
  /** Told when the device goes to the client and back, so the page can hide everything else. */
  onDeviceModeChange?: (active: boolean) => void;
  /** Close the questionnaire (in a session); without it, a result offers "Start again". */
  onClose?: () => void;
}

/**
 * Loads an instrument's definition and runs it: the generic form (or the one-question-at-a-time
 * device view for the client), the submission with its errors, then the result with risk answers.
 */
export function QuestionnaireRunner({ instrumentId, context, submit, allowDeviceMode = false, headingLevel = 2, onDeviceModeChange, onClose }: QuestionnaireRunnerProps) {
  const { t } = useTranslation();
  const definition = useInstrumentDefinition(instrumentId);
  const formId = `questionnaire-${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const [draft, setDraftState] = useState<DraftAnswers>({});
  const idempotency = useIdempotencyKey();
  const setDraft = (next: DraftAnswers) => {
    idempotency.renew();
    setDraftState(next);
  };
  const [mode, setMode] = useState<'form' | 'device'>('form');
  const [outcome, setOutcome] = useState<QuestionnaireOutcome | null>(null);
  const errors = useFormErrors();
  const resultRef = useRef<HTMLHeadingElement>(null);
  const mutation = useMutation({
    mutationFn: ({ answers, respondent }: { answers: Answers; respondent: Respondent }) => submit(answers, respondent, idempotency.key()),
    onSuccess: (result) => {
      idempotency.renew();
      errors.clear();
      setOutcome(result);
    },
    onError: errors.showError,
  });

  const deviceActive = mode === 'device';
  useEffect(() => {
    onDeviceModeChange?.(deviceActive);
  }, [deviceActive, onDeviceModeChange]);
  useEffect(() => () => onDeviceModeChange?.(false), [onDeviceModeChange]);

  // The result takes focus when it appears in the clinician's view, so it is read out first.
  const showingResult = outcome !== null && mode === 'form';
  useEffect(() => {
    if (showingResult) resultRef.current?.focus();
  }, [showingResult]);

  if (definition.isPending) return <Loading />;
  if (definition.isError) return <ErrorState error={definition.error} onRetry={() => void definition.refetch()} />;
  const def = definition.data;
  const Heading = headingLevel === null ? null : (`h${headingLevel}` as const);
  const resultLevel = headingLevel === null ? 2 : headingLevel === 2 ? 3 : 4;

  const send = (respondent: Respondent) => {
    if (mutation.isPending) return;
    mutation.mutate({ answers: toAnswers(def, draft), respondent });
  };

  const restart = () => {
    setDraft({});
    setOutcome(null);
    mutation.reset();
    errors.clear();
  };

  if (deviceActive) {
    return (
      <DeviceQuestionnaire
        definition={def}
        draft={draft}
        onDraftChange={setDraft}
        busy={mutation.isPending}
        error={mutation.isError ? describeError(mutation.error) : null}
        finished={outcome !== null}
        onFinish={() => send('client-on-device')}
        onReturn={() => setMode('form')}
      />
    );
  }

  return (
    <div className="stack questionnaire-runner">
      {Heading ? <Heading>{def.title}</Heading> : null}
      {outcome ? (
        <>
          <ScoreResultPanel definition={def} score={outcome.score} riskFlags={outcome.riskFlags} context={context} headingLevel={resultLevel} headingRef={resultRef} />
          <div className="actions">
            {onClose ? (
              <Button variant="secondary" onClick={onClose}>
                {t('instruments.runner.close')}
              </Button>
            ) : (
              <Button variant="secondary" onClick={restart}>
                {t('instruments.runner.again')}
              </Button>
            )}
          </div>
        </>
      ) : (
        <>
          {allowDeviceMode ? (
            <div className="card device-offer">
              <p>{t('instruments.runner.deviceOffer')}</p>
              <Button
                variant="secondary"
                onClick={() => {
                  setDraft({});
                  errors.clear();
                  setMode('device');
                }}
              >
                {t('instruments.runner.handOver')}
              </Button>
            </div>
          ) : null}
          <QuestionnaireForm
            definition={def}
            formId={formId}
            draft={draft}
            onDraftChange={setDraft}
            submitLabel={context === 'session' ? t('instruments.runner.saveInSession') : t('instruments.runner.score')}
            busy={mutation.isPending}
            fieldErrors={errors.fieldErrors}
            message={errors.message}
            attempt={errors.attempt}
            onSubmit={() => send('clinician-entered')}
          />
          {onClose ? (
            <div>
              <Button variant="quiet" onClick={onClose}>
                {t('instruments.runner.cancel')}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}
