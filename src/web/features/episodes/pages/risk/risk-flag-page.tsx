import type { ComponentType } from 'react';
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { pathTo, routes } from '../../../../app/route-paths';
import { Alert } from '../../../../components/alert';
import { Badge } from '../../../../components/badge';
import { Button } from '../../../../components/button';
import { ConfirmDialog } from '../../../../components/confirm-dialog';
import { DetailsList } from '../../../../components/details-list';
import { ErrorState } from '../../../../components/error-state';
import { LinkButton } from '../../../../components/link-button';
import { PageHeader } from '../../../../components/page-header';
import { RiskAlert } from '../../../../components/risk-alert';
import { SelectField } from '../../../../components/select-field';
import { Loading } from '../../../../components/spinner';
import { TextArea } from '../../../../components/text-area';
import { isApiError } from '../../../../lib/api';
import { describeError } from '../../../../lib/describe-error';
import { useEnumLabel } from '../../../../lib/enum-label';
import { formatDateTime } from '../../../../lib/format';
import { useSession } from '../../../../lib/session-context';
import { episodeKeys } from '../../api/episode-keys';
import type { RiskActionKind, RiskFlagFull } from '../../api/risk';
import { acknowledgeFlag, closeFlag, recordAction, riskActionKinds, riskKeys, screenFlag, useRiskFlag } from '../../api/risk';

/** The C-SSRS screener form, given by app/ (it belongs to the instruments feature). */
export type RiskScreener = ComponentType<{ busy: boolean; error: unknown; onSubmit: (answers: Record<string, number>) => void; onCancel: () => void }>;

function useFlagUpdate(flagId: string) {
  const queryClient = useQueryClient();
  return (next: RiskFlagFull) => {
    queryClient.setQueryData(riskKeys.flag(flagId), next);
    void queryClient.invalidateQueries({ queryKey: riskKeys.all, predicate: (query) => query.queryKey[2] !== flagId });
    void queryClient.invalidateQueries({ queryKey: episodeKeys.all });
    void queryClient.invalidateQueries({ queryKey: episodeKeys.sessions });
  };
}

