import { useCallback, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { pathTo, routes } from '../../../app/route-paths';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { DetailsList } from '../../../components/details-list';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { Loading } from '../../../components/spinner';
import { isApiError } from '../../../lib/api';
import { useEnumLabel } from '../../../lib/enum-label';
import { formatCalendarDate, formatDateTime, formatNumber } from '../../../lib/format';
import { useSession } from '../../../lib/session-context';
import { useEpisode } from '../api/episodes';
import type { Episode } from '../api/types';
import { AgendaPreview } from '../components/agenda-preview';
import { EndEpisodeDialog } from '../components/end-episode-dialog';
import { EpisodeStatusBadge } from '../components/episode-status-badge';
import { InitialPhaseNav } from '../components/initial-phase/initial-phase-frame';
import { MedicationReferralForm } from '../components/medication-referral-form';
import { MedicationsList } from '../components/medications-section';
import { PhaseChangeForm } from '../components/phase-change-form';
import { PhaseHistory } from '../components/phase-history';
import { PhaseTimeline } from '../components/phase-timeline';
import { PlanWarnings } from '../components/plan-warnings';
import { RecordSessionForm } from '../components/record-session-form';
import { RiskFlagsPanel } from '../components/risk-flags-panel';
import { SessionsTable } from '../components/sessions-table';
import { SymptomChartSection } from '../components/symptom-chart-section';
import { DocumentsPanel } from './documents/documents-panel';
import { AreaOutcomeSection } from './middle-phase/area-outcome-section';

/** Phase id → the protocol's own label (from the plan or the chart), else the catalog's generic one. */
function usePhaseLabel(episode: Episode | undefined) {
  const label = useEnumLabel();
  return useCallback(
    (phase: string) => {
      const known = episode?.plan?.phasePlan.find((entry) => entry.phase === phase)?.label ?? episode?.chart?.phaseBoundaries.find((entry) => entry.phase === phase)?.label;
      return known ?? (phase === episode?.currentPhase ? episode.currentPhaseLabel : label('episodes.phases', phase));
    },
    [episode, label],
  );
}

/**
 * One course of treatment: who, which protocol, where it stands (phase, session k of n, contract),
 * open risk flags first, the plan's warnings, the next session (record it, its agenda), the symptom
 * chart, the sessions, phase changes, medication and ending the episode.
 */
export function EpisodePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useSession();
  const label = useEnumLabel();
  const location = useLocation();
  const started = (location.state as { started?: boolean } | null)?.started === true;
  const episode = useEpisode(id);
  const phaseLabel = usePhaseLabel(episode.data);
  const [stale, setStale] = useState(false);
  const [ending, setEnding] = useState(false);
  const onStale = useCallback(() => setStale(true), []);

  if (episode.isPending) return <Loading />;
  if (episode.isError) {
    const missing = isApiError(episode.error) && episode.error.status === 404;
    return (
      <>
        <PageHeader title={missing ? t('episodes.page.notFound') : t('episodes.page.title')} lead={missing ? t('episodes.page.notFoundLead') : undefined} />
        {missing ? null : <ErrorState error={episode.error} onRetry={() => void episode.refetch()} />}
        <p>
          <Link to={routes.clients}>{t('clients.notFound.back')}</Link>
        </p>
      </>
    );
  }

  const data = episode.data;
  const plan = data.plan;
  const open = data.status === 'active' || data.status === 'planned';
  const editable = open && can('client.update');
  const held = data.sessions.filter((session) => session.attendance === 'attended').length;
  const protocolName = label('episodes.protocols', `${data.protocol.id}.name`, data.protocol.name);

  return (
    <>
      <PageHeader
        title={t('episodes.page.heading', { client: data.clientName, protocol: data.protocol.shortName })}
        lead={
          <>
            {protocolName} · <Link to={pathTo(routes.client, { id: data.clientId })}>{t('episodes.page.clientRecord')}</Link>
          </>
        }
      />
      {started ? <Alert tone="success">{t('episodes.page.started')}</Alert> : null}
      {stale ? (
        <Alert tone="warning" title={t('episodes.page.staleTitle')}>
          <p>{t('episodes.page.stale')}</p>
          <Button variant="secondary" onClick={() => setStale(false)}>
            {t('common.close')}
          </Button>
        </Alert>
      ) : null}
      <RiskFlagsPanel flags={data.riskFlags} />
      {plan ? <PlanWarnings warnings={plan.warnings} /> : null}

      <section className="card stack" aria-labelledby="episode-summary">
        <h2 id="episode-summary">{t('episodes.page.summary')}</h2>
        <p className="badges">
          <EpisodeStatusBadge status={data.status} />
          <span className="badge badge--info">{t('episodes.page.phaseBadge', { phase: data.currentPhaseLabel })}</span>
          {plan && open ? <span className="badge badge--neutral">{t('episodes.page.sessionOf', { number: formatNumber(plan.nextSessionNumber), total: formatNumber(data.contractedSessions) })}</span> : null}
        </p>
        <DetailsList
          items={[
            { label: t('episodes.page.protocol'), value: protocolName },
            { label: t('episodes.page.contract'), value: t('episodes.page.contractValue', { count: data.contractedSessions, formatted: formatNumber(data.contractedSessions) }) },
            { label: t('episodes.page.schedule'), value: label('episodes.schedule', data.schedule) },
            { label: t('episodes.page.length'), value: data.sessionLengthMinutes === null ? null : t('episodes.page.minutes', { minutes: formatNumber(data.sessionLengthMinutes) }) },
            { label: t('episodes.page.held'), value: t('episodes.page.heldValue', { held: formatNumber(held), contracted: formatNumber(data.contractedSessions) }) },
            { label: t('episodes.page.startDate'), value: formatCalendarDate(data.startDate) },
            { label: t('episodes.page.clinician'), value: data.clinicianName },
            { label: t('episodes.page.focusAgreed'), value: data.formulationAgreedAt ? formatDateTime(data.formulationAgreedAt) : t('episodes.page.notYet') },
            { label: t('episodes.page.endingRaised'), value: data.terminationDiscussedAt ? formatDateTime(data.terminationDiscussedAt) : t('episodes.page.notYet') },
            ...(data.endedAt ? [{ label: t('episodes.page.endedAt'), value: `${formatDateTime(data.endedAt)}${data.endReason ? ` · ${label('episodes.end.reasons', data.endReason)}` : ''}` }] : []),
          ]}
        />
        {plan ? (
          <>
            <h3>{t('episodes.timeline.title')}</h3>
            <PhaseTimeline plan={plan} currentPhase={data.currentPhase} sessionsHeld={held} />
          </>
        ) : null}
      </section>

      <section className="card stack" aria-labelledby="episode-initial-phase">
        <h2 id="episode-initial-phase">{t('initialPhase.nav.section')}</h2>
        <p>{t('initialPhase.nav.sectionLead')}</p>
        <InitialPhaseNav episodeId={data.id} labelledBy="episode-initial-phase" />
      </section>

      <section className="card stack" aria-labelledby="episode-middle-phase">
        <h2 id="episode-middle-phase">{t('middlePhase.episode.title')}</h2>
        <p>{t('middlePhase.episode.lead')}</p>
        <p>
          <Link to={pathTo(routes.episodeWorkspaces, { id: data.id })}>{t('middlePhase.episode.link')}</Link>
        </p>
      </section>

      <section className="card stack" aria-labelledby="episode-termination">
        <h2 id="episode-termination">{t('termination.episodeTitle')}</h2>
        <p>{t('termination.episodeLead')}</p>
        <p>
          <Link to={pathTo(routes.episodeTermination, { id: data.id })}>{t('termination.link')}</Link>
        </p>
      </section>

      {plan && open ? (
        <section className="card stack" aria-labelledby="next-session">
          <h2 id="next-session">{t('episodes.next.title', { number: formatNumber(plan.nextSessionNumber), total: formatNumber(data.contractedSessions) })}</h2>
          <p>{t('episodes.next.phase', { phase: phaseLabel(plan.agendaPhase) })}</p>
          {plan.measuresDue.length > 0 ? (
            <p>
              {t('episodes.next.measuresDue', { measures: plan.measuresDue.map((measure) => measure.instrumentId.toUpperCase()).join(', ') })}
              {plan.measuresDue.some((measure) => measure.overdue) ? <strong> {t('episodes.next.overdue')}</strong> : null}
            </p>
          ) : null}
          {editable && data.status === 'active' ? <RecordSessionForm episode={data} /> : null}
          {data.status === 'planned' ? <p>{t('episodes.next.planned')}</p> : null}
          <h3 id="next-agenda">{t('episodes.next.agenda')}</h3>
          <AgendaPreview items={plan.agendaItems} headingId="next-agenda" episodeId={data.id} />
        </section>
      ) : null}

      {data.chart ? <SymptomChartSection chart={data.chart} lastSession={data.contractedSessions} phaseLabel={phaseLabel} /> : null}
      <AreaOutcomeSection episodeId={data.id} lastSession={data.contractedSessions} />

      <section className="stack" aria-labelledby="episode-sessions">
        <h2 id="episode-sessions">{t('episodes.sessions.title')}</h2>
        <SessionsTable episode={data} phaseLabel={phaseLabel} />
      </section>

      <section className="card stack" aria-labelledby="episode-phase">
        <h2 id="episode-phase">{t('episodes.phase.title')}</h2>
        <p>{t('episodes.phase.current', { phase: data.currentPhaseLabel })}</p>
        {editable && plan ? <PhaseChangeForm episode={data} plan={plan} onStale={onStale} /> : null}
        <PhaseHistory changes={data.phaseChanges} phaseLabel={phaseLabel} />
      </section>

      <section className="card stack" aria-labelledby="episode-medication">
        <h2 id="episode-medication">{t('episodes.medications.sectionTitle')}</h2>
        {editable ? (
          <MedicationReferralForm episode={data} onStale={onStale} />
        ) : (
          <DetailsList items={[{ label: t('episodes.referral.label'), value: label('episodes.referral.options', data.medicationReferral) }]} />
        )}
        <MedicationsList episode={data} editable={editable} onStale={onStale} />
      </section>

      <DocumentsPanel episodeId={data.id} clientId={data.clientId} editable={data.mayEdit} />

      {editable ? (
        <section className="stack" aria-labelledby="episode-end">
          <h2 id="episode-end">{t('episodes.end.sectionTitle')}</h2>
          <p>{t('episodes.end.lead')}</p>
          <div>
            <Button variant="danger" onClick={() => setEnding(true)}>
              {t('episodes.end.button')}
            </Button>
          </div>
          <EndEpisodeDialog episode={data} open={ending} onClose={() => setEnding(false)} onStale={onStale} />
        </section>
      ) : null}
    </>
  );
}
