import type { ReactNode } from 'react';

/** The tone of a message; errors interrupt (role=alert), the others wait their turn (role=status). */
export type AlertTone = 'info' | 'success' | 'warning' | 'error';

/**
 * A message box that screen readers announce. `error` uses role=alert (assertive); the other tones
 * use role=status (polite) so that they do not cut off what is being read.
 */
export function Alert({ tone = 'info', title, children, id }: { tone?: AlertTone; title?: ReactNode; children?: ReactNode; id?: string }) {
  return (
    <div id={id} className={`alert alert--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title ? <p className="alert__title">{title}</p> : null}
      {children ? <div className="alert__body">{children}</div> : null}
    </div>
  );
}
