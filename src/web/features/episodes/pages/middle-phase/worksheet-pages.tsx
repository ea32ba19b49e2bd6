import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { pathTo, routes } from '../../../../app/route-paths';
import { Alert } from '../../../../components/alert';
import { ErrorState } from '../../../../components/error-state';
import { PageHeader } from '../../../../components/page-header';
import { Loading } from '../../../../components/spinner';
import { isApiError } from '../../../../lib/api';
import { useEnumLabel } from '../../../../lib/enum-label';
import { formatDateTime, formatNumber } from '../../../../lib/format';
import { useIdempotencyKey } from '../../../../lib/idempotency-key';
import type { WorksheetKind } from '../../api/middle-phase-api';
import { WORKSHEET_KINDS, addWorksheet, replaceWorksheet, useInvalidateMiddlePhase, useWorksheet, useWorksheetHistory, useWorkspaces } from '../../api/middle-phase-api';
import { useSessionRecord } from '../../api/sessions';
import { MiddlePhaseFrame } from './middle-phase-frame';
import { SaveError } from './middle-phase-parts';
import type { WorksheetContent } from './worksheet-form';
import { WorksheetForm, WorksheetReadout } from './worksheet-form';

const isKind = (value: string): value is WorksheetKind => (WORKSHEET_KINDS as readonly string[]).includes(value);

/** A new worksheet of one kind on an open session; saving opens the worksheet's own page. */
export function NewWorksheetPage() {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const navigate = useNavigate();
  const { id = '', kind = '' } = useParams();
  const session = useSessionRecord(id);
  const episodeId = session.data?.episodeId ?? '';
  const workspaces = useWorkspaces(episodeId);
  const invalidate = useInvalidateMiddlePhase();
  const idempotency = useIdempotencyKey();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (!isKind(kind)) return <PageHeader title={t('middlePhase.worksheet.unknownKind')} />;
  if (session.isPending) return <Loading />;
  if (session.isError) return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  const data = session.data;

  const submit = (content: WorksheetContent) => {
    setError(null);
    setBusy(true);
    addWorksheet(data.id, { kind: content.kind, payload: content.payload, workspaceId: content.workspaceId } as Parameters<typeof addWorksheet>[1], idempotency.key())
      .then(async (created) => {
        idempotency.renew();
        await invalidate();
        void navigate(pathTo(routes.worksheet, { id: created.id }), { state: { created: true } });
      })
      .catch((failure: unknown) => setError(failure))
      .finally(() => setBusy(false));
  };

  return (
    <MiddlePhaseFrame
      episodeId={data.episodeId}
      title={t('middlePhase.worksheet.newTitle', { kind: label('middlePhase.kinds', kind), number: formatNumber(data.number) })}
      lead={<Link to={pathTo(routes.sessionWork, { id: data.id })}>{t('middlePhase.session.backToWork', { number: formatNumber(data.number) })}</Link>}
    >
      {(editable) => (
        <>
          <p className="muted">{t(`middlePhase.kindLeads.${kind}` as never)}</p>
          {data.noteStatus === 'signed' ? <Alert tone="warning">{t('middlePhase.session.signed')}</Alert> : null}
          <SaveError error={error} />
          {editable && data.noteStatus !== 'signed' && workspaces.data ? (
            <WorksheetForm kind={kind} initial={null} workspaces={workspaces.data.items} busy={busy} submitLabel={t('middlePhase.worksheet.save')} onSubmit={submit} />
          ) : null}
          {workspaces.isPending ? <Loading /> : null}
        </>
      )}
    </MiddlePhaseFrame>
  );
}

