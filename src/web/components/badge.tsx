import type { ReactNode } from 'react';

/** A short status label (active, archived, pending…); colour is never the only signal, the text is. */
export function Badge({ tone = 'neutral', children }: { tone?: 'neutral' | 'success' | 'warning' | 'danger' | 'info'; children: ReactNode }) {
  return <span className={`badge badge--${tone}`}>{children}</span>;
}
