import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useNotices } from '../features/episodes/api/risk';
import { useSession } from '../lib/session-context';
import { routes } from './route-paths';

/**
 * The supervisor's notices indicator in the header: how many risk escalations wait for an
 * acknowledgement, linking to the risk list. Marked by an icon and words as well as colour.
 */
export function RiskNotices() {
  const { t } = useTranslation();
  const { can, session } = useSession();
  const enabled = Boolean(session) && !session?.mfaEnrolmentRequired && can('risk.acknowledge');
  const notices = useNotices(enabled);
  if (!enabled) return null;
  const waiting = new Set((notices.data?.items ?? []).filter((notice) => !notice.acknowledged && notice.flagId).map((notice) => notice.flagId)).size;
  return (
    <Link to={routes.supervisionRisk} className={`risk-notices${waiting > 0 ? ' risk-notices--waiting' : ''}`}>
      <span aria-hidden="true">{waiting > 0 ? '⚠ ' : ''}</span>
      {waiting > 0 ? t('risk.notices.label', { count: waiting }) : t('risk.notices.none')}
    </Link>
  );
}