/** The organization's referral pathway and crisis lines, first and prominent; phone numbers are links. */
function PathwayCard({ flag }: { flag: RiskFlagFull }) {
  const { t } = useTranslation();
  return (
    <section className="card stack risk-pathway" aria-labelledby="flag-pathway">
      <h2 id="flag-pathway">{t('risk.flag.pathwayTitle')}</h2>
      <p>{t('risk.flag.pathwayLead')}</p>
      <ol className="risk-pathway__steps">
        {flag.pathway.map((step, index) => (
          <li key={index}>
            {step.step}
            {step.contact ? <span className="muted"> ({step.contact})</span> : null}
          </li>
        ))}
      </ol>
      <h3>{t('risk.flag.crisisTitle')}</h3>
      {flag.crisisResources.length === 0 ? (
        <p>{t('risk.flag.crisisEmpty')}</p>
      ) : (
        <ul className="risk-resources">
          {flag.crisisResources.map((resource, index) => (
            <li key={index} className="risk-resources__item">
              <a className="risk-resources__phone" href={`tel:${resource.phone.replace(/[^\d+]/g, '')}`}>
                <span aria-hidden="true">☎ </span>
                {t('risk.flag.call', { name: resource.name, phone: resource.phone })}
              </a>
              {resource.description ? <span className="muted">{resource.description}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ScreenSection({ flag, mayEdit, Screener }: { flag: RiskFlagFull; mayEdit: boolean; Screener: RiskScreener }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const update = useFlagUpdate(flag.id);
  const [screening, setScreening] = useState(false);
  const [justScreened, setJustScreened] = useState(false);
  const mutation = useMutation({
    mutationFn: (answers: Record<string, number>) => screenFlag(flag.id, { answers, ...(flag.sessionId ? { sessionId: flag.sessionId } : {}) }),
    onSuccess: (next) => {
      update(next);
      setScreening(false);
      setJustScreened(true);
    },
  });
  const triage = flag.screen?.triageLevel;
  return (
    <section className="card stack" aria-labelledby="flag-screen">
      <h2 id="flag-screen">{t('risk.flag.screenTitle')}</h2>
      {justScreened ? <Alert tone="success">{t('risk.flag.screenSaved', { level: label('risk.levels', flag.level) })}</Alert> : null}
      {flag.screenedAt ? (
        <p>
          <strong>{t('risk.flag.screenDone', { when: formatDateTime(flag.screenedAt), result: triage ? label('risk.triage', triage) : t('risk.flag.screenResultNone') })}</strong>
        </p>
      ) : screening ? (
        <Screener busy={mutation.isPending} error={mutation.error} onSubmit={(answers) => mutation.mutate(answers)} onCancel={() => setScreening(false)} />
      ) : (
        <>
          <p>
            <strong>{t('risk.flag.screenNeeded')}</strong>
          </p>
          {mayEdit ? (
            <div>
              <Button onClick={() => setScreening(true)}>{t('risk.flag.screenStart')}</Button>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}

function ActionsSection({ flag, mayEdit }: { flag: RiskFlagFull; mayEdit: boolean }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const update = useFlagUpdate(flag.id);
  const [kind, setKind] = useState<RiskActionKind>('client-safe-for-now');
  const [note, setNote] = useState('');
  const [done, setDone] = useState(false);
  const mutation = useMutation({
    mutationFn: () => recordAction(flag.id, { kind, ...(note.trim() ? { note: note.trim() } : {}) }),
    onSuccess: (next) => {
      update(next);
      setNote('');
      setDone(true);
    },
  });
  return (
    <section className="card stack" aria-labelledby="flag-actions">
      <h2 id="flag-actions">{t('risk.flag.actionsTitle')}</h2>
      {flag.actions.length === 0 ? (
        <p>{t('risk.flag.actionsEmpty')}</p>
      ) : (
        <ul className="risk-actions">
          {flag.actions.map((action) => (
            <li key={action.id}>
              <strong>{label('risk.actionKinds', action.kind)}</strong> <span className="muted">{t('risk.flag.actionBy', { name: action.recordedByName, when: formatDateTime(action.recordedAt) })}</span>
              {action.note ? <p>{action.note}</p> : null}
            </li>
          ))}
        </ul>
      )}
      {mayEdit && flag.status === 'open' ? (
        <form
          className="stack"
          aria-labelledby="flag-record-action"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            setDone(false);
            mutation.mutate();
          }}
        >
          <h3 id="flag-record-action">{t('risk.flag.recordAction')}</h3>
          {done ? <Alert tone="success">{t('risk.flag.actionRecorded')}</Alert> : null}
          {mutation.isError ? <Alert tone="error">{describeError(mutation.error)}</Alert> : null}
          <SelectField id="flag-action-kind" label={t('risk.flag.actionKind')} value={kind} onChange={(event) => setKind(event.currentTarget.value as RiskActionKind)}>
            {riskActionKinds.map((code) => (
              <option key={code} value={code}>
                {label('risk.actionKinds', code)}
              </option>
            ))}
          </SelectField>
          <TextArea id="flag-action-note" label={t('risk.flag.actionNote')} optional value={note} onChange={(event) => setNote(event.currentTarget.value)} />
          <div>
            <Button type="submit" variant="secondary" busy={mutation.isPending}>
              {t('risk.flag.actionSubmit')}
            </Button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

function AcknowledgeSection({ flag }: { flag: RiskFlagFull }) {
  const { t } = useTranslation();
  const update = useFlagUpdate(flag.id);
  const mutation = useMutation({ mutationFn: () => acknowledgeFlag(flag.id), onSuccess: update });
  return (
    <section className="card card--warning stack" aria-labelledby="flag-acknowledge">
      <h2 id="flag-acknowledge">{t('risk.flag.acknowledgeTitle')}</h2>
      <p>{t('risk.flag.acknowledgeLead')}</p>
      {mutation.isError ? <Alert tone="error">{describeError(mutation.error)}</Alert> : null}
      <div>
        <Button onClick={() => mutation.mutate()} busy={mutation.isPending}>
          {t('risk.flag.acknowledge')}
        </Button>
      </div>
    </section>
  );
}

function CloseSection({ flag }: { flag: RiskFlagFull }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const update = useFlagUpdate(flag.id);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const mutation = useMutation({
    mutationFn: () => closeFlag(flag.id, flag.version, reason.trim()),
    onSuccess: (next) => {
      update(next);
      setOpen(false);
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 412) void queryClient.invalidateQueries({ queryKey: riskKeys.flag(flag.id) });
    },
  });
  const stale = isApiError(mutation.error) && mutation.error.status === 412;
  const confirm = () => {
    if (!reason.trim()) return setReasonError(t('validation.required'));
    setReasonError(undefined);
    mutation.mutate();
  };
  return (
    <section className="stack" aria-labelledby="flag-close">
      <h2 id="flag-close">{t('risk.flag.closeTitle')}</h2>
      <p>{t('risk.flag.closeLead')}</p>
      <div>
        <Button variant="danger" onClick={() => setOpen(true)}>
          {t('risk.flag.close')}
        </Button>
      </div>
      <ConfirmDialog
        open={open}
        title={t('risk.flag.closeDialogTitle')}
        confirmLabel={t('risk.flag.closeConfirm')}
        busy={mutation.isPending}
        error={stale ? t('risk.flag.stale') : mutation.isError ? describeError(mutation.error) : null}
        onConfirm={confirm}
        onCancel={() => setOpen(false)}
      >
        <TextArea id="flag-close-reason" label={t('risk.flag.closeReason')} value={reason} error={reasonError} required onChange={(event) => setReason(event.currentTarget.value)} />
      </ConfirmDialog>
    </section>
  );
}

/**
 * One risk flag, in the order of the safety workflow: the flag itself (what raised it, level, status,
 * escalation), what to do now (the organization's referral pathway and crisis lines, with phone
 * numbers as links), the C-SSRS screen, the safety plan, actions taken, acknowledgement by a
 * supervisor when it waits for one, and closing it with a reason.
 */
export function RiskFlagPage({ Screener }: { Screener: RiskScreener }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const { can } = useSession();
  const { id = '' } = useParams();
  const query = useRiskFlag(id);

  if (query.isPending) return <Loading />;
  if (query.isError) {
    const missing = isApiError(query.error) && query.error.status === 404;
    return (
      <>
        <PageHeader title={missing ? t('risk.flag.notFound') : t('risk.flag.title')} lead={missing ? t('risk.flag.notFoundLead') : undefined} />
        {missing ? null : <ErrorState error={query.error} onRetry={() => void query.refetch()} />}
      </>
    );
  }
  const flag = query.data;
  const open = flag.status === 'open';
  const mayEdit = can('client.update') && open;
  const levelText = label('risk.levels', flag.level);
  const escalation =
    flag.escalationStatus === 'acknowledged' && flag.acknowledgedAt
      ? t('risk.flag.acknowledgedBy', { name: flag.acknowledgedByName ?? '', when: formatDateTime(flag.acknowledgedAt) })
      : `${label('risk.escalation', flag.escalationStatus)}${flag.escalatedAt ? `. ${t('risk.flag.escalatedAt', { when: formatDateTime(flag.escalatedAt) })}` : ''}`;

  return (
    <>
      <PageHeader
        title={t('risk.flag.heading', { client: flag.clientName })}
        lead={<Link to={pathTo(routes.client, { id: flag.clientId })}>{t('risk.flag.clientRecord')}</Link>}
      />
      {open ? (
        <RiskAlert title={t('risk.flag.levelBadge', { level: levelText })}>
          <p>{flag.detail}</p>
        </RiskAlert>
      ) : (
        <Alert tone="success">{t('risk.flag.closedDone')}</Alert>
      )}
      <section className="card stack" aria-labelledby="flag-summary">
        <h2 id="flag-summary">{t('risk.flag.summary')}</h2>
        <p className="badges">
          <Badge tone={open ? (flag.level === 'high' ? 'danger' : 'warning') : 'neutral'}>{t('risk.flag.levelBadge', { level: levelText })}</Badge>
          <Badge tone={open ? 'info' : 'success'}>{label('risk.status', flag.status)}</Badge>
        </p>
        <DetailsList
          items={[
            { label: t('risk.flag.whatFired'), value: label('risk.triggers', flag.trigger) },
            { label: t('risk.flag.detail'), value: flag.detail },
            { label: t('risk.flag.level'), value: levelText },
            { label: t('risk.flag.status'), value: label('risk.status', flag.status) },
            { label: t('risk.flag.raised'), value: formatDateTime(flag.raisedAt) },
            { label: t('risk.flag.escalation'), value: escalation },
            ...(flag.sessionId ? [{ label: t('risk.flag.session'), value: <Link to={pathTo(routes.session, { id: flag.sessionId })}>{t('risk.flag.openSession')}</Link> }] : []),
            ...(flag.closedAt ? [{ label: t('risk.flag.closed'), value: formatDateTime(flag.closedAt) }, { label: t('risk.flag.closeReason'), value: flag.closeReason }] : []),
          ]}
        />
      </section>
      {open ? <PathwayCard flag={flag} /> : null}
      {open && can('risk.acknowledge') && flag.escalationStatus === 'pending' ? <AcknowledgeSection flag={flag} /> : null}
      <ScreenSection flag={flag} mayEdit={mayEdit} Screener={Screener} />
      <section className="card stack" aria-labelledby="flag-plan">
        <h2 id="flag-plan">{t('risk.flag.safetyPlanTitle')}</h2>
        <p>{t('risk.flag.safetyPlanLead')}</p>
        <div>
          <LinkButton to={pathTo(routes.safetyPlan, { clientId: flag.clientId }, { flagId: flag.id })}>{t('risk.flag.safetyPlanOpen')}</LinkButton>
        </div>
      </section>
      <ActionsSection flag={flag} mayEdit={mayEdit} />
      {mayEdit ? <CloseSection flag={flag} /> : null}
    </>
  );
}
