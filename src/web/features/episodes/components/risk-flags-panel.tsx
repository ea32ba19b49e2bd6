import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { pathTo, routes } from '../../../app/route-paths';
import { Badge } from '../../../components/badge';
import { RiskAlert } from '../../../components/risk-alert';
import { useEnumLabel } from '../../../lib/enum-label';
import { formatDateTime } from '../../../lib/format';
import type { RiskFlag } from '../api/types';

/**
 * Open risk flags, shown first and unmistakably (role=alert, red frame, icon and words): each with
 * its level in words, what raised it and when, and a link to the session where it was raised.
 */
export function RiskFlagsPanel({ flags, title, linkSessions = true }: { flags: readonly RiskFlag[]; title?: string; linkSessions?: boolean }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  if (flags.length === 0) return null;
  return (
    <RiskAlert title={title ?? t('episodes.risk.title', { count: flags.length })}>
      <ul className="risk-alert__list">
        {flags.map((flag) => (
          <li key={flag.id}>
            <Badge tone={flag.level === 'high' ? 'danger' : 'warning'}>{t('episodes.risk.level', { level: label('risk.levels', flag.level) })}</Badge> {flag.detail}{' '}
            <span className="muted">{t('episodes.risk.raised', { when: formatDateTime(flag.raisedAt) })}</span>
            {flag.status === 'open' ? (
              <>
                {' '}
                <Link to={pathTo(routes.riskFlag, { id: flag.id })}>{t('risk.banner.openFlag')}</Link>
                {linkSessions && flag.sessionId ? ' ·' : null}
              </>
            ) : null}
            {linkSessions && flag.sessionId ? (
              <>
                {' '}
                <Link to={pathTo(routes.session, { id: flag.sessionId })}>{t('episodes.risk.openSession')}</Link>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      <p className="risk-alert__action">{t('episodes.risk.action')}</p>
    </RiskAlert>
  );
}
