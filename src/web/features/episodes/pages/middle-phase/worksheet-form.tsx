import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../../components/button';
import { SelectField } from '../../../../components/select-field';
import { TextArea } from '../../../../components/text-area';
import { TextField } from '../../../../components/text-field';
import { useEnumLabel } from '../../../../lib/enum-label';
import type { Worksheet, WorksheetKind, Workspace } from '../../api/middle-phase-api';
import { RadioGroup } from '../../components/initial-phase/initial-phase-frame';
import { RatingSelect, WorkspaceSelect, joinLines, linesOf, numberOrNull, orNull, textOf } from './middle-phase-parts';

/**
 * The four technique worksheets (clinical-reference §3; every field a design proposal [D], see
 * docs/middle-phase.md): communication analysis step by step, decision analysis with options, pros
 * and cons and the choice, role play with plan, enactment, feedback, revised script and confidence,
 * and the interval review. One form per kind; the payload is checked by the server's schema.
 */
export type WorksheetContent = { kind: WorksheetKind; payload: Record<string, unknown>; workspaceId: string | null };

type Step = { who: 'client' | 'other'; said: string; feeling: string };
type Option = { option: string; pros: string; cons: string };
type KeyEvent = { event: string; moodLink: string };
const FAILURES = ['indirect', 'assumed-understanding', 'silence', 'hostility', 'other'] as const;

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const list = (value: unknown): string[] => (Array.isArray(value) ? (value as string[]) : []);
const num = (value: unknown): string => textOf(typeof value === 'number' ? value : null);

/** Rows that can be added and removed, each with its own fields; removal buttons name the row. */
function Rows<Row>({ legend, rows, setRows, blank, render, addLabel, removeLabel }: {
  legend: string; rows: Row[]; setRows: (update: (rows: Row[]) => Row[]) => void; blank: Row; render: (row: Row, index: number, change: (patch: Partial<Row>) => void) => ReactNode; addLabel: string; removeLabel: (number: number) => string;
}) {
  return (
    <fieldset className="stack mp-rows">
      <legend className="field__label">{legend}</legend>
      {rows.map((row, index) => (
        <div key={index} className="ip-grid ip-row">
          {render(row, index, (patch) => setRows((current) => current.map((entry, i) => (i === index ? { ...entry, ...patch } : entry))))}
          <Button variant="secondary" onClick={() => setRows((current) => current.filter((_, i) => i !== index))}>
            {removeLabel(index + 1)}
          </Button>
        </div>
      ))}
      <div>
        <Button variant="secondary" onClick={() => setRows((current) => [...current, blank])}>
          {addLabel}
        </Button>
      </div>
    </fieldset>
  );
}

