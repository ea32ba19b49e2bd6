import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { pathTo, routes } from '../../../../app/route-paths';
import { Alert } from '../../../../components/alert';
import { Badge } from '../../../../components/badge';
import { Button } from '../../../../components/button';
import { ConfirmDialog } from '../../../../components/confirm-dialog';
import { ErrorState } from '../../../../components/error-state';
import { PageHeader } from '../../../../components/page-header';
import { Loading } from '../../../../components/spinner';
import { TextField } from '../../../../components/text-field';
import { isApiError } from '../../../../lib/api';
import { describeError } from '../../../../lib/describe-error';
import { formatCalendarDate, formatDateTime, formatNumber } from '../../../../lib/format';
import { useSession } from '../../../../lib/session-context';
import type { SafetyPlan, SafetyPlanContent } from '../../api/risk';
import { riskKeys, saveSafetyPlan, signSafetyPlan, useSafetyPlan, useSafetyPlanHistory } from '../../api/risk';
import { clientDocumentPath } from '../documents/documents-api';
import { DownloadPdfButton } from '../documents/download-pdf-button';

type ListStep = 'warningSigns' | 'internalCopingStrategies' | 'makingTheEnvironmentSafe' | 'reasonsForLiving';
type ContactStep = 'peopleAndPlacesThatDistract' | 'peopleToAskForHelp' | 'professionalsAndServices';
type Contact = { name: string; phone?: string | null; note?: string | null };
const steps: readonly ({ key: ListStep; kind: 'list' } | { key: ContactStep; kind: 'contacts' })[] = [
  { key: 'warningSigns', kind: 'list' },
  { key: 'internalCopingStrategies', kind: 'list' },
  { key: 'peopleAndPlacesThatDistract', kind: 'contacts' },
  { key: 'peopleToAskForHelp', kind: 'contacts' },
  { key: 'professionalsAndServices', kind: 'contacts' },
  { key: 'makingTheEnvironmentSafe', kind: 'list' },
  { key: 'reasonsForLiving', kind: 'list' },
];

/** Drop empty rows and trim, so the server gets only what was written. */
function cleaned(plan: SafetyPlanContent): SafetyPlanContent {
  const list = (values: string[]) => values.map((value) => value.trim()).filter(Boolean);
  const contacts = (values: Contact[]) =>
    values
      .filter((contact) => contact.name.trim())
      .map((contact) => ({ name: contact.name.trim(), ...(contact.phone?.trim() ? { phone: contact.phone.trim() } : {}), ...(contact.note?.trim() ? { note: contact.note.trim() } : {}) }));
  return {
    warningSigns: list(plan.warningSigns),
    internalCopingStrategies: list(plan.internalCopingStrategies),
    peopleAndPlacesThatDistract: contacts(plan.peopleAndPlacesThatDistract),
    peopleToAskForHelp: contacts(plan.peopleToAskForHelp),
    professionalsAndServices: contacts(plan.professionalsAndServices),
    makingTheEnvironmentSafe: list(plan.makingTheEnvironmentSafe),
    reasonsForLiving: list(plan.reasonsForLiving),
  };
}

function StepHeading({ step }: { step: ListStep | ContactStep }) {
  const { t } = useTranslation();
  const hint = t(`risk.plan.steps.${step}Hint`);
  return (
    <>
      <h2 id={`plan-${step}`}>{t(`risk.plan.steps.${step}`)}</h2>
      {hint ? <p className="muted">{hint}</p> : null}
    </>
  );
}

