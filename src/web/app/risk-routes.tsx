import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Button } from '../components/button';
import { ErrorState } from '../components/error-state';
import { Loading } from '../components/spinner';
import { useClient } from '../features/clients/api/get-client';
import type { RiskScreener } from '../features/episodes/pages/risk/risk-flag-page';
import { RiskFlagPage } from '../features/episodes/pages/risk/risk-flag-page';
import { SafetyPlanPage } from '../features/episodes/pages/risk/safety-plan-page';
import { useInstrumentDefinition } from '../features/instruments/api/get-instrument';
import type { DraftAnswers } from '../features/instruments/components/answers';
import { itemsToAsk } from '../features/instruments/components/answers';
import { QuestionnaireForm } from '../features/instruments/components/questionnaire-form';
import { isApiError } from '../lib/api';
import { describeError } from '../lib/describe-error';
import { fieldErrorsOf } from '../lib/field-errors';

/*
 * The safety pages, given what they need from other features (features do not import each other):
 * the flag page gets the instruments feature's generic questionnaire form for the C-SSRS screener,
 * the safety plan gets the client's name from the clients feature. Loaded only when first opened.
 */

/** The C-SSRS screener drawn by the generic questionnaire form; answers to skipped items are dropped. */
const CssrsScreener: RiskScreener = ({ busy, error, onSubmit, onCancel }) => {
  const { t } = useTranslation();
  const definition = useInstrumentDefinition('c-ssrs-screener');
  const [draft, setDraft] = useState<DraftAnswers>({});
  const [attempt, setAttempt] = useState(0);
  if (definition.isPending) return <Loading label={t('risk.flag.screenLoading')} />;
  if (definition.isError) return <ErrorState error={definition.error} onRetry={() => void definition.refetch()} />;
  const submit = () => {
    const answers: Record<string, number> = {};
    for (const item of itemsToAsk(definition.data, draft)) {
      const value = draft[item.id];
      if (typeof value === 'number') answers[item.id] = value;
    }
    setAttempt((n) => n + 1);
    onSubmit(answers);
  };
  const hasFields = isApiError(error) && Object.keys(fieldErrorsOf(error)).length > 0;
  return (
    <div className="stack">
      <h3>{definition.data.title}</h3>
      <QuestionnaireForm
        definition={definition.data}
        formId="cssrs-screen"
        draft={draft}
        onDraftChange={setDraft}
        submitLabel={t('risk.flag.screenSubmit')}
        busy={busy}
        fieldErrors={error ? fieldErrorsOf(error) : {}}
        message={error && !hasFields ? describeError(error) : null}
        attempt={attempt}
        onSubmit={submit}
      />
      <div>
        <Button variant="quiet" onClick={onCancel}>
          {t('risk.flag.screenCancel')}
        </Button>
      </div>
    </div>
  );
};

/** A risk flag, with the C-SSRS screener form. */
export function RiskFlagRoute() {
  return <RiskFlagPage Screener={CssrsScreener} />;
}

/** A client's safety plan, titled with the client's name. */
export function SafetyPlanRoute() {
  const { clientId = '' } = useParams();
  const client = useClient(clientId);
  return <SafetyPlanPage clientName={client.data?.displayName} />;
}
