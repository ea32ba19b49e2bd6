import { useTranslation } from 'react-i18next';
import { Badge } from '../../../components/badge';

/** "Active" or "Archived", as a badge with text (not colour alone). */
export function ClientStatusBadge({ status }: { status: 'active' | 'archived' }) {
  const { t } = useTranslation();
  return <Badge tone={status === 'active' ? 'success' : 'neutral'}>{t(`clients.status.${status}`)}</Badge>;
}
