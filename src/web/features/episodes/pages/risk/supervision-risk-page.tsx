import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { pathTo, routes } from '../../../../app/route-paths';
import { Alert } from '../../../../components/alert';
import { Badge } from '../../../../components/badge';
import { Button } from '../../../../components/button';
import { EmptyState } from '../../../../components/empty-state';
import { ErrorState } from '../../../../components/error-state';
import { LinkButton } from '../../../../components/link-button';
import { PageHeader } from '../../../../components/page-header';
import { Loading } from '../../../../components/spinner';
import { describeError } from '../../../../lib/describe-error';
import { useEnumLabel } from '../../../../lib/enum-label';
import { formatDateTime } from '../../../../lib/format';
import type { RiskDashboardItem } from '../../api/risk';
import { acknowledgeFlag, riskKeys, useSupervisionRiskFlags } from '../../api/risk';

function FlagCard({ item, onAcknowledged }: { item: RiskDashboardItem; onAcknowledged: (client: string) => void }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => acknowledgeFlag(item.id),
    onSuccess: () => {
      onAcknowledged(item.clientName);
      void queryClient.invalidateQueries({ queryKey: riskKeys.all });
    },
  });
  const pending = item.escalationStatus === 'pending';
  const headingId = `risk-item-${item.id}`;
  return (
    <li className={`card stack risk-card${pending ? ' risk-card--pending' : ''}`} aria-labelledby={headingId}>
      <h2 id={headingId} className="risk-card__title">
        {pending ? <span aria-hidden="true">⚠ </span> : null}
        {item.clientName}
      </h2>
      <p className="badges">
        <Badge tone={item.level === 'high' ? 'danger' : 'warning'}>{t('risk.flag.levelBadge', { level: label('risk.levels', item.level) })}</Badge>
        <Badge tone={pending ? 'danger' : item.escalationStatus === 'acknowledged' ? 'success' : 'neutral'}>{label('risk.escalation', item.escalationStatus)}</Badge>
      </p>
      <p>{item.detail}</p>
      <p className="muted">
        {t('risk.supervision.clinician')}: {item.clinicianName} · {t('risk.supervision.raised')}: {formatDateTime(item.raisedAt)}
      </p>
      {mutation.isError ? <Alert tone="error">{describeError(mutation.error)}</Alert> : null}
      <div className="actions">
        <LinkButton to={pathTo(routes.riskFlag, { id: item.id })} aria-label={t('risk.supervision.openFor', { client: item.clientName })}>
          {t('risk.supervision.open')}
        </LinkButton>
        {pending ? (
          <Button onClick={() => mutation.mutate()} busy={mutation.isPending} aria-label={t('risk.supervision.acknowledgeFor', { client: item.clientName })}>
            {t('risk.flag.acknowledge')}
          </Button>
        ) : null}
      </div>
    </li>
  );
}

/** The supervisor's risk list: open flags of the supervisees' clients, unacknowledged escalations first. */
export function SupervisionRiskPage() {
  const { t } = useTranslation();
  const flags = useSupervisionRiskFlags();
  const [acknowledged, setAcknowledged] = useState<string | null>(null);
  return (
    <>
      <PageHeader title={t('risk.supervision.title')} lead={t('risk.supervision.lead')} />
      {acknowledged ? (
        <Alert tone="success">{t('risk.supervision.acknowledged', { client: acknowledged })}</Alert>
      ) : null}
      {flags.isPending ? (
        <Loading />
      ) : flags.isError ? (
        <ErrorState error={flags.error} onRetry={() => void flags.refetch()} />
      ) : flags.data.items.length === 0 ? (
        <EmptyState title={t('risk.supervision.empty')}>{t('risk.supervision.emptyLead')}</EmptyState>
      ) : (
        <ul className="card-list risk-list">
          {flags.data.items.map((item) => (
            <FlagCard key={item.id} item={item} onAcknowledged={setAcknowledged} />
          ))}
        </ul>
      )}
    </>
  );
}
