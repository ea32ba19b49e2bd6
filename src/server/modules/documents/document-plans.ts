import { FormulationRecord, type FormulationRecord as Formulation } from '../../../contracts/initial-phase.contract';
import { SafetyPlanPayload } from '../../../contracts/risk.contract';
import { DISPUTE_STAGES } from '../../../domain/formulation/problem-areas';
import { DomainError } from '../../../domain/errors';
import { formatLongDate, type PdfWriter } from '../../lib/pdf/pdf-document';
import { findRecord, recordHistory } from '../initial-phase/episode-records';
import { organizationSettingsOf } from '../organizations/organization-settings';
import {
  SCORE_COLUMNS, chartSpecOf, dateOrDash, greetingName, openLetter, scoreRows, type DocumentPlan, type DocumentSource,
} from './document-source';
import type { EndingDetails } from './ending-plans';

const needEpisode = (source: DocumentSource) => {
  if (!source.episode || !source.episodeView) throw new DomainError('validation', 'needs an episode: make this document from the episode page', { field: 'kind' });
  return { episode: source.episode, view: source.episodeView };
};

/** The score chart with its table and the outcome in words, shared by the chart and the summary. */
function writeScores(w: PdfWriter, source: DocumentSource): void {
  const { view } = needEpisode(source);
  const spec = chartSpecOf(view);
  const rows = scoreRows(view);
  if (!view.chart || !spec || rows.length === 0) {
    w.paragraph('No questionnaire scores are recorded for this episode.', { muted: true });
    return;
  }
  w.lineChart(spec);
  w.paragraph(`Shaded: the severity bands of the ${view.chart.instrumentTitle}. Dashed lines: where each phase of treatment began. Numbers on the line: the score at that session.`, { muted: true });
  if (view.chart.outcome) w.paragraph(`Outcome so far: ${view.chart.outcome.summary}`);
  w.table(SCORE_COLUMNS, rows);
}

/** The symptom chart: the primary measure over the sessions, with bands, phases and the outcome. */
export function symptomChartPlan(source: DocumentSource): DocumentPlan {
  const { episode, view } = needEpisode(source);
  return {
    kind: 'symptom-chart', title: 'Symptom chart', version: `episode v${episode.version}`, sensitivity: 'normal',
    render(w) {
      w.fields([
        ['Treatment', `${view.protocol.name} (${view.protocol.shortName})`],
        ['Started', dateOrDash(view.startDate)],
        ['Measure', view.chart ? view.chart.instrumentTitle : '—'],
      ]);
      w.heading('Scores over the sessions');
      writeScores(w, source);
    },
  };
}

/** The agreed formulation: the current record when it is agreed, otherwise the latest agreed version in its history. */
async function agreedFormulation(source: DocumentSource): Promise<{ record: Formulation; version: number } | null> {
  const { episode } = needEpisode(source);
  const current = await findRecord(source.db, episode, 'formulation', FormulationRecord);
  if (!current) return null;
  if (current.payload.status === 'agreed') return { record: current.payload, version: Number(current.row.version) };
  const history = await recordHistory(source.db, episode, 'formulation', FormulationRecord);
  const agreed = history.items.find((item) => item.snapshot.status === 'agreed');
  return agreed ? { record: agreed.snapshot, version: agreed.version } : null;
}

function areaLine(area: Formulation['areas'][number]): string {
  const details = [
    area.otherParty ? `with ${area.otherParty}` : null,
    area.stage ? `stage: ${DISPUTE_STAGES[area.stage].label.toLowerCase()}` : null,
    area.person ? `${area.person}` : null,
    area.change ? `the change: ${area.change}` : null,
  ].filter(Boolean);
  return details.length > 0 ? `${area.label} (${details.join('; ')})` : area.label;
}

