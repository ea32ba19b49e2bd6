import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { pathTo, routes } from '../../../../app/route-paths';
import { Alert } from '../../../../components/alert';
import { Badge } from '../../../../components/badge';
import { Button } from '../../../../components/button';
import { CheckboxField } from '../../../../components/checkbox-field';
import { DetailsList } from '../../../../components/details-list';
import { ErrorState } from '../../../../components/error-state';
import { PageHeader } from '../../../../components/page-header';
import { SelectField } from '../../../../components/select-field';
import { Loading } from '../../../../components/spinner';
import { TextArea } from '../../../../components/text-area';
import { TextField } from '../../../../components/text-field';
import { describeError } from '../../../../lib/describe-error';
import { useEnumLabel } from '../../../../lib/enum-label';
import { formatCalendarDate, formatDateTime, formatNumber, localIsoDate } from '../../../../lib/format';
import { useIdempotencyKey } from '../../../../lib/idempotency-key';
import { endEpisode, useEpisode } from '../../api/episodes';
import { episodeKeys } from '../../api/episode-keys';
import type { Episode } from '../../api/types';
import {
  addAddendum, saveRelapsePlan, saveTermination, shareRelapsePlan, signRelapsePlan, signTermination, startMaintenance, terminationKeys,
  useProgressReview, useRelapsePlan, useTerminationRecord, type ProgressReview, type RelapsePlan, type TerminationRecord,
} from './termination-api';

type Contact = { name: string; phone: string | null; note: string | null };
type Content = RelapsePlan['plan'];
type GoalStatus = 'met' | 'partly' | 'not-met' | 'not-rated';
type NextKind = 'end' | 'maintenance' | 'continuation' | 'referral';

const lines = (text: string) => text.split('\n').map((s) => s.trim()).filter(Boolean);
/** "Name — phone — note" per line, so a list of people is typed like a list of words. */
const contactLines = (text: string): Contact[] => lines(text).map((line) => {
  const [name = '', phone = '', note = ''] = line.split(/\s+[—–-]\s+/);
  return { name: name.trim(), phone: phone.trim() || null, note: note.trim() || null };
});
const contactText = (items: Contact[]) => items.map((c) => [c.name, c.phone, c.note].filter(Boolean).join(' — ')).join('\n');

function signed(n: number) { return `${n > 0 ? '+' : ''}${formatNumber(n)}`; }

