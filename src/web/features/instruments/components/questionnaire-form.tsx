import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InstrumentDefinition } from '../../../../domain/instruments/instrument-definition';
import { Button } from '../../../components/button';
import { FormErrorSummary } from '../../../components/form-error-summary';
import type { FieldErrorMap } from '../../../lib/field-errors';
import { formatNumber } from '../../../lib/format';
import type { DraftAnswers } from './answers';
import { itemsToAsk, progressOf } from './answers';
import { ChoiceQuestion, ClockTimeQuestion } from './questionnaire-item';
import { WordingNote } from './wording-note';

/**
 * The generic questionnaire form: every instrument is drawn from its definition, so there is no
 * per-instrument screen to maintain. One column at every width (it reads top to bottom like the
 * printed form), each item a fieldset with large radio rows, unscored items marked, the progress and
 * the submit button kept in view at the bottom. Skip logic hides the items the printed form would not
 * ask. Answers may be left out; the result then lists what is missing instead of guessing.
 */
export function QuestionnaireForm({
  definition,
  formId,
  draft,
  onDraftChange,
  submitLabel,
  busy,
  fieldErrors,
  message,
  attempt,
  onSubmit,
}: {
  definition: InstrumentDefinition;
  formId: string;
  draft: DraftAnswers;
  onDraftChange: (draft: DraftAnswers) => void;
  submitLabel: string;
  busy: boolean;
  /** Per-item problems (keyed by item id) from the server or the browser checks. */
  fieldErrors: FieldErrorMap;
  message: string | null;
  attempt: number;
  onSubmit: () => void;
}) {
  const { t } = useTranslation();
  const [invalid, setInvalid] = useState<Partial<Record<string, string>>>({});
  const [showInvalid, setShowInvalid] = useState(0);
  const asked = itemsToAsk(definition, draft);
  const progress = progressOf(definition, draft);
  const invalidErrors: FieldErrorMap = showInvalid > 0 ? Object.fromEntries(Object.entries(invalid).filter(([, value]) => value)) : {};
  const errors: FieldErrorMap = { ...fieldErrors, ...invalidErrors };
  const labels = Object.fromEntries(definition.items.map((item) => [item.id, t('instruments.form.itemNumber', { id: item.id })]));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (Object.values(invalid).some(Boolean)) {
      setShowInvalid((n) => n + 1);
      return;
    }
    onSubmit();
  };

  return (
    <form className="questionnaire stack" onSubmit={submit} noValidate aria-describedby={`${formId}-instructions`}>
      <WordingNote definition={definition} />
      <div id={`${formId}-instructions`} className="questionnaire__instructions">
        {definition.recallPeriod ? <p className="questionnaire__recall">{t('instruments.form.recall', { period: definition.recallPeriod })}</p> : null}
        {definition.instructions ? <p>{definition.instructions}</p> : null}
      </div>
      <FormErrorSummary formId={formId} fieldErrors={errors} labels={labels} message={message} attempt={attempt + showInvalid} />
      {asked.map((item) =>
        item.answerType === 'choice' ? (
          <ChoiceQuestion
            key={item.id}
            formId={formId}
            item={item}
            value={draft[item.id]}
            error={errors[item.id]}
            showValues
            onChange={(value) => onDraftChange({ ...draft, [item.id]: value })}
          />
        ) : (
          <ClockTimeQuestion
            key={item.id}
            formId={formId}
            item={item}
            value={draft[item.id]}
            error={showInvalid > 0 ? errors[item.id] : fieldErrors[item.id]}
            onChange={(value) => onDraftChange({ ...draft, [item.id]: value })}
            onInvalid={(problem) => setInvalid((current) => ({ ...current, [item.id]: problem ?? undefined }))}
          />
        ),
      )}
      <div className="questionnaire__footer">
        <p className="questionnaire__progress">{t('instruments.form.progress', { answered: formatNumber(progress.answered), total: formatNumber(progress.total) })}</p>
        <Button type="submit" busy={busy}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
