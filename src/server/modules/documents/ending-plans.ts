import type { GoalStatus, NextStepKind, ProgressReview, RelapsePlan, TerminationRecord } from '../../../contracts/termination.contract';
import { DomainError } from '../../../domain/errors';
import type { z } from 'zod';
import { readProgressReview, readRelapsePlan, readTerminationRecord } from '../termination/termination-read';
import { dateOrDash, type DocumentPlan, type DocumentSource } from './document-source';

const GOAL_STATUS: Record<z.infer<typeof GoalStatus>, string> = { met: 'met', partly: 'partly met', 'not-met': 'not met', 'not-rated': 'not rated' };
const NEXT_STEP: Record<z.infer<typeof NextStepKind>, string> = {
  end: 'Treatment ends here', maintenance: 'Maintenance sessions', continuation: 'Continuation of treatment', referral: 'Referral elsewhere',
};

const contactLine = (c: { name: string; phone: string | null; note: string | null }) => [c.name, c.phone, c.note].filter(Boolean).join(' · ');

/** What the termination phase adds to the treatment summary: the review of progress, the ending agreed and the plan for keeping well. */
export interface EndingDetails {
  lines: Array<[string, string]>;
  progress: string[];
  relapse: string[] | null;
}

/** Reads the termination record, progress review and relapse plan (through the termination module) for the summary. */
export async function endingDetails(source: DocumentSource): Promise<EndingDetails> {
  if (!source.episode) return { lines: [], progress: [], relapse: null };
  const [review, record, plan]: [ProgressReview, TerminationRecord | null, RelapsePlan | null] = await Promise.all([
    readProgressReview(source.db, source.organizationId, source.episode.id),
    readTerminationRecord(source.db, source.organizationId, source.episode.id),
    readRelapsePlan(source.db, source.organizationId, source.episode.id),
  ]);
  const lines: Array<[string, string]> = [];
  if (record && record.status !== 'new') {
    const content = record.record;
    if (content.nextStep) lines.push(['Next step', `${NEXT_STEP[content.nextStep.kind]}${content.nextStep.reason ? `: ${content.nextStep.reason}` : ''}`]);
    if (content.goals.length > 0) lines.push(['Goals at the end', content.goals.map((g) => `${g.text} (${GOAL_STATUS[g.status]})`).join('\n')]);
    if (content.clientViewOfChange) lines.push(['In the client\'s words', content.clientViewOfChange]);
    if (content.whatRemains) lines.push(['Still to work on', content.whatRemains]);
    lines.push(['Termination note', record.status === 'signed' ? `signed on ${dateOrDash(record.signedAt)}${record.signedByName ? ` by ${record.signedByName}` : ''}` : 'draft, not signed yet']);
  }
  const progress = [
    ...review.instruments.map((i) => `${i.instrumentTitle}: ${i.summary}`),
    ...(review.recovery ? [review.recovery.summary] : []),
    ...review.areas.filter((a) => a.summary).map((a) => `${a.areaLabel}: ${a.summary}`),
  ];
  const relapse = plan && plan.status !== 'new' ? [...plan.plan.warningSigns.map((s) => `Warning sign: ${s}`), ...plan.plan.strategies.map((s) => `What helps: ${s}`)] : null;
  return { lines, progress, relapse };
}

/** The relapse-prevention plan made at the end of treatment: the current version; a draft says it is not signed. */
export async function relapsePreventionPlan(source: DocumentSource): Promise<DocumentPlan> {
  if (!source.episode) throw new DomainError('validation', 'needs an episode: make this document from the episode page', { field: 'kind' });
  const plan = await readRelapsePlan(source.db, source.organizationId, source.episode.id);
  if (!plan || plan.status === 'new') throw new DomainError('conflict', 'No relapse-prevention plan is saved for this episode yet; make one in the termination phase first.', { field: 'kind' });
  const p = plan.plan;
  return {
    kind: 'relapse-prevention-plan', title: 'Relapse-prevention plan', version: `plan ${plan.planNumber} v${plan.version} (${plan.status})`, sensitivity: 'normal',
    render(w) {
      if (plan.status !== 'signed') w.notice('NOT SIGNED: this is a draft of the plan. It has not been agreed and signed yet.');
      w.fields([['Plan', `${plan.planNumber}${plan.status === 'signed' ? `, signed on ${dateOrDash(plan.signedAt)}${plan.signedByName ? ` by ${plan.signedByName}` : ''}` : ', draft'}`]]);
      w.paragraph('This plan is for keeping well after our sessions: the early signs that low mood may be coming back, what tends to set it off, and what helps.', { italic: true });
      w.heading('Early warning signs');
      w.list(p.warningSigns, { empty: 'Nothing written here yet.' });
      w.heading('What can set it off');
      w.list(p.triggers, { empty: 'Nothing written here yet.' });
      w.heading('What helps');
      w.list(p.strategies, { empty: 'Nothing written here yet.' });
      w.heading('People I can turn to');
      w.list(p.people.map(contactLine), { empty: 'Nothing written here yet.' });
      w.heading('When to ask for help');
      w.paragraph(p.whenToSeekHelp ?? 'Nothing written here yet.', p.whenToSeekHelp ? {} : { muted: true });
      w.heading('Contacts in a crisis');
      w.list(p.crisisContacts.map(contactLine), { empty: 'Nothing written here yet.' });
      if (p.boosterPlan) {
        w.heading('Booster sessions');
        w.paragraph(p.boosterPlan);
      }
    },
  };
}
