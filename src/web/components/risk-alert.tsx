import type { ReactNode } from 'react';

/**
 * A risk message that must not be missed: a risk answer on a questionnaire or an open risk flag.
 * It is announced at once (role=alert) and marked three ways, never by colour alone: a strong red
 * frame, a warning icon and the words of its title. Both the questionnaires and the episode and
 * session pages use it, so risk always looks the same wherever it appears.
 */
export function RiskAlert({ title, children, id }: { title: ReactNode; children?: ReactNode; id?: string }) {
  return (
    <div id={id} className="risk-alert" role="alert">
      <p className="risk-alert__title">
        <span className="risk-alert__icon" aria-hidden="true">
          ⚠
        </span>
        <span>{title}</span>
      </p>
      {children ? <div className="risk-alert__body">{children}</div> : null}
    </div>
  );
}
