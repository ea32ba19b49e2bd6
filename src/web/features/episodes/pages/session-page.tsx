import { useCallback, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { pathTo, routes } from '../../../app/route-paths';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { Loading } from '../../../components/spinner';
import { isApiError } from '../../../lib/api';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { useSession } from '../../../lib/session-context';
import { useSessionRecord } from '../api/sessions';
import { AgendaChecklist } from '../components/agenda-checklist';
import { NoteEditor } from '../components/note-editor';
import { ProcessNotesPanel } from '../components/process-notes-panel';
import { RiskFlagsPanel } from '../components/risk-flags-panel';
import { SessionDetailsForm } from '../components/session-details-form';
import type { InstrumentOption, SessionQuestionnaire } from '../components/session-measures';
import { SessionMeasures } from '../components/session-measures';
import { Addenda, SignedNote } from '../components/signed-note';
import { useSessionUpdater } from '../components/use-session-updater';
import { SessionWorkSection } from './middle-phase/session-work-section';

/**
 * One session, in the order it happens: whether it took place, the agenda as a checklist, the
 * questionnaires (given here, or handed to the client on the device), the structured note with its
 * prefilled sections, signing (which locks the note) and addenda, and the clinician's private process
 * note, kept visibly apart. Open risk flags come first. When the device is with the client, only the
 * questionnaire is on screen.
 */
export function SessionPage({ Questionnaire, instruments }: { Questionnaire: SessionQuestionnaire; instruments?: readonly InstrumentOption[] }) {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useSession();
  const session = useSessionRecord(id);
  const [stale, setStale] = useState(false);
  const [deviceMode, setDeviceMode] = useState(false);
  const [attendanceError, setAttendanceError] = useState<string | undefined>();
  const [justSigned, setJustSigned] = useState(false);
  const attendanceRef = useRef<HTMLSelectElement>(null);
  const onStale = useCallback(() => setStale(true), []);
  const update = useSessionUpdater(id, onStale);

  const attendanceMissing = useCallback((message: string) => {
    setAttendanceError(message);
    // Once the confirmation dialog has closed (and handed focus back to its button, in a task of
    // its own), move focus to the field that needs attention.
    const focusAttendance = () => {
      attendanceRef.current?.focus();
      attendanceRef.current?.scrollIntoView({ block: 'center' });
    };
    const whenNoDialog = () => (document.querySelector('dialog[open]') ? window.requestAnimationFrame(whenNoDialog) : window.setTimeout(focusAttendance, 0));
    window.requestAnimationFrame(whenNoDialog);
  }, []);

  if (session.isPending) return <Loading />;
  if (session.isError) {
    const missing = isApiError(session.error) && session.error.status === 404;
    return (
      <>
        <PageHeader title={missing ? t('sessions.page.notFound') : t('sessions.page.title')} lead={missing ? t('sessions.page.notFoundLead') : undefined} />
        {missing ? null : <ErrorState error={session.error} onRetry={() => void session.refetch()} />}
      </>
    );
  }

  const data = session.data;
  const signed = data.noteStatus === 'signed';
  const mayEdit = can('client.update');
  const raisedHere = data.riskFlags.filter((flag) => flag.sessionId === data.id);
  const otherFlags = data.riskFlags.filter((flag) => flag.sessionId !== data.id);

  return (
    <>
      {!deviceMode ? (
        <PageHeader
          title={t('sessions.page.heading', { number: formatNumber(data.number), client: data.clientName })}
          lead={
            <>
              {t('sessions.page.lead', { when: formatDateTime(data.startsAt), phase: data.phaseLabel })} · <Link to={pathTo(routes.episode, { id: data.episodeId })}>{t('sessions.page.episode')}</Link>
            </>
          }
        />
      ) : null}
      {!deviceMode && stale ? (
        <Alert tone="warning" title={t('sessions.page.staleTitle')}>
          <p>{t('sessions.page.stale')}</p>
          <Button variant="secondary" onClick={() => setStale(false)}>
            {t('common.close')}
          </Button>
        </Alert>
      ) : null}
      {!deviceMode ? <RiskFlagsPanel flags={raisedHere} title={t('sessions.page.flagsRaised', { count: raisedHere.length })} linkSessions={false} /> : null}
      {!deviceMode ? <RiskFlagsPanel flags={otherFlags} /> : null}

      {!deviceMode ? (
        <section className="card stack" aria-labelledby="session-details">
          <h2 id="session-details">{t('sessions.details.title')}</h2>
          <SessionDetailsForm session={data} update={update} attendanceError={attendanceError} attendanceRef={attendanceRef} onAttendanceSaved={() => setAttendanceError(undefined)} />
        </section>
      ) : null}

      {!deviceMode ? (
        <section className="card stack" aria-labelledby="session-agenda">
          <h2 id="session-agenda">{t('sessions.agenda.title')}</h2>
          <AgendaChecklist session={data} update={update} />
        </section>
      ) : null}

      {!deviceMode ? <SessionWorkSection session={data} /> : null}

      <SessionMeasures session={data} Questionnaire={Questionnaire} instruments={instruments} deviceMode={deviceMode} onDeviceModeChange={setDeviceMode} />

      {!deviceMode ? (
        <section className="card stack" aria-labelledby="session-note">
          <h2 id="session-note">{t('sessions.note.title')}</h2>
          {justSigned && signed ? <Alert tone="success">{t('sessions.signed.done')}</Alert> : null}
          {signed ? (
            <>
              <SignedNote session={data} />
              <Addenda session={data} mayAdd={mayEdit} />
            </>
          ) : mayEdit ? (
            <NoteEditor session={data} update={update} onAttendanceMissing={attendanceMissing} onSigned={() => setJustSigned(true)} />
          ) : (
            <SignedNote session={data} />
          )}
        </section>
      ) : null}

      {!deviceMode && mayEdit ? <ProcessNotesPanel sessionId={data.id} /> : null}
    </>
  );
}
