import type { ReactNode, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { RiskFlagView } from '../../../../contracts/episodes.contract';
import type { ScoreResultView } from '../../../../contracts/instruments.contract';
import type { InstrumentDefinition } from '../../../../domain/instruments/instrument-definition';
import { Badge } from '../../../components/badge';
import { DetailsList } from '../../../components/details-list';
import { RiskAlert } from '../../../components/risk-alert';
import { useEnumLabel } from '../../../lib/enum-label';
import { formatNumber } from '../../../lib/format';

/** Where a result is shown: in a session (a safety review is due now) or on the practice page. */
export type ResultContext = 'session' | 'practice';

function itemText(definition: InstrumentDefinition, itemId: string): string {
  return definition.items.find((item) => item.id === itemId)?.text ?? '';
}

/**
 * Risk answers, unmistakable: announced at once, framed in red with an icon and words, each naming
 * the item, its wording and the answer, and what has to happen next. Flags the server raised for them
 * (in a session) are listed with their level.
 */
export function RiskAnswers({ definition, score, riskFlags, context }: { definition: InstrumentDefinition; score: ScoreResultView; riskFlags: readonly z.infer<typeof RiskFlagView>[]; context: ResultContext }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  if (score.riskItems.length === 0 && riskFlags.length === 0) return null;
  return (
    <RiskAlert title={t('instruments.result.riskTitle')}>
      <ul className="risk-alert__list">
        {score.riskItems.map((risk) => (
          <li key={risk.itemId}>{t('instruments.result.riskItem', { item: risk.itemId, text: itemText(definition, risk.itemId), value: formatNumber(risk.value) })}</li>
        ))}
      </ul>
      <p className="risk-alert__action">{context === 'session' ? t('instruments.result.riskActionSession') : t('instruments.result.riskActionPractice')}</p>
      {riskFlags.length > 0 ? (
        <ul className="risk-alert__list">
          {riskFlags.map((flag) => (
            <li key={flag.id}>{t('instruments.result.flagRaised', { level: label('risk.levels', flag.level), detail: flag.detail })}</li>
          ))}
        </ul>
      ) : null}
    </RiskAlert>
  );
}

/**
 * The scored result as the server computed it: total out of the maximum, severity band, published
 * cut-offs reached, instrument-specific results (PHQ diagnostic pattern with its caveat, C-SSRS
 * triage, WSAS impairment, QIDS domains), and which items were left unanswered or not asked. A total
 * is never guessed: when an item it needs is missing, the page says there is no total and why.
 */
export function ScoreResultPanel({
  definition,
  score,
  riskFlags = [],
  context,
  headingLevel = 2,
  headingRef,
}: {
  definition: InstrumentDefinition;
  score: ScoreResultView;
  riskFlags?: readonly z.infer<typeof RiskFlagView>[];
  context: ResultContext;
  headingLevel?: 2 | 3 | 4;
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const Heading = `h${headingLevel}` as const;
  const headingId = `result-${definition.id}`;
  const cutOffLabel = (code: string) => definition.cutOffs.find((cutOff) => cutOff.code === code)?.label ?? code;
  const items: { label: string; value: ReactNode }[] = [];
  if (score.maximum !== null) {
    items.push({
      label: t('instruments.result.total'),
      value:
        score.total !== null ? (
          <strong className="score-result__total">{t('instruments.result.totalOf', { total: formatNumber(score.total), maximum: formatNumber(score.maximum) })}</strong>
        ) : (
          t('instruments.result.noTotal')
        ),
    });
  }
  if (score.severity) items.push({ label: t('instruments.result.severity'), value: <Badge tone="info">{score.severity.label}</Badge> });
  if (score.cutOffsMet.length > 0) items.push({ label: t('instruments.result.cutOffs'), value: score.cutOffsMet.map(cutOffLabel).join('; ') });
  if (score.triageLevel !== undefined) {
    items.push({
      label: t('instruments.result.triage'),
      value: score.triageLevel === null ? t('instruments.result.triageIncomplete', { level: label('risk.triage', score.evidencedTriageLevel ?? 'none') }) : label('risk.triage', score.triageLevel),
    });
  }
  if (score.domainScores) {
    items.push({
      label: t('instruments.result.domains'),
      value: (
        <ul className="plain-list">
          {Object.entries(score.domainScores).map(([domain, value]) => (
            <li key={domain}>{t('instruments.result.domain', { domain, value: value === null ? t('instruments.result.notScored') : formatNumber(value) })}</li>
          ))}
        </ul>
      ),
    });
  }
  return (
    <section className="score-result stack" aria-labelledby={headingId}>
      <Heading id={headingId} ref={headingRef} tabIndex={-1}>
        {t('instruments.result.title', { instrument: definition.shortTitle })}
      </Heading>
      <RiskAnswers definition={definition} score={score} riskFlags={riskFlags} context={context} />
      {items.length > 0 ? <DetailsList items={items} /> : null}
      {score.diagnosticAlgorithm !== undefined ? (
        <div className="card card--info">
          <p>
            <strong>{t('instruments.result.algorithm')}: </strong>
            {score.diagnosticAlgorithm === null ? t('instruments.result.algorithmIncomplete') : label('instruments.result.algorithmResult', score.diagnosticAlgorithm)}
          </p>
          <p className="muted">{t('instruments.result.algorithmCaveat')}</p>
        </div>
      ) : null}
      {score.missingItems.length > 0 ? (
        <div>
          <p>
            <strong>{t('instruments.result.missing', { count: score.missingItems.length })}</strong>
          </p>
          <ul className="plain-list">
            {score.missingItems.map((id) => (
              <li key={id}>{t('instruments.result.itemLine', { id, text: itemText(definition, id) })}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {score.skippedItems.length > 0 ? <p className="muted">{t('instruments.result.skipped', { items: score.skippedItems.join(', ') })}</p> : null}
    </section>
  );
}
