import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../lib/format';
import type { Plan } from '../api/types';

/**
 * The phase plan as a strip: each phase with its sessions, one dot per session (filled when held,
 * ringed for the next one), the current phase marked in words and with aria-current. On a phone the
 * phases stack; on a wide screen they sit side by side, each as wide as its number of sessions.
 */
export function PhaseTimeline({ plan, currentPhase, sessionsHeld }: { plan: Plan; currentPhase: string; sessionsHeld: number }) {
  const { t } = useTranslation();
  return (
    <ol className="phase-strip" aria-label={t('episodes.timeline.label')}>
      {plan.phasePlan.map((phase) => {
        const current = phase.phase === currentPhase;
        const sessions = Array.from({ length: Math.max(phase.last - phase.first + 1, 0) }, (_, index) => phase.first + index);
        return (
          <li key={phase.phase} className={`phase-strip__phase${current ? ' phase-strip__phase--current' : ''}`} aria-current={current ? 'step' : undefined}>
            <span className="phase-strip__label">
              {phase.label}
              {current ? <span className="phase-strip__now"> {t('episodes.timeline.current')}</span> : null}
            </span>
            <span className="phase-strip__range">
              {phase.first === phase.last
                ? t('episodes.timeline.one', { number: formatNumber(phase.first) })
                : t('episodes.timeline.range', { first: formatNumber(phase.first), last: formatNumber(phase.last) })}
            </span>
            <span className="phase-strip__dots" aria-hidden="true">
              {sessions.map((number) => (
                <span key={number} className={`phase-strip__dot${number <= sessionsHeld ? ' phase-strip__dot--held' : number === plan.nextSessionNumber ? ' phase-strip__dot--next' : ''}`} />
              ))}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