/** One worksheet: its form (read-only once the session is signed) and every version, newest first. */
export function WorksheetPage() {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const location = useLocation();
  const { id = '' } = useParams();
  const worksheet = useWorksheet(id);
  const history = useWorksheetHistory(id);
  const workspaces = useWorkspaces(worksheet.data?.episodeId ?? '');
  const invalidate = useInvalidateMiddlePhase();
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState((location.state as { created?: boolean } | null)?.created ? t('middlePhase.worksheet.created') : '');
  const [busy, setBusy] = useState(false);

  if (worksheet.isPending) return <Loading />;
  if (worksheet.isError) {
    const missing = isApiError(worksheet.error) && worksheet.error.status === 404;
    return (
      <>
        <PageHeader title={t('middlePhase.worksheet.notFound')} />
        {missing ? <p>{t('middlePhase.worksheet.notFoundLead')}</p> : <ErrorState error={worksheet.error} onRetry={() => void worksheet.refetch()} />}
      </>
    );
  }
  const data = worksheet.data;

  const submit = (content: WorksheetContent) => {
    setError(null);
    setMessage('');
    setBusy(true);
    replaceWorksheet(data.id, data.version, { kind: content.kind, payload: content.payload, workspaceId: content.workspaceId } as Parameters<typeof replaceWorksheet>[2])
      .then(async () => {
        await invalidate();
        setMessage(t('middlePhase.worksheet.saved'));
      })
      .catch((failure: unknown) => {
        setError(failure);
        if (isApiError(failure) && (failure.status === 412 || failure.status === 423)) void invalidate();
      })
      .finally(() => setBusy(false));
  };

  return (
    <MiddlePhaseFrame
      episodeId={data.episodeId}
      title={t('middlePhase.worksheet.title', { kind: data.kindLabel, number: formatNumber(data.sessionNumber) })}
      lead={<Link to={pathTo(routes.sessionWork, { id: data.sessionId })}>{t('middlePhase.session.backToWork', { number: formatNumber(data.sessionNumber) })}</Link>}
    >
      {(editable) => (
        <>
          <div role="status">{message ? <Alert tone="success">{message}</Alert> : null}</div>
          <SaveError error={error} />
          <section className="card stack" aria-labelledby="worksheet-summary">
            <h2 id="worksheet-summary">{t('middlePhase.worksheet.summaryTitle')}</h2>
            <p>{data.summary}</p>
            <p className="muted">
              {t('middlePhase.worksheet.meta', { version: formatNumber(data.version), when: formatDateTime(data.updatedAt) })}
              {data.area ? ` · ${label('middlePhase.areas', data.area)}` : ''}
            </p>
            {data.locked ? <Alert tone="info">{t('middlePhase.worksheet.locked')}</Alert> : null}
          </section>
          {editable && !data.locked && workspaces.data ? (
            <WorksheetForm key={data.version} kind={data.kind} initial={data} workspaces={workspaces.data.items} busy={busy} submitLabel={t('middlePhase.worksheet.saveVersion')} onSubmit={submit} />
          ) : (
            <section className="card stack" aria-labelledby="worksheet-content">
              <h2 id="worksheet-content">{data.kindLabel}</h2>
              <WorksheetReadout kind={data.kind} payload={data.payload as Record<string, unknown>} />
            </section>
          )}
          <section className="stack" aria-labelledby="worksheet-history">
            <h2 id="worksheet-history">{t('middlePhase.worksheet.history')}</h2>
            {history.isPending ? <Loading /> : null}
            {history.isError ? <ErrorState error={history.error} onRetry={() => void history.refetch()} /> : null}
            {history.data ? (
              <ol className="mp-history" reversed>
                {history.data.items.map((item) => (
                  <li key={item.version} className="card stack">
                    <p>
                      <strong>{t('middlePhase.worksheet.version', { version: formatNumber(item.version) })}</strong>
                      {item.current ? ` · ${t('middlePhase.worksheet.current')}` : ''} · {formatDateTime(item.changedAt)}
                      {item.changedByName ? ` · ${item.changedByName}` : ''}
                    </p>
                    <p>{item.summary}</p>
                    <details>
                      <summary>{t('middlePhase.worksheet.showVersion', { version: formatNumber(item.version) })}</summary>
                      <WorksheetReadout kind={item.kind} payload={item.payload as Record<string, unknown>} />
                    </details>
                  </li>
                ))}
              </ol>
            ) : null}
          </section>
        </>
      )}
    </MiddlePhaseFrame>
  );
}
