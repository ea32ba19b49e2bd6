import { useTranslation } from 'react-i18next';
import { useEnumLabel } from '../../../lib/enum-label';
import { formatDateTime, formatNumber } from '../../../lib/format';
import type { Episode } from '../api/types';

/** Every phase change: from and to, at which session, when, the guards overridden and the reason given. */
export function PhaseHistory({ changes, phaseLabel }: { changes: Episode['phaseChanges']; phaseLabel: (phase: string) => string }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  return (
    <div className="stack">
      <h3>{t('episodes.phase.historyTitle')}</h3>
      {changes.length === 0 ? (
        <p className="muted">{t('episodes.phase.noHistory')}</p>
      ) : (
        <ol className="history-list">
          {changes.map((change) => (
            <li key={change.id} className="history-list__item">
              <p>
                <strong>{t('episodes.phase.historyItem', { from: phaseLabel(change.fromPhase), to: phaseLabel(change.toPhase), number: formatNumber(change.atSession) })}</strong>
              </p>
              <p className="muted">{formatDateTime(change.changedAt)}</p>
              {change.overriddenGuards.length > 0 ? <p>{t('episodes.phase.overridden', { guards: change.overriddenGuards.map((code) => label('episodes.guards', code)).join('; ') })}</p> : null}
              {change.reason ? <p>{t('episodes.phase.reasonGiven', { reason: change.reason })}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
