import { useTranslation } from 'react-i18next';
import { useClientRiskFlags } from '../../api/risk';
import { RiskFlagsPanel } from '../risk-flags-panel';

/**
 * The banner every page of a client with an open risk flag starts with: each flag's level in words,
 * what raised it and a link to the flag page, announced at once (role=alert) and marked by frame,
 * icon and words, never by colour alone. Nothing is shown while loading or when there is no flag.
 */
export function RiskBanner({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const flags = useClientRiskFlags(clientId);
  const open = flags.data?.items.filter((flag) => flag.status === 'open') ?? [];
  if (open.length === 0) return null;
  return <RiskFlagsPanel flags={open} title={t('risk.banner.title', { count: open.length })} />;
}