/** The formulation letter: what the client and clinician agreed the work is about, in plain words. */
export async function formulationLetterPlan(source: DocumentSource): Promise<DocumentPlan> {
  const { view } = needEpisode(source);
  const agreed = await agreedFormulation(source);
  if (!agreed) throw new DomainError('conflict', 'The formulation has not been agreed with the client yet, so there is no letter to make.', { field: 'kind' });
  const { record } = agreed;
  return {
    kind: 'formulation-letter', title: 'Formulation letter', version: `formulation v${agreed.version}`, sensitivity: 'normal',
    render(w) {
      openLetter(w, source, `This letter sets down what ${source.recipient.kind === 'client' ? 'we' : `${greetingName(source)} and ${view.clinicianName}`} agreed${record.agreedOn ? ` on ${formatLongDate(record.agreedOn)}` : ''} about the focus of ${source.recipient.kind === 'client' ? 'our' : 'their'} work in ${view.protocol.shortName}.`);
      w.heading('What we understand');
      w.paragraph(record.statement ?? 'No written statement was saved with the agreement.');
      w.heading('The focus of the work');
      w.list(record.areas.map(areaLine), { empty: 'No problem area was recorded.' });
      w.heading('Goals');
      w.list(record.goals, { numbered: true, empty: 'No goals were recorded.' });
      w.heading('How the work is arranged');
      w.fields([
        ['Sessions agreed', `${view.contractedSessions} (${view.schedule})`],
        ['Treatment started', dateOrDash(view.startDate)],
      ]);
      w.paragraph(`With best wishes,\n${view.clinicianName}\n${source.organizationName}`);
    },
  };
}

const SAFETY_STEPS = [
  ['warningSigns', 'Step 1. My warning signs'],
  ['internalCopingStrategies', 'Step 2. Things I can do on my own'],
  ['peopleAndPlacesThatDistract', 'Step 3. People and places that take my mind off things'],
  ['peopleToAskForHelp', 'Step 4. People I can ask for help'],
  ['professionalsAndServices', 'Step 5. Professionals and services I can contact in a crisis'],
  ['makingTheEnvironmentSafe', 'Step 6. Making my surroundings safer'],
  ['reasonsForLiving', 'Step 7. My reasons for living'],
] as const;

/**
 * The client's safety plan (Stanley–Brown, [V] [S49a]): the latest signed version; when none is
 * signed, the draft, clearly marked as not signed.
 */
export async function safetyPlanDocument(source: DocumentSource): Promise<DocumentPlan> {
  const plans = await source.db.selectFrom('safety_plan').selectAll().where('organization_id', '=', source.organizationId).where('client_id', '=', source.client.id)
    .orderBy('plan_number', 'desc').execute();
  const latest = plans[0];
  if (!latest) throw new DomainError('conflict', 'This client has no safety plan yet; make one on the safety plan page first.', { field: 'kind' });
  const signed = plans.find((p) => p.status === 'signed');
  const shown = signed ?? latest;
  const plan = SafetyPlanPayload.parse(JSON.parse(shown.payload_json));
  const signer = shown.signed_by ? await source.db.selectFrom('app_user').select('name').where('id', '=', shown.signed_by).executeTakeFirst() : undefined;
  const { risk } = await organizationSettingsOf(source.db, source.organizationId);
  return {
    kind: 'safety-plan', title: 'Safety plan', version: `plan ${shown.plan_number} v${shown.version} (${shown.status})`, sensitivity: 'risk',
    render(w) {
      if (!signed) w.notice('NOT SIGNED: this is a draft safety plan. It has not been agreed and signed yet.');
      else if (latest.id !== signed.id) w.notice(`This is the signed plan ${signed.plan_number}. A newer draft (plan ${latest.plan_number}) has not been signed yet.`);
      w.fields([
        ['Plan', `${shown.plan_number}${signed ? `, signed on ${dateOrDash(shown.signed_at)}${signer ? ` by ${signer.name}` : ''}` : ', draft'}`],
        ['Review date', dateOrDash(shown.review_date)],
      ]);
      w.paragraph('Keep this plan where you can find it quickly. Go through the steps in order until you are safe.', { italic: true });
      for (const [key, title] of SAFETY_STEPS) {
        w.subheading(title);
        const entries = plan[key];
        w.list(entries.map((e) => (typeof e === 'string' ? e : [e.name, e.phone, e.note].filter(Boolean).join(' · '))), { empty: 'Nothing written here yet.' });
      }
      if (risk.crisisResources.length > 0) {
        w.heading('If you are in danger now');
        w.list(risk.crisisResources.map((c) => `${c.name}: ${c.phone}${c.description ? ` (${c.description})` : ''}`));
      }
    },
  };
}

