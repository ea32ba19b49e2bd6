import type { FormEvent } from 'react';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { pathTo, routes } from '../../../app/route-paths';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { PageHeader } from '../../../components/page-header';
import { Loading } from '../../../components/spinner';
import { TextField } from '../../../components/text-field';
import { useEnumLabel } from '../../../lib/enum-label';
import { formatDateTime, formatLongCalendarDate, formatNumber, formatTime, localIsoDate } from '../../../lib/format';
import { calendarDate } from '../../../lib/validate';
import { useDay } from '../api/sessions';

/** The day before or after a YYYY-MM-DD date. */
function shiftDate(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * The clinician's day: the sessions on a date with the questionnaires still due and open risk flags,
 * notes not yet signed, and courses whose measures are overdue, each linking to its session or
 * episode. The date is in the address (?date=YYYY-MM-DD), so a day can be bookmarked or shared.
 */
export function DayPage() {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const [params, setParams] = useSearchParams();
  const requested = params.get('date') ?? '';
  const date = requested && !calendarDate(requested) ? requested : localIsoDate();
  const [picked, setPicked] = useState(date);
  const [pickError, setPickError] = useState<string | undefined>();
  const day = useDay(date);
  const today = localIsoDate();

  const show = (next: string) => {
    setPicked(next);
    setPickError(undefined);
    setParams(next === today ? {} : { date: next });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = calendarDate(picked);
    setPickError(problem ?? undefined);
    if (!problem) show(picked);
  };

  return (
    <>
      <PageHeader title={t('day.title')} lead={date === today ? t('day.todayLead', { date: formatLongCalendarDate(date) }) : formatLongCalendarDate(date)} />
      <form className="day-picker" onSubmit={submit} noValidate aria-label={t('day.pickerLabel')}>
        <TextField id="day-date" type="date" label={t('day.date')} value={picked} error={pickError} onChange={(event) => setPicked(event.currentTarget.value)} className="field--short" />
        <div className="actions">
          <Button type="submit" variant="secondary">
            {t('day.show')}
          </Button>
          <Button variant="quiet" onClick={() => show(shiftDate(date, -1))}>
            {t('day.previous')}
          </Button>
          <Button variant="quiet" onClick={() => show(shiftDate(date, 1))}>
            {t('day.next')}
          </Button>
          {date !== today ? (
            <Button variant="quiet" onClick={() => show(today)}>
              {t('day.today')}
            </Button>
          ) : null}
        </div>
      </form>
      {day.isPending ? (
        <Loading />
      ) : day.isError ? (
        <ErrorState error={day.error} onRetry={() => void day.refetch()} />
      ) : (
        <>
          <section className="stack" aria-labelledby="day-sessions">
            <h2 id="day-sessions">{t('day.sessions', { count: day.data.sessions.length })}</h2>
            {day.data.sessions.length === 0 ? (
              <EmptyState title={t('day.noSessionsTitle')}>{t('day.noSessions')}</EmptyState>
            ) : (
              <ul className="card-list">
                {day.data.sessions.map((session) => (
                  <li key={session.id} className="card day-session">
                    <p className="day-session__time">{formatTime(session.startsAt)}</p>
                    <div className="day-session__main">
                      <h3 className="day-session__title">
                        <Link to={pathTo(routes.session, { id: session.id })}>{t('day.sessionTitle', { client: session.clientName, number: formatNumber(session.number) })}</Link>
                      </h3>
                      <p className="badges">
                        <Badge>{label('episodes.phases', session.phase)}</Badge>
                        <Badge tone={session.attendance === 'attended' ? 'success' : session.attendance === 'scheduled' ? 'info' : 'neutral'}>{label('sessions.attendance', session.attendance)}</Badge>
                        <Badge tone={session.noteStatus === 'signed' ? 'success' : 'warning'}>{label('sessions.noteStatus', session.noteStatus)}</Badge>
                        {session.openRiskFlags > 0 ? (
                          <Badge tone="danger">
                            <span aria-hidden="true">⚠ </span>
                            {t('day.riskFlags', { count: session.openRiskFlags })}
                          </Badge>
                        ) : null}
                      </p>
                      {session.measuresDue.length > 0 ? <p>{t('day.due', { measures: session.measuresDue.map((id) => id.toUpperCase()).join(', ') })}</p> : null}
                      <p>
                        <Link to={pathTo(routes.episode, { id: session.episodeId })}>{t('day.openEpisode')}</Link>
                      </p>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="stack" aria-labelledby="day-unsigned">
            <h2 id="day-unsigned">{t('day.unsigned', { count: day.data.unsignedNotes.length })}</h2>
            {day.data.unsignedNotes.length === 0 ? (
              <p className="muted">{t('day.noUnsigned')}</p>
            ) : (
              <ul className="item-list card">
                {day.data.unsignedNotes.map((note) => (
                  <li key={note.id} className="item-list__item">
                    <Link to={pathTo(routes.session, { id: note.id })}>{t('day.sessionTitle', { client: note.clientName, number: formatNumber(note.number) })}</Link>
                    <span className="muted">{formatDateTime(note.startsAt)}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="stack" aria-labelledby="day-overdue">
            <h2 id="day-overdue">{t('day.overdue', { count: day.data.overdueMeasures.length })}</h2>
            {day.data.overdueMeasures.length === 0 ? (
              <p className="muted">{t('day.noOverdue')}</p>
            ) : (
              <ul className="item-list card">
                {day.data.overdueMeasures.map((measure) => (
                  <li key={`${measure.episodeId}-${measure.instrumentId}`} className="item-list__item">
                    <Link to={pathTo(routes.episode, { id: measure.episodeId })}>{t('day.overdueItem', { client: measure.clientName, instrument: measure.instrumentId.toUpperCase() })}</Link>
                    <span className="muted">{measure.lastGivenAtSession === null ? t('day.neverGiven') : t('day.lastGiven', { number: formatNumber(measure.lastGivenAtSession) })}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </>
  );
}
