import { useTranslation } from 'react-i18next';
import type { Plan } from '../api/types';

const toneOf = (severity: string) => (severity === 'alert' ? 'alert' : severity === 'warning' ? 'warning' : 'info');

/**
 * What the protocol's plan warns about before the next session (no focus agreed yet, contract used
 * up, the ending not raised, a measure overdue, an open risk answer), in the server's plain words.
 * Severity is shown with an icon and a word as well as the colour.
 */
export function PlanWarnings({ warnings }: { warnings: Plan['warnings'] }) {
  const { t } = useTranslation();
  if (warnings.length === 0) return null;
  return (
    <section aria-labelledby="plan-warnings" className="stack">
      <h2 id="plan-warnings" className="visually-hidden">
        {t('episodes.warnings.title')}
      </h2>
      <ul className="warning-list">
        {warnings.map((warning) => {
          const tone = toneOf(warning.severity);
          return (
            <li key={warning.code} className={`warning warning--${tone}`}>
              <span className="warning__icon" aria-hidden="true">
                {tone === 'info' ? 'ℹ' : '⚠'}
              </span>
              <span>
                <strong>{t(`episodes.warnings.${tone}`)}: </strong>
                {warning.message}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