/** The progress review: numbers from the record with the outcome in words. */
function ReviewSection({ review }: { review: ProgressReview }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  return (
    <section className="card stack" aria-labelledby="review-title">
      <h2 id="review-title">{t('termination.review.title')}</h2>
      <p>{t('termination.review.lead', { attended: formatNumber(review.attendedSessions), contracted: formatNumber(review.contractedSessions) })}</p>
      {review.instruments.length === 0 ? <p className="muted">{t('termination.review.noScores')}</p> : (
        <div className="table-scroll">
          <table className="data-table termination-scores">
            <caption>{t('termination.review.scoresCaption')}</caption>
            <thead><tr><th scope="col">{t('termination.review.measure')}</th><th scope="col">{t('termination.review.first')}</th><th scope="col">{t('termination.review.latest')}</th><th scope="col">{t('termination.review.change')}</th><th scope="col">{t('termination.review.outcome')}</th></tr></thead>
            <tbody>
              {review.instruments.map((i) => (
                <tr key={i.instrumentId}>
                  <th scope="row">{i.instrumentTitle}</th>
                  <td>{formatNumber(i.first.total)}{i.first.sessionNumber ? ` (${t('termination.review.session', { n: i.first.sessionNumber })})` : ''}</td>
                  <td>{formatNumber(i.latest.total)}{i.latest.sessionNumber ? ` (${t('termination.review.session', { n: i.latest.sessionNumber })})` : ''}</td>
                  <td>{signed(i.change)}{i.percentChange !== null ? ` (${signed(i.percentChange)}%)` : ''}</td>
                  <td>{i.summary} <span className="muted">{[i.responseRemission?.ruleSet, i.reliableChange?.ruleSet].filter(Boolean).join(' · ')}</span></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {review.recovery ? <p><strong>{t('termination.review.recovery')}</strong> {review.recovery.summary}</p> : null}
      <p><Badge tone={review.responder === 'responder' ? 'success' : review.responder === 'non-responder' ? 'warning' : 'neutral'}>{label('termination.responder', review.responder)}</Badge></p>

      <h3>{t('termination.review.areas')}</h3>
      {review.areas.length === 0 ? <p className="muted">{t('termination.review.noAreas')}</p> : (
        <ul>
          {review.areas.map((a) => (
            <li key={a.workspaceId}>
              <strong>{a.areaLabel}{a.otherParty ? ` (${a.otherParty})` : ''}</strong>
              {a.stage ? ` · ${t('termination.review.stage', { first: a.stage.first ? label('initialPhase.enums.stage', a.stage.first) : '—', latest: a.stage.latest ? label('initialPhase.enums.stage', a.stage.latest) : '—' })}` : ''}
              {a.measures.map((m) => <span key={m.measure}> · {t('termination.review.areaMeasure', { measure: label('termination.areaMeasures', m.measure), first: formatNumber(m.first.value), latest: formatNumber(m.latest.value) })}</span>)}
              {a.summary ? <div className="muted">{a.summary}</div> : null}
            </li>
          ))}
        </ul>
      )}

      <h3>{t('termination.review.closeness')}</h3>
      {review.closeness ? (
        <>
          <p>{t('termination.review.closenessLead', { from: formatCalendarDate(review.closeness.from.takenOn), to: formatCalendarDate(review.closeness.to.takenOn) })}</p>
          <ul>{review.closeness.people.map((p) => <li key={p.personId}>{p.label}: {label('termination.closenessChange', p.change)}{p.fromRing !== null && p.toRing !== null ? ` (${t('termination.review.rings', { from: p.fromRing, to: p.toRing })})` : ''}</li>)}</ul>
        </>
      ) : <p className="muted">{t('termination.review.noCloseness')}</p>}

      <h3>{t('termination.review.tasks')}</h3>
      <p>{t('termination.review.taskCounts', { set: review.tasks.set, done: review.tasks.done, partly: review.tasks.partly, notDone: review.tasks.notDone, open: review.tasks.notReviewed })}</p>
    </section>
  );
}

/** Feelings about ending, what remains, goals and the next step; signing makes it the termination note. */
function RecordSection({ episode, review, record, message, setMessage }: { episode: Episode; review: ProgressReview; record: TerminationRecord; message: string | null; setMessage: (m: string) => void }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const queryClient = useQueryClient();
  const [feelings, setFeelings] = useState(record.record.feelingsAboutEnding ?? '');
  const [remains, setRemains] = useState(record.record.whatRemains ?? '');
  const [view, setView] = useState(record.record.clientViewOfChange ?? '');
  const [goals, setGoals] = useState<Record<string, GoalStatus>>(Object.fromEntries(review.goals.map((g) => [g.text, g.status])));
  const [kind, setKind] = useState<NextKind | ''>(record.record.nextStep?.kind ?? '');
  const [reason, setReason] = useState(record.record.nextStep?.reason ?? '');
  const [alternative, setAlternative] = useState(record.record.nextStep?.alternativeOffered ?? '');
  const [override, setOverride] = useState(record.record.nextStep?.overrideReason ?? '');
  const [addendum, setAddendum] = useState('');
  const [startDate, setStartDate] = useState(localIsoDate());
  const idem = useIdempotencyKey();
  const isSigned = record.status === 'signed';
  const refresh = (next: TerminationRecord) => {
    queryClient.setQueryData(terminationKeys.record(episode.id), next);
    void queryClient.invalidateQueries({ queryKey: terminationKeys.review(episode.id) });
  };
  const body = () => ({
    feelingsAboutEnding: feelings, whatRemains: remains, clientViewOfChange: view,
    goals: Object.entries(goals).map(([text, status]) => ({ text, status })),
    nextStep: kind ? { kind, reason, alternativeOffered: alternative, overrideReason: override } : null,
  });
  const save = useMutation({ mutationFn: () => saveTermination(episode.id, record.version, body()), onSuccess: (next) => { refresh(next); setMessage(t('termination.record.saved')); } });
  const sign = useMutation({
    mutationFn: async () => signTermination(episode.id, (await saveTermination(episode.id, record.version, body())).version),
    onSuccess: (next) => { refresh(next); setMessage(t('termination.record.signedMessage')); },
  });
  const add = useMutation({ mutationFn: () => addAddendum(episode.id, addendum), onSuccess: (next) => { refresh(next); setAddendum(''); } });
  const maintenance = useMutation({
    mutationFn: () => startMaintenance(episode.id, { startDate }, idem.key()),
    onSuccess: (next) => { refresh(next); idem.renew(); void queryClient.invalidateQueries({ queryKey: episodeKeys.all }); },
  });
  const error = save.error ?? sign.error ?? add.error ?? maintenance.error;
  const options = review.nextStepOptions;

  return (
    <section className="card stack" aria-labelledby="record-title">
      <h2 id="record-title">{t('termination.record.title')} {isSigned ? <Badge tone="success">{t('termination.signed')}</Badge> : null}</h2>
      <p>{t('termination.record.lead')}</p>
      {error ? <Alert tone="error" title={t('termination.error')}>{describeError(error)}</Alert> : null}
      {message ? <p role="status">{message}</p> : null}
      {isSigned ? (
        <div className="stack">
          <DetailsList items={[
            { label: t('termination.record.feelings'), value: record.record.feelingsAboutEnding },
            { label: t('termination.record.remains'), value: record.record.whatRemains },
            { label: t('termination.record.clientView'), value: record.record.clientViewOfChange },
            { label: t('termination.record.goals'), value: record.record.goals.map((g) => `${g.text}: ${label('termination.goalStatus', g.status)}`).join('; ') },
            { label: t('termination.record.nextStep'), value: record.record.nextStep ? `${label('termination.nextKinds', record.record.nextStep.kind)}${record.record.nextStep.reason ? ` — ${record.record.nextStep.reason}` : ''}${record.record.nextStep.alternativeOffered ? ` — ${t('termination.record.alternative')}: ${record.record.nextStep.alternativeOffered}` : ''}` : null },
          ]} />
          <p className="muted">{t('termination.record.signedBy', { name: record.signedByName ?? '', at: record.signedAt ? formatDateTime(record.signedAt) : '' })}</p>
          {record.addenda.length > 0 ? <ul>{record.addenda.map((a) => <li key={a.id}>{a.text} <span className="muted">— {a.signedByName}, {formatDateTime(a.signedAt)}</span></li>)}</ul> : null}
          {episode.mayEdit ? (
            <form className="stack" onSubmit={(e) => { e.preventDefault(); add.mutate(); }}>
              <TextArea id="addendum" label={t('termination.record.addendum')} value={addendum} onChange={(e) => setAddendum(e.target.value)} />
              <div><Button type="submit" variant="secondary" busy={add.isPending} disabled={!addendum.trim()}>{t('termination.record.addAddendum')}</Button></div>
            </form>
          ) : null}
        </div>
      ) : (
        <form className="stack" noValidate onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
          <TextArea id="feelings" label={t('termination.record.feelings')} hint={t('termination.record.feelingsHint')} value={feelings} onChange={(e) => setFeelings(e.target.value)} />
          <TextArea id="client-view" label={t('termination.record.clientView')} hint={t('termination.record.clientViewHint')} value={view} onChange={(e) => setView(e.target.value)} />
          <TextArea id="remains" label={t('termination.record.remains')} value={remains} onChange={(e) => setRemains(e.target.value)} />
          {review.goals.length > 0 ? (
            <fieldset className="stack">
              <legend>{t('termination.record.goals')}</legend>
              {review.goals.map((g, index) => (
                <SelectField key={g.text} id={`goal-${index}`} label={g.text} value={goals[g.text] ?? 'not-rated'} onChange={(e) => setGoals((c) => ({ ...c, [g.text]: e.target.value as GoalStatus }))}>
                  {(['met', 'partly', 'not-met', 'not-rated'] as const).map((s) => <option key={s} value={s}>{label('termination.goalStatus', s)}</option>)}
                </SelectField>
              ))}
            </fieldset>
          ) : null}
          <fieldset className="stack">
            <legend>{t('termination.record.nextStep')}</legend>
            <ul className="muted">{options.map((o) => <li key={o.kind}>{label('termination.nextKinds', o.kind)}{o.recommended ? ` (${t('termination.record.recommended')})` : ''}: {o.why}</li>)}</ul>
            <p className="muted">{t('termination.record.source', { source: options[0]?.source ?? '' })}</p>
            <SelectField id="next-kind" label={t('termination.record.nextStepChoice')} value={kind} onChange={(e) => setKind(e.target.value as NextKind | '')}>
              <option value="">{t('termination.record.notChosen')}</option>
              {options.map((o) => <option key={o.kind} value={o.kind}>{label('termination.nextKinds', o.kind)}</option>)}
            </SelectField>
            <TextArea id="next-reason" label={t('termination.record.reason')} optional={kind !== 'referral'} value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
            {review.responder === 'non-responder' ? (
              <>
                <Alert tone="warning" title={t('termination.record.nonResponderTitle')}>{t('termination.record.nonResponder')}</Alert>
                <TextArea id="next-alternative" label={t('termination.record.alternative')} value={alternative} onChange={(e) => setAlternative(e.target.value)} rows={2} />
                <TextArea id="next-override" label={t('termination.record.override')} optional value={override} onChange={(e) => setOverride(e.target.value)} rows={2} />
              </>
            ) : null}
          </fieldset>
          {episode.mayEdit ? (
            <div className="actions">
              <Button type="submit" variant="secondary" busy={save.isPending}>{t('termination.record.save')}</Button>
              <Button onClick={() => sign.mutate()} busy={sign.isPending}>{t('termination.record.sign')}</Button>
            </div>
          ) : null}
        </form>
      )}
      {record.record.nextStep?.kind === 'maintenance' ? (
        <div className="stack">
          <h3>{t('termination.maintenance.title')}</h3>
          {record.maintenanceEpisodeId ? (
            <p role="status">{t('termination.maintenance.started')} <Link to={pathTo(routes.episode, { id: record.maintenanceEpisodeId })}>{t('termination.maintenance.open')}</Link></p>
          ) : episode.mayEdit ? (
            <form className="stack" onSubmit={(e) => { e.preventDefault(); maintenance.mutate(); }}>
              <TextField id="maintenance-start" type="date" label={t('termination.maintenance.startDate')} value={startDate} onChange={(e) => setStartDate(e.target.value)} />
              <div><Button type="submit" variant="secondary" busy={maintenance.isPending}>{t('termination.maintenance.start')}</Button></div>
            </form>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

/** The relapse-prevention plan: edited together with the client, signed, printed and shared. */
function PlanSection({ episode, plan, message, setMessage }: { episode: Episode; plan: RelapsePlan; message: string | null; setMessage: (m: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const content: Content = plan.plan;
  const [text, setText] = useState(() => toText(plan.plan));
  const isSigned = plan.status === 'signed';
  const open = episode.status === 'active' || episode.status === 'planned';
  const payload = () => ({
    plan: {
      warningSigns: lines(text.warningSigns), triggers: lines(text.triggers), strategies: lines(text.strategies), people: contactLines(text.people),
      whenToSeekHelp: text.whenToSeekHelp, crisisContacts: contactLines(text.crisisContacts), boosterPlan: text.boosterPlan,
    },
  });
  const done = (next: RelapsePlan, note: string) => { queryClient.setQueryData(terminationKeys.plan(episode.id), next); setMessage(note); };
  const save = useMutation({ mutationFn: () => saveRelapsePlan(episode.id, plan.version, payload()), onSuccess: (next) => done(next, t('termination.plan.saved')) });
  const sign = useMutation({ mutationFn: async () => signRelapsePlan(episode.id, (await saveRelapsePlan(episode.id, plan.version, payload())).version), onSuccess: (next) => done(next, t('termination.plan.signedMessage')) });
  const share = useMutation({ mutationFn: (value: boolean) => shareRelapsePlan(episode.id, plan.version, value), onSuccess: (next) => done(next, next.sharedWithClient ? t('termination.plan.sharedMessage') : t('termination.plan.unsharedMessage')) });
  const edit = useMutation({ mutationFn: () => saveRelapsePlan(episode.id, plan.version, { plan: { ...content, people: content.people, crisisContacts: content.crisisContacts } }), onSuccess: (next) => done(next, t('termination.plan.newVersion')) });
  const error = save.error ?? sign.error ?? share.error ?? edit.error;
  const listFields = ['warningSigns', 'triggers', 'strategies'] as const;

  return (
    <section className="card stack relapse-plan" aria-labelledby="plan-title">
      <h2 id="plan-title">{t('termination.plan.title')} <span className="muted">{t('termination.plan.number', { n: plan.planNumber })}</span> {isSigned ? <Badge tone="success">{t('termination.signed')}</Badge> : null}</h2>
      <p>{t('termination.plan.lead')}</p>
      {error ? <Alert tone="error" title={t('termination.error')}>{describeError(error)}</Alert> : null}
      {message ? <p role="status">{message}</p> : null}
      {isSigned ? (
        <div className="stack">
          {listFields.map((f) => <div key={f}><h3>{t(`termination.plan.fields.${f}`)}</h3><ul>{content[f].map((v, i) => <li key={i}>{v}</li>)}</ul></div>)}
          <h3>{t('termination.plan.fields.people')}</h3>
          <ul>{content.people.map((p, i) => <li key={i}>{[p.name, p.phone, p.note].filter(Boolean).join(' · ')}</li>)}</ul>
          <h3>{t('termination.plan.fields.whenToSeekHelp')}</h3>
          <p>{content.whenToSeekHelp ?? '—'}</p>
          <h3>{t('termination.plan.fields.crisisContacts')}</h3>
          <ul>{content.crisisContacts.map((p, i) => <li key={i}>{p.name}{p.phone ? <> · <a href={`tel:${p.phone.replace(/[^\d+]/g, '')}`}>{p.phone}</a></> : null}{p.note ? ` · ${p.note}` : ''}</li>)}</ul>
          <h3>{t('termination.plan.fields.boosterPlan')}</h3>
          <p>{content.boosterPlan ?? '—'}</p>
          <p className="muted">{t('termination.plan.signedBy', { name: plan.signedByName ?? '', at: plan.signedAt ? formatDateTime(plan.signedAt) : '' })}</p>
          <div className="actions no-print">
            <Button variant="secondary" onClick={() => window.print()}>{t('termination.plan.print')}</Button>
            {episode.mayEdit ? <CheckboxField id="plan-shared" label={t('termination.plan.share')} checked={plan.sharedWithClient} onChange={(e) => share.mutate(e.target.checked)} /> : null}
            {episode.mayEdit && open ? <Button variant="secondary" onClick={() => edit.mutate()} busy={edit.isPending}>{t('termination.plan.edit')}</Button> : null}
          </div>
        </div>
      ) : (
        <form className="stack" noValidate onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
          {plan.status === 'new' ? <p className="muted">{t('termination.plan.prefilled')}</p> : null}
          {listFields.map((f) => <TextArea key={f} id={`plan-${f}`} label={t(`termination.plan.fields.${f}`)} hint={t('termination.plan.oneLine')} value={text[f]} onChange={(e) => setText((c) => ({ ...c, [f]: e.target.value }))} rows={4} />)}
          <TextArea id="plan-people" label={t('termination.plan.fields.people')} hint={t('termination.plan.contactLine')} value={text.people} onChange={(e) => setText((c) => ({ ...c, people: e.target.value }))} rows={3} />
          <TextArea id="plan-whenToSeekHelp" label={t('termination.plan.fields.whenToSeekHelp')} value={text.whenToSeekHelp} onChange={(e) => setText((c) => ({ ...c, whenToSeekHelp: e.target.value }))} rows={3} />
          <TextArea id="plan-crisisContacts" label={t('termination.plan.fields.crisisContacts')} hint={t('termination.plan.contactLine')} value={text.crisisContacts} onChange={(e) => setText((c) => ({ ...c, crisisContacts: e.target.value }))} rows={3} />
          <TextArea id="plan-boosterPlan" label={t('termination.plan.fields.boosterPlan')} value={text.boosterPlan} onChange={(e) => setText((c) => ({ ...c, boosterPlan: e.target.value }))} rows={2} />
          {episode.mayEdit && open ? (
            <div className="actions">
              <Button type="submit" variant="secondary" busy={save.isPending}>{t('termination.plan.save')}</Button>
              <Button onClick={() => sign.mutate()} busy={sign.isPending}>{t('termination.plan.sign')}</Button>
            </div>
          ) : null}
        </form>
      )}
    </section>
  );
}

function toText(plan: Content) {
  return {
    warningSigns: plan.warningSigns.join('\n'), triggers: plan.triggers.join('\n'), strategies: plan.strategies.join('\n'), people: contactText(plan.people),
    whenToSeekHelp: plan.whenToSeekHelp ?? '', crisisContacts: contactText(plan.crisisContacts), boosterPlan: plan.boosterPlan ?? '',
  };
}

/** Ending the episode: needs the signed termination note (the server checks it too). */
function EndSection({ episode, record }: { episode: Episode; record: TerminationRecord }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<'ended' | 'dropped-out'>('ended');
  const [reason, setReason] = useState<string>('completed');
  const end = useMutation({
    mutationFn: () => endEpisode(episode.id, episode.version, { status, endReason: reason as 'completed' }),
    onSuccess: (next) => { queryClient.setQueryData(episodeKeys.detail(episode.id), next); void queryClient.invalidateQueries({ queryKey: episodeKeys.all }); },
  });
  if (episode.status === 'ended' || episode.status === 'dropped-out') {
    return (
      <section className="card stack" aria-labelledby="end-title">
        <h2 id="end-title">{t('termination.end.title')}</h2>
        <p role="status">{t('termination.end.ended', { at: episode.endedAt ? formatDateTime(episode.endedAt) : '', reason: label('episodes.end.reasons', episode.endReason ?? '') })}</p>
      </section>
    );
  }
  return (
    <section className="card stack" aria-labelledby="end-title">
      <h2 id="end-title">{t('termination.end.title')}</h2>
      {record.status !== 'signed' ? <Alert tone="info" title={t('termination.end.needsNoteTitle')}>{t('termination.end.needsNote')}</Alert> : null}
      {end.error ? <Alert tone="error" title={t('termination.error')}>{describeError(end.error)}</Alert> : null}
      {episode.mayEdit ? (
        <form className="stack" onSubmit={(e) => { e.preventDefault(); end.mutate(); }}>
          <SelectField id="end-status" label={t('episodes.end.status')} value={status} onChange={(e) => setStatus(e.target.value as 'ended')}>
            <option value="ended">{t('episodes.end.statusEnded')}</option>
            <option value="dropped-out">{t('episodes.end.statusDropped')}</option>
          </SelectField>
          <SelectField id="end-reason" label={t('episodes.end.reason')} value={reason} onChange={(e) => setReason(e.target.value)}>
            {['completed', 'dropped-out', 'referred', 'moved', 'client-choice', 'continuing-elsewhere', 'other'].map((r) => <option key={r} value={r}>{label('episodes.end.reasons', r)}</option>)}
          </SelectField>
          <div><Button type="submit" busy={end.isPending} disabled={record.status !== 'signed'}>{t('termination.end.button')}</Button></div>
        </form>
      ) : null}
    </section>
  );
}

/** The termination phase of an episode, one page: review, record, plan, next step, end. */
export function TerminationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const episode = useEpisode(id);
  const review = useProgressReview(id);
  const record = useTerminationRecord(id);
  const plan = useRelapsePlan(id);
  const [recordMessage, setRecordMessage] = useState<string | null>(null);
  const [planMessage, setPlanMessage] = useState<string | null>(null);
  const failed = episode.error ?? review.error ?? record.error ?? plan.error;
  if (failed) return <ErrorState error={failed} />;
  if (!episode.data || !review.data || !record.data || !plan.data) return <Loading />;
  return (
    <div className="stack termination-page">
      <p className="no-print"><Link to={pathTo(routes.episode, { id })}>{t('termination.back', { client: episode.data.clientName })}</Link></p>
      <PageHeader title={t('termination.title')} lead={t('termination.lead', { client: episode.data.clientName, protocol: episode.data.protocol.shortName })} />
      <ReviewSection review={review.data} />
      <RecordSection key={`record-${record.data.version}`} episode={episode.data} review={review.data} record={record.data} message={recordMessage} setMessage={setRecordMessage} />
      <PlanSection key={`plan-${plan.data.version}`} episode={episode.data} plan={plan.data} message={planMessage} setMessage={setPlanMessage} />
      <EndSection episode={episode.data} record={record.data} />
    </div>
  );
}
