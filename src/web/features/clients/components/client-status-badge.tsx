import { useTranslation } from 'react-i18next';
import { Badge } from '../../../components/badge';

/** "Active" or "Archived", as a badge with text (not colour alone). */
export function ClientStatusBadge({ status }: { status: 'active' | 'archived' }) {
  const { t } = useTranslation();
  return <Badge tone={status === 'active' ? 'success' : 'neutral'}>{t(`clients.status.${status}`)}</Badge>;
}

/** The highest open risk level on the caseload, in words and colour: "Risk: high". */
export function ClientRiskBadge({ level }: { level: 'low' | 'moderate' | 'high' | null }) {
  const { t } = useTranslation();
  if (!level) return null;
  return <Badge tone={level === 'low' ? 'neutral' : 'danger'}>{t('clients.list.openRisk', { level: t(`risk.levels.${level}`) })}</Badge>;
}
