import { Badge } from '../../../components/badge';
import { useEnumLabel } from '../../../lib/enum-label';

/** An episode's status in words (planned, active, ended, dropped out). */
export function EpisodeStatusBadge({ status }: { status: string }) {
  const label = useEnumLabel();
  const tone = status === 'active' ? 'success' : status === 'planned' ? 'info' : status === 'dropped-out' ? 'warning' : 'neutral';
  return <Badge tone={tone}>{label('episodes.status', status)}</Badge>;
}
