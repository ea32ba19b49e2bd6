import type { FormEvent } from 'react';
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { FormErrorSummary } from '../../../components/form-error-summary';
import { SelectField } from '../../../components/select-field';
import { TextArea } from '../../../components/text-area';
import { isApiError } from '../../../lib/api';
import { formatNumber } from '../../../lib/format';
import { useFormErrors } from '../../../lib/use-form-errors';
import { changePhase } from '../api/episodes';
import type { Episode, Plan } from '../api/types';
import { useEpisodeChange } from './use-episode-change';

const formId = 'phase-change';

/** The phase to offer first: the one the plan expects next when it differs from the current one, else the next in order. */
function defaultTarget(plan: Plan, current: string): string {
  if (plan.phaseForNextSession !== current) return plan.phaseForNextSession;
  const index = plan.phasePlan.findIndex((phase) => phase.phase === current);
  return plan.phasePlan[index + 1]?.phase ?? plan.phasePlan.find((phase) => phase.phase !== current)?.phase ?? current;
}

/**
 * Change phase: only the clinician moves an episode from one phase to the next. The protocol's guards
 * for the move the plan expects are shown before submitting, and then a reason is required. Moves
 * the plan does not expect (earlier than planned, backwards) may have guards only the server can
 * check: it answers 400 with the field `reason`, and the form then shows the guards it named and asks
 * for the reason, which is kept with the change.
 */
export function PhaseChangeForm({ episode, plan, onStale }: { episode: Episode; plan: Plan; onStale: () => void }) {
  const { t } = useTranslation();
  const errors = useFormErrors();
  const change = useEpisodeChange(episode.id, onStale);
  const [chosen, setTarget] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [serverGuards, setServerGuards] = useState<{ target: string; text: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const targets = plan.phasePlan.filter((phase) => phase.phase !== episode.currentPhase);
  // After a change the current phase moves on: a choice that is now the current phase falls back to the default.
  const target = chosen !== null && targets.some((phase) => phase.phase === chosen) ? chosen : defaultTarget(plan, episode.currentPhase);
  const targetPlan = plan.phasePlan.find((phase) => phase.phase === target);
  const planGuards = target === plan.phaseForNextSession ? plan.phaseChangeGuards : [];
  const guardText = serverGuards?.target === target ? serverGuards.text : null;
  const reasonNeeded = planGuards.length > 0 || guardText !== null;
  const offPlan = target !== plan.phaseForNextSession && targetPlan !== undefined;
  const labels = { targetPhase: t('episodes.phase.target'), reason: t('episodes.phase.reason') };

  const mutation = useMutation({
    mutationFn: () => changePhase(episode.id, episode.version, { targetPhase: target, ...(reason.trim() ? { reason: reason.trim() } : {}) }),
    onSuccess: (saved) => {
      change.saved(saved);
      setDone(saved.currentPhaseLabel);
      setReason('');
      setServerGuards(null);
      errors.clear();
    },
    onError: (error) => {
      if (change.failed(error)) return errors.clear();
      const reasonProblem = isApiError(error) && error.status === 400 ? error.errors.find((problem) => problem.field === 'reason') : undefined;
      if (reasonProblem) {
        setServerGuards({ target, text: reasonProblem.message.replace(/^This phase change needs a reason:\s*/, '') });
        errors.showFieldErrors({ reason: t('episodes.phase.reasonNeeded') });
        return;
      }
      errors.showError(error);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    if (reasonNeeded && reason.trim() === '') return errors.showFieldErrors({ reason: t('episodes.phase.reasonNeeded') });
    errors.clear();
    mutation.mutate();
  };

  if (targets.length === 0) return null;
  return (
    <form className="stack" onSubmit={submit} noValidate aria-labelledby={`${formId}-title`}>
      <h3 id={`${formId}-title`}>{t('episodes.phase.changeTitle')}</h3>
      {done ? <Alert tone="success">{t('episodes.phase.changed', { phase: done })}</Alert> : null}
      <FormErrorSummary formId={formId} fieldErrors={errors.fieldErrors} labels={labels} message={errors.message} attempt={errors.attempt} />
      <SelectField id={`${formId}-targetPhase`} className="field--medium" label={labels.targetPhase} value={target} onChange={(event) => setTarget(event.currentTarget.value)} error={errors.fieldErrors.targetPhase}>
        {targets.map((phase) => (
          <option key={phase.phase} value={phase.phase}>
            {phase.label}
          </option>
        ))}
      </SelectField>
      {planGuards.length > 0 || guardText ? (
        <Alert tone="warning" title={t('episodes.phase.guardsTitle')}>
          <ul className="plain-list">
            {planGuards.map((guard) => (
              <li key={guard.code}>{guard.message}</li>
            ))}
            {guardText ? <li>{guardText}</li> : null}
          </ul>
          <p>{t('episodes.phase.guardsReason')}</p>
        </Alert>
      ) : offPlan ? (
        <p className="muted">{t('episodes.phase.offPlan', { phase: targetPlan.label, first: formatNumber(targetPlan.first), next: formatNumber(plan.nextSessionNumber) })}</p>
      ) : null}
      <TextArea
        id={`${formId}-reason`}
        label={labels.reason}
        hint={reasonNeeded ? t('episodes.phase.reasonHintRequired') : t('episodes.phase.reasonHint')}
        optional={!reasonNeeded}
        required={reasonNeeded}
        value={reason}
        maxLength={2000}
        error={errors.fieldErrors.reason}
        onChange={(event) => setReason(event.currentTarget.value)}
      />
      <div className="actions">
        <Button type="submit" busy={mutation.isPending}>
          {t('episodes.phase.submit', { phase: targetPlan?.label ?? target })}
        </Button>
      </div>
    </form>
  );
}