export function WorksheetForm({ kind, initial, workspaces, busy, submitLabel, onSubmit }: {
  kind: WorksheetKind; initial: Worksheet | null; workspaces: readonly Workspace[]; busy: boolean; submitLabel: string; onSubmit: (content: WorksheetContent) => void;
}) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const p = (initial?.kind === kind ? initial.payload : {}) as Record<string, unknown>;
  const f = (key: string) => t(`middlePhase.worksheet.fields.${key}` as never) as string;
  const [workspaceId, setWorkspaceId] = useState(initial?.workspaceId ?? (workspaces.length === 1 ? workspaces[0]!.id : ''));
  // Shared by several kinds.
  const [mood, setMood] = useState(num(p.mood));
  const [goal, setGoal] = useState(str(p.goal));
  // Communication analysis.
  const [date, setDate] = useState(str(p.date));
  const [otherPerson, setOtherPerson] = useState(str(p.otherPerson));
  const [wanted, setWanted] = useState(str(p.wanted));
  const [steps, setSteps] = useState<Step[]>(() => (Array.isArray(p.steps) ? (p.steps as { who: 'client' | 'other'; said: string; feeling?: string | null }[]).map((s) => ({ who: s.who, said: s.said, feeling: s.feeling ?? '' })) : [{ who: 'client', said: '', feeling: '' }]));
  const [outcome, setOutcome] = useState(str(p.outcome));
  const [wentWrong, setWentWrong] = useState<string[]>(list(p.wentWrong));
  const [wentWrongNote, setWentWrongNote] = useState(str(p.wentWrongNote));
  const [alternativeWording, setAlternativeWording] = useState(str(p.alternativeWording));
  // Decision analysis.
  const [problem, setProblem] = useState(str(p.problem));
  const [options, setOptions] = useState<Option[]>(() => (Array.isArray(p.options) ? (p.options as { option: string; pros?: string[]; cons?: string[] }[]).map((o) => ({ option: o.option, pros: joinLines(o.pros), cons: joinLines(o.cons) })) : [{ option: '', pros: '', cons: '' }]));
  const [chosen, setChosen] = useState(num(p.chosenOptionIndex));
  const [firstStep, setFirstStep] = useState(str(p.firstStep));
  const [obstacles, setObstacles] = useState(joinLines(list(p.obstacles)));
  const [reviewDate, setReviewDate] = useState(str(p.reviewDate));
  const [result, setResult] = useState(str(p.result));
  // Role play.
  const feedback = (p.feedback ?? {}) as Record<string, unknown>;
  const [targetPerson, setTargetPerson] = useState(str(p.targetPerson));
  const [openingLine, setOpeningLine] = useState(str(p.openingLine));
  const [expectedResponses, setExpectedResponses] = useState(joinLines(list(p.expectedResponses)));
  const [roles, setRoles] = useState<string[]>(list(p.roles).length > 0 ? list(p.roles) : ['self']);
  const [enactmentNotes, setEnactmentNotes] = useState(str(p.enactmentNotes));
  const [tone, setTone] = useState(str(feedback.tone));
  const [content, setContent] = useState(str(feedback.content));
  const [assertiveness, setAssertiveness] = useState(str(feedback.assertiveness));
  const [revisedScript, setRevisedScript] = useState(str(p.revisedScript));
  const [confidenceBefore, setConfidenceBefore] = useState(num(p.confidenceBefore));
  const [confidenceAfter, setConfidenceAfter] = useState(num(p.confidenceAfter));
  const [plannedRealAttempt, setPlannedRealAttempt] = useState(str(p.plannedRealAttempt));
  // Interval review.
  const [keyEvents, setKeyEvents] = useState<KeyEvent[]>(() => (Array.isArray(p.keyEvents) ? (p.keyEvents as { event: string; moodLink?: string | null }[]).map((e) => ({ event: e.event, moodLink: e.moodLink ?? '' })) : []));
  const [eventMoodLink, setEventMoodLink] = useState(str(p.eventMoodLink));
  const [problemAreaProgress, setProblemAreaProgress] = useState(str(p.problemAreaProgress));

  const payload = (): Record<string, unknown> => {
    switch (kind) {
      case 'communication-analysis':
        return {
          date, otherPerson: otherPerson.trim(), wanted: wanted.trim(),
          steps: steps.filter((s) => s.said.trim()).map((s) => ({ who: s.who, said: s.said.trim(), feeling: orNull(s.feeling) })),
          outcome: orNull(outcome), wentWrong, wentWrongNote: orNull(wentWrongNote), alternativeWording: orNull(alternativeWording), mood: numberOrNull(mood),
        };
      case 'decision-analysis':
        return {
          problem: problem.trim(), goal: orNull(goal),
          options: options.filter((o) => o.option.trim()).map((o) => ({ option: o.option.trim(), pros: linesOf(o.pros), cons: linesOf(o.cons) })),
          chosenOptionIndex: numberOrNull(chosen), firstStep: orNull(firstStep), obstacles: linesOf(obstacles), reviewDate: reviewDate || null, result: orNull(result),
        };
      case 'role-play':
        return {
          targetPerson: targetPerson.trim(), goal: goal.trim(), openingLine: orNull(openingLine), expectedResponses: linesOf(expectedResponses), roles,
          enactmentNotes: orNull(enactmentNotes), feedback: { tone: orNull(tone), content: orNull(content), assertiveness: orNull(assertiveness) },
          revisedScript: orNull(revisedScript), confidenceBefore: numberOrNull(confidenceBefore), confidenceAfter: numberOrNull(confidenceAfter), plannedRealAttempt: orNull(plannedRealAttempt),
        };
      case 'interval-review':
        return {
          mood: numberOrNull(mood), keyEvents: keyEvents.filter((e) => e.event.trim()).map((e) => ({ event: e.event.trim(), moodLink: orNull(e.moodLink) })),
          eventMoodLink: orNull(eventMoodLink), problemAreaProgress: orNull(problemAreaProgress),
        };
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ kind, payload: payload(), workspaceId: workspaceId || null });
  };
  const toggle = (values: string[], value: string, on: boolean) => (on ? [...values.filter((v) => v !== value), value] : values.filter((v) => v !== value));

  return (
    <form className="card stack worksheet-form" onSubmit={submit} noValidate aria-label={label('middlePhase.kinds', kind)}>
      <WorkspaceSelect id="ws-workspace" label={t('middlePhase.worksheet.workspace')} workspaces={workspaces} value={workspaceId} onChange={setWorkspaceId} />

      {kind === 'interval-review' ? (
        <>
          <RatingSelect id="wf-mood" label={f('moodSince')} hint={t('middlePhase.worksheet.moodHint')} value={mood} onChange={setMood} />
          <Rows<KeyEvent>
            legend={f('keyEvents')}
            rows={keyEvents}
            setRows={setKeyEvents}
            blank={{ event: '', moodLink: '' }}
            addLabel={t('middlePhase.worksheet.addEvent')}
            removeLabel={(number) => t('middlePhase.worksheet.removeEvent', { number })}
            render={(row, index, change) => (
              <>
                <TextField id={`wf-event-${index}`} label={t('middlePhase.worksheet.eventN', { number: index + 1 })} value={row.event} onChange={(event) => change({ event: event.currentTarget.value })} />
                <TextField id={`wf-event-link-${index}`} label={t('middlePhase.worksheet.moodLinkN', { number: index + 1 })} optional value={row.moodLink} onChange={(event) => change({ moodLink: event.currentTarget.value })} />
              </>
            )}
          />
          <TextArea id="wf-event-mood-link" label={f('eventMoodLink')} optional value={eventMoodLink} onChange={(event) => setEventMoodLink(event.currentTarget.value)} />
          <TextArea id="wf-area-progress" label={f('problemAreaProgress')} optional value={problemAreaProgress} onChange={(event) => setProblemAreaProgress(event.currentTarget.value)} />
        </>
      ) : null}

      {kind === 'communication-analysis' ? (
        <>
          <div className="ip-grid">
            <TextField id="wf-date" type="date" label={f('date')} required value={date} onChange={(event) => setDate(event.currentTarget.value)} />
            <TextField id="wf-other-person" label={f('otherPerson')} required value={otherPerson} onChange={(event) => setOtherPerson(event.currentTarget.value)} />
          </div>
          <TextArea id="wf-wanted" label={f('wanted')} required value={wanted} onChange={(event) => setWanted(event.currentTarget.value)} />
          <Rows<Step>
            legend={f('steps')}
            rows={steps}
            setRows={setSteps}
            blank={{ who: steps[steps.length - 1]?.who === 'client' ? 'other' : 'client', said: '', feeling: '' }}
            addLabel={t('middlePhase.worksheet.addStep')}
            removeLabel={(number) => t('middlePhase.worksheet.removeStep', { number })}
            render={(row, index, change) => (
              <>
                <SelectField id={`wf-step-who-${index}`} label={t('middlePhase.worksheet.stepWho', { number: index + 1 })} value={row.who} onChange={(event) => change({ who: event.currentTarget.value as Step['who'] })}>
                  <option value="client">{t('middlePhase.worksheet.speaker.client')}</option>
                  <option value="other">{t('middlePhase.worksheet.speaker.other', { name: otherPerson || t('middlePhase.worksheet.speaker.otherPerson') })}</option>
                </SelectField>
                <TextArea id={`wf-step-said-${index}`} label={t('middlePhase.worksheet.stepSaid', { number: index + 1 })} rows={2} value={row.said} onChange={(event) => change({ said: event.currentTarget.value })} />
                <TextField id={`wf-step-feeling-${index}`} label={t('middlePhase.worksheet.stepFeeling', { number: index + 1 })} hint={row.who === 'other' ? t('middlePhase.worksheet.otherFeelingHint') : undefined} optional value={row.feeling} onChange={(event) => change({ feeling: event.currentTarget.value })} />
              </>
            )}
          />
          <TextArea id="wf-outcome" label={f('outcome')} optional value={outcome} onChange={(event) => setOutcome(event.currentTarget.value)} />
          <fieldset className="ip-radios">
            <legend className="field__label">{f('wentWrong')}</legend>
            <div className="ip-radios__options">
              {FAILURES.map((value) => (
                <label key={value} className="ip-radios__option">
                  <input type="checkbox" checked={wentWrong.includes(value)} onChange={(event) => { const on = event.currentTarget.checked; setWentWrong((current) => toggle(current, value, on)); }} />
                  {label('middlePhase.failures', value)}
                </label>
              ))}
            </div>
          </fieldset>
          <TextArea id="wf-went-wrong-note" label={f('wentWrongNote')} optional={!wentWrong.includes('other')} required={wentWrong.includes('other')} value={wentWrongNote} onChange={(event) => setWentWrongNote(event.currentTarget.value)} />
          <TextArea id="wf-alternative" label={f('alternativeWording')} optional value={alternativeWording} onChange={(event) => setAlternativeWording(event.currentTarget.value)} />
          <RatingSelect id="wf-mood" label={f('mood')} value={mood} onChange={setMood} />
        </>
      ) : null}

      {kind === 'decision-analysis' ? (
        <>
          <TextArea id="wf-problem" label={f('problem')} required value={problem} onChange={(event) => setProblem(event.currentTarget.value)} />
          <TextArea id="wf-goal" label={f('goal')} optional value={goal} onChange={(event) => setGoal(event.currentTarget.value)} />
          <Rows<Option>
            legend={f('options')}
            rows={options}
            setRows={setOptions}
            blank={{ option: '', pros: '', cons: '' }}
            addLabel={t('middlePhase.worksheet.addOption')}
            removeLabel={(number) => t('middlePhase.worksheet.removeOption', { number })}
            render={(row, index, change) => (
              <>
                <TextField id={`wf-option-${index}`} label={t('middlePhase.worksheet.optionN', { number: index + 1 })} value={row.option} onChange={(event) => change({ option: event.currentTarget.value })} />
                <TextArea id={`wf-pros-${index}`} label={t('middlePhase.worksheet.prosN', { number: index + 1 })} hint={t('middlePhase.onePerLine')} optional value={row.pros} onChange={(event) => change({ pros: event.currentTarget.value })} />
                <TextArea id={`wf-cons-${index}`} label={t('middlePhase.worksheet.consN', { number: index + 1 })} hint={t('middlePhase.onePerLine')} optional value={row.cons} onChange={(event) => change({ cons: event.currentTarget.value })} />
              </>
            )}
          />
          <RadioGroup
            name="wf-chosen"
            legend={f('chosenOptionIndex')}
            options={['', ...options.map((_, index) => String(index))]}
            value={chosen}
            onChange={setChosen}
            labelFor={(value) => (value === '' ? t('middlePhase.worksheet.undecided') : options[Number(value)]?.option.trim() || t('middlePhase.worksheet.optionN', { number: Number(value) + 1 }))}
          />
          <TextArea id="wf-first-step" label={f('firstStep')} optional value={firstStep} onChange={(event) => setFirstStep(event.currentTarget.value)} />
          <TextArea id="wf-obstacles" label={f('obstacles')} hint={t('middlePhase.onePerLine')} optional value={obstacles} onChange={(event) => setObstacles(event.currentTarget.value)} />
          <div className="ip-grid">
            <TextField id="wf-review-date" type="date" label={f('reviewDate')} optional value={reviewDate} onChange={(event) => setReviewDate(event.currentTarget.value)} />
          </div>
          <TextArea id="wf-result" label={f('result')} optional value={result} onChange={(event) => setResult(event.currentTarget.value)} />
        </>
      ) : null}

      {kind === 'role-play' ? (
        <>
          <h3>{t('middlePhase.worksheet.plan')}</h3>
          <TextField id="wf-target" label={f('targetPerson')} required value={targetPerson} onChange={(event) => setTargetPerson(event.currentTarget.value)} />
          <TextArea id="wf-rp-goal" label={f('goalRolePlay')} required value={goal} onChange={(event) => setGoal(event.currentTarget.value)} />
          <TextArea id="wf-opening" label={f('openingLine')} optional value={openingLine} onChange={(event) => setOpeningLine(event.currentTarget.value)} />
          <TextArea id="wf-expected" label={f('expectedResponses')} hint={t('middlePhase.onePerLine')} optional value={expectedResponses} onChange={(event) => setExpectedResponses(event.currentTarget.value)} />
          <fieldset className="ip-radios">
            <legend className="field__label">{f('roles')}</legend>
            <div className="ip-radios__options">
              {(['self', 'reversal'] as const).map((value) => (
                <label key={value} className="ip-radios__option">
                  <input type="checkbox" checked={roles.includes(value)} onChange={(event) => { const on = event.currentTarget.checked; setRoles((current) => toggle(current, value, on)); }} />
                  {label('middlePhase.roles', value)}
                </label>
              ))}
            </div>
          </fieldset>
          <RatingSelect id="wf-confidence-before" label={f('confidenceBefore')} value={confidenceBefore} onChange={setConfidenceBefore} />
          <h3>{t('middlePhase.worksheet.enactment')}</h3>
          <TextArea id="wf-enactment" label={f('enactmentNotes')} optional rows={4} value={enactmentNotes} onChange={(event) => setEnactmentNotes(event.currentTarget.value)} />
          <fieldset className="stack">
            <legend className="field__label">{f('feedback')}</legend>
            <div className="ip-grid">
              <TextArea id="wf-fb-tone" label={f('feedbackTone')} optional value={tone} onChange={(event) => setTone(event.currentTarget.value)} />
              <TextArea id="wf-fb-content" label={f('feedbackContent')} optional value={content} onChange={(event) => setContent(event.currentTarget.value)} />
              <TextArea id="wf-fb-assertiveness" label={f('feedbackAssertiveness')} optional value={assertiveness} onChange={(event) => setAssertiveness(event.currentTarget.value)} />
            </div>
          </fieldset>
          <TextArea id="wf-revised" label={f('revisedScript')} optional rows={4} value={revisedScript} onChange={(event) => setRevisedScript(event.currentTarget.value)} />
          <RatingSelect id="wf-confidence-after" label={f('confidenceAfter')} value={confidenceAfter} onChange={setConfidenceAfter} />
          <TextArea id="wf-real-attempt" label={f('plannedRealAttempt')} optional value={plannedRealAttempt} onChange={(event) => setPlannedRealAttempt(event.currentTarget.value)} />
        </>
      ) : null}

      <div>
        <Button type="submit" busy={busy}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

/** A worksheet's payload in words, for the version history (every field, "not recorded" when empty). */
export function WorksheetReadout({ kind, payload }: { kind: WorksheetKind; payload: Record<string, unknown> }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const f = (key: string) => t(`middlePhase.worksheet.fields.${key}` as never) as string;
  const rows: { label: string; value: ReactNode }[] = [];
  const text = (key: string, name = key) => rows.push({ label: f(name), value: str(payload[key]) || null });
  const items = (key: string, entries: ReactNode[]) => rows.push({ label: f(key), value: entries.length > 0 ? <ul className="mp-list">{entries.map((e, i) => <li key={i}>{e}</li>)}</ul> : null });
  const rating = (key: string) => rows.push({ label: f(key), value: typeof payload[key] === 'number' ? String(payload[key]) : null });
  if (kind === 'interval-review') {
    rating('mood');
    items('keyEvents', (payload.keyEvents as KeyEvent[] | undefined ?? []).map((e) => (e.moodLink ? `${e.event} — ${e.moodLink}` : e.event)));
    text('eventMoodLink');
    text('problemAreaProgress');
  } else if (kind === 'communication-analysis') {
    text('date');
    text('otherPerson');
    text('wanted');
    items('steps', (payload.steps as Step[] | undefined ?? []).map((s) => `${s.who === 'client' ? t('middlePhase.worksheet.speaker.client') : str(payload.otherPerson)}: “${s.said}”${s.feeling ? ` (${s.feeling})` : ''}`));
    text('outcome');
    items('wentWrong', list(payload.wentWrong).map((v) => label('middlePhase.failures', v)));
    text('wentWrongNote');
    text('alternativeWording');
    rating('mood');
  } else if (kind === 'decision-analysis') {
    text('problem');
    text('goal');
    items('options', (payload.options as { option: string; pros?: string[]; cons?: string[] }[] | undefined ?? []).map((o, index) => (
      <>
        <strong>{o.option}</strong>
        {index === payload.chosenOptionIndex ? ` — ${t('middlePhase.worksheet.chosen')}` : ''}
        {o.pros && o.pros.length > 0 ? <> · {t('middlePhase.worksheet.pros')}: {o.pros.join('; ')}</> : null}
        {o.cons && o.cons.length > 0 ? <> · {t('middlePhase.worksheet.cons')}: {o.cons.join('; ')}</> : null}
      </>
    )));
    text('firstStep');
    items('obstacles', list(payload.obstacles));
    text('reviewDate');
    text('result');
  } else {
    const fb = (payload.feedback ?? {}) as Record<string, unknown>;
    text('targetPerson');
    text('goal', 'goalRolePlay');
    text('openingLine');
    items('expectedResponses', list(payload.expectedResponses));
    items('roles', list(payload.roles).map((v) => label('middlePhase.roles', v)));
    text('enactmentNotes');
    rows.push({ label: f('feedbackTone'), value: str(fb.tone) || null }, { label: f('feedbackContent'), value: str(fb.content) || null }, { label: f('feedbackAssertiveness'), value: str(fb.assertiveness) || null });
    text('revisedScript');
    rating('confidenceBefore');
    rating('confidenceAfter');
    text('plannedRealAttempt');
  }
  return (
    <dl className="details">
      {rows.map((row) => (
        <div className="details__row" key={row.label}>
          <dt>{row.label}</dt>
          <dd>{row.value ?? <span className="muted">{t('common.notRecorded')}</span>}</dd>
        </div>
      ))}
    </dl>
  );
}