/** The signed (or read-only) plan, laid out to be printed and handed to the client. */
function PlanView({ plan }: { plan: SafetyPlanContent }) {
  const { t } = useTranslation();
  return (
    <div className="safety-plan stack">
      {steps.map((step) => {
        const values = plan[step.key];
        return (
          <section key={step.key} className="card stack safety-plan__step" aria-labelledby={`plan-${step.key}`}>
            <StepHeading step={step.key} />
            {values.length === 0 ? (
              <p className="muted">{t('risk.plan.empty')}</p>
            ) : (
              <ul>
                {step.kind === 'list'
                  ? (values as string[]).map((value, index) => <li key={index}>{value}</li>)
                  : (values as Contact[]).map((contact, index) => (
                      <li key={index}>
                        <strong>{contact.name}</strong>
                        {contact.phone ? (
                          <>
                            {' · '}
                            <a href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>{contact.phone}</a>
                          </>
                        ) : null}
                        {contact.note ? <span className="muted"> · {contact.note}</span> : null}
                      </li>
                    ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}

function PlanEditor({ clientId, plan, flagId, onStale, onSigned }: { clientId: string; plan: SafetyPlan; flagId: string | undefined; onStale: () => void; onSigned: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [content, setContent] = useState<SafetyPlanContent>(plan.plan);
  const [reviewDate, setReviewDate] = useState(plan.reviewDate ?? '');
  const [saved, setSaved] = useState(false);
  const [signing, setSigning] = useState(false);
  const [version, setVersion] = useState(plan.version);

  const save = useMutation({
    mutationFn: () => saveSafetyPlan(clientId, version, { plan: cleaned(content), reviewDate: reviewDate || null, ...(flagId ? { flagId } : {}) }),
    onSuccess: (next) => {
      setVersion(next.version);
      setContent(next.plan);
      setSaved(true);
      queryClient.setQueryData(riskKeys.plan(clientId), next);
      void queryClient.invalidateQueries({ queryKey: riskKeys.planHistory(clientId) });
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 412) onStale();
    },
  });
  const sign = useMutation({
    mutationFn: async () => {
      const draft = await saveSafetyPlan(clientId, version, { plan: cleaned(content), reviewDate: reviewDate || null, ...(flagId ? { flagId } : {}) });
      return signSafetyPlan(clientId, draft.version);
    },
    onSuccess: (next) => {
      setSigning(false);
      onSigned();
      queryClient.setQueryData(riskKeys.plan(clientId), next);
      void queryClient.invalidateQueries({ queryKey: riskKeys.all });
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 412) {
        setSigning(false);
        onStale();
      }
    },
  });

  const setList = (key: ListStep, values: string[]) => setContent((current) => ({ ...current, [key]: values }));
  const setContacts = (key: ContactStep, values: Contact[]) => setContent((current) => ({ ...current, [key]: values }));

  return (
    <>
    <form
      className="stack"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(false);
        save.mutate();
      }}
    >
      {steps.map((step) => {
        const stepLabel = t(`risk.plan.steps.${step.key}`);
        return (
          <fieldset key={step.key} className="card stack safety-plan__step" aria-labelledby={`plan-${step.key}`}>
            <StepHeading step={step.key} />
            {step.kind === 'list'
              ? content[step.key].map((value, index) => (
                  <div key={index} className="safety-plan__row">
                    <TextField
                      id={`plan-${step.key}-${index}`}
                      label={t('risk.plan.entry', { number: formatNumber(index + 1) })}
                      value={value}
                      maxLength={300}
                      onChange={(event) => setList(step.key, content[step.key].map((old, i) => (i === index ? event.currentTarget.value : old)))}
                    />
                    <Button variant="secondary" aria-label={t('risk.plan.removeEntry', { number: formatNumber(index + 1), step: stepLabel })} onClick={() => setList(step.key, content[step.key].filter((_, i) => i !== index))}>
                      {t('risk.plan.remove')}
                    </Button>
                  </div>
                ))
              : content[step.key].map((contact, index) => {
                  const change = (field: keyof Contact, value: string) => setContacts(step.key, content[step.key].map((old, i) => (i === index ? { ...old, [field]: value } : old)));
                  return (
                    <fieldset key={index} className="safety-plan__contact">
                      <legend>{t('risk.plan.contact', { number: formatNumber(index + 1) })}</legend>
                      <TextField id={`plan-${step.key}-${index}-name`} label={t('risk.plan.name')} value={contact.name} maxLength={200} onChange={(event) => change('name', event.currentTarget.value)} />
                      <TextField id={`plan-${step.key}-${index}-phone`} label={t('risk.plan.phone')} type="tel" optional value={contact.phone ?? ''} maxLength={50} onChange={(event) => change('phone', event.currentTarget.value)} />
                      <TextField id={`plan-${step.key}-${index}-note`} label={t('risk.plan.note')} optional value={contact.note ?? ''} maxLength={300} onChange={(event) => change('note', event.currentTarget.value)} />
                      <div>
                        <Button variant="secondary" aria-label={t('risk.plan.removeEntry', { number: formatNumber(index + 1), step: stepLabel })} onClick={() => setContacts(step.key, content[step.key].filter((_, i) => i !== index))}>
                          {t('risk.plan.remove')}
                        </Button>
                      </div>
                    </fieldset>
                  );
                })}
            <div>
              <Button
                variant="secondary"
                aria-label={t('risk.plan.addEntry', { step: stepLabel })}
                onClick={() => (step.kind === 'list' ? setList(step.key, [...content[step.key], '']) : setContacts(step.key, [...content[step.key], { name: '', phone: '', note: '' }]))}
              >
                {t('risk.plan.add')}
              </Button>
            </div>
          </fieldset>
        );
      })}
      <div className="card stack">
        <TextField id="plan-review-date" label={t('risk.plan.reviewDate')} type="date" optional value={reviewDate} onChange={(event) => setReviewDate(event.currentTarget.value)} />
      </div>
      {saved ? <Alert tone="success">{t('risk.plan.saved')}</Alert> : null}
      {save.isError && !(isApiError(save.error) && save.error.status === 412) ? <Alert tone="error">{describeError(save.error)}</Alert> : null}
      <div className="actions">
        <Button type="submit" variant="secondary" busy={save.isPending}>
          {t('risk.plan.save')}
        </Button>
        <Button onClick={() => setSigning(true)}>{t('risk.plan.sign')}</Button>
      </div>
    </form>
      {/* Outside the plan's form: the dialog's own form must not submit (save) the plan as well. */}
      <ConfirmDialog
        open={signing}
        title={t('risk.plan.signTitle')}
        confirmLabel={t('risk.plan.signConfirm')}
        tone="primary"
        busy={sign.isPending}
        error={sign.isError ? describeError(sign.error) : null}
        onConfirm={() => sign.mutate()}
        onCancel={() => setSigning(false)}
      >
        <p>{t('risk.plan.signLead')}</p>
      </ConfirmDialog>
    </>
  );
}

function History({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const history = useSafetyPlanHistory(clientId);
  const items = history.data?.items ?? [];
  return (
    <section className="stack no-print" aria-labelledby="plan-history">
      <h2 id="plan-history">{t('risk.plan.history')}</h2>
      {history.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <p>{t('risk.plan.historyEmpty')}</p>
      ) : (
        <ul>
          {items.map((item) => (
            <li key={item.id ?? item.planNumber}>
              {t('risk.plan.historyItem', { number: formatNumber(item.planNumber), status: item.status === 'signed' ? t('risk.plan.statusSigned') : t('risk.plan.statusDraft') })}
              {item.signedAt ? <span className="muted"> · {t('risk.plan.signedBy', { name: item.signedByName ?? '', when: formatDateTime(item.signedAt) })}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * The client's Stanley–Brown safety plan: the seven steps as editable lists (professionals and
 * services prefilled with the organization's crisis lines), a review date, save draft, sign (which
 * locks it), the signed plan laid out for printing, "Start a new version" and the history.
 */
export function SafetyPlanPage({ clientName }: { clientName?: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const { clientId = '' } = useParams();
  const [search] = useSearchParams();
  const flagId = search.get('flagId') ?? undefined;
  const query = useSafetyPlan(clientId);
  const [newVersion, setNewVersion] = useState(false);
  const [stale, setStale] = useState(false);
  const [reloads, setReloads] = useState(0);

  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const plan = query.data;
  const signed = plan.status === 'signed';
  const editing = can('client.update') && (!signed || newVersion);
  const status = plan.status === 'new' ? t('risk.plan.statusNew') : signed ? t('risk.plan.statusSigned') : t('risk.plan.statusDraft');

  return (
    <>
      <PageHeader
        title={clientName ? t('risk.plan.heading', { client: clientName }) : t('risk.plan.title')}
        lead={t('risk.plan.lead')}
        actions={
          <div className="no-print stack">
            <div>
              <Button variant="secondary" onClick={() => window.print()}>
                {t('risk.plan.print')}
              </Button>
            </div>
            {plan.status !== 'new' && can('client.update') ? (
              <DownloadPdfButton path={clientDocumentPath(clientId)} clientId={clientId} request={{ kind: 'safety-plan', recipientKind: 'client' }} label={t('documents.downloadSafetyPlan')} />
            ) : null}
          </div>
        }
      />
      <p className="badges">
        <Badge tone="info">{t('risk.plan.number', { number: formatNumber(plan.planNumber) })}</Badge>
        <Badge tone={signed ? 'success' : 'neutral'}>{status}</Badge>
      </p>
      {flagId ? (
        <p className="no-print">
          {t('risk.plan.forFlag')}: <Link to={pathTo(routes.riskFlag, { id: flagId })}>{t('risk.plan.openFlag')}</Link>
        </p>
      ) : null}
      {stale ? <Alert tone="warning">{t('risk.plan.stale')}</Alert> : null}
      {signed && plan.signedAt && !newVersion ? <Alert tone="success">{t('risk.plan.signedBy', { name: plan.signedByName ?? '', when: formatDateTime(plan.signedAt) })}</Alert> : null}
      {editing ? (
        <PlanEditor
          key={`${newVersion ? 'next' : plan.planNumber}-${reloads}`}
          clientId={clientId}
          plan={plan}
          flagId={flagId}
          onStale={() => {
            setStale(true);
            void queryClient.invalidateQueries({ queryKey: riskKeys.plan(clientId) }).then(() => setReloads((n) => n + 1));
          }}
          onSigned={() => setNewVersion(false)}
        />
      ) : (
        <>
          <PlanView plan={plan.plan} />
          <p>
            <strong>{t('risk.plan.reviewDate')}:</strong> {plan.reviewDate ? formatCalendarDate(plan.reviewDate) : t('risk.plan.reviewDateNone')}
          </p>
          {signed && can('client.update') ? (
            <div className="no-print">
              <Button variant="secondary" onClick={() => setNewVersion(true)}>
                {t('risk.plan.newVersion')}
              </Button>
            </div>
          ) : null}
        </>
      )}
      <History clientId={clientId} />
    </>
  );
}