/**
 * The treatment summary, also the discharge letter: the course of treatment, the focus agreed, the
 * scores and how they changed, and how treatment ended. Addressed to the client, or (with consent)
 * to a referrer or general practitioner.
 */
export async function treatmentSummaryPlan(source: DocumentSource, ending: EndingDetails): Promise<DocumentPlan> {
  const { episode, view } = needEpisode(source);
  const agreed = await agreedFormulation(source);
  const attended = view.sessions.filter((s) => s.attendance === 'attended').length;
  const missed = view.sessions.filter((s) => s.attendance !== 'attended' && s.attendance !== 'scheduled').length;
  const ended = view.status === 'ended' || view.status === 'dropped-out';
  return {
    kind: 'treatment-summary', title: ended ? 'Treatment summary and discharge letter' : 'Treatment summary', version: `episode v${episode.version}`, sensitivity: 'normal',
    render(w) {
      openLetter(w, source, source.recipient.kind === 'client'
        ? `This is a summary of the ${view.protocol.shortName} sessions we had together${ended ? ', now that they have ended' : ' so far'}.`
        : `I am writing to let you know about ${view.protocol.shortName} treatment for ${source.client.display_name}${ended ? ', which has now ended' : ', which is still under way'}.`);
      w.heading('Treatment');
      w.fields([
        ['Treatment', `${view.protocol.name} (${view.protocol.shortName})`],
        ['Clinician', view.clinicianName],
        ['Started', dateOrDash(view.startDate)],
        ['Ended', ended ? dateOrDash(view.endedAt) : 'Still in progress'],
        ['Sessions', `${attended} attended of ${view.contractedSessions} agreed${missed > 0 ? `, ${missed} missed or cancelled` : ''}`],
      ]);
      w.heading('The focus agreed');
      if (agreed) {
        w.list(agreed.record.areas.map(areaLine), { empty: 'No problem area was recorded.' });
        if (agreed.record.goals.length > 0) {
          w.subheading('Goals');
          w.list(agreed.record.goals, { numbered: true });
        }
      } else w.paragraph('No formulation was agreed.', { muted: true });
      w.heading('Symptoms over the course of treatment');
      writeScores(w, source);
      if (ending.progress.length > 0) {
        w.subheading('Progress review');
        w.list(ending.progress);
      }
      if (view.medications.length > 0) {
        w.heading('Medication recorded');
        w.list(view.medications.map((m) => [m.name, m.dose, m.prescriber ? `prescribed by ${m.prescriber}` : null, m.stopDate ? `stopped ${formatLongDate(m.stopDate)}` : null].filter(Boolean).join(', ')));
      }
      w.heading('Ending');
      if (ending.lines.length > 0) w.fields(ending.lines);
      else w.paragraph(ended ? `Treatment ended${view.endReason ? ` (${view.endReason.replace(/-/g, ' ')})` : ''}.` : 'Treatment has not ended yet.');
      if (ending.relapse && ending.relapse.length > 0) {
        w.subheading('Keeping well: signs to watch for and what helps');
        w.list(ending.relapse);
      }
      w.paragraph(`Yours sincerely,\n${view.clinicianName}\n${source.organizationName}`);
    },
  };
}
