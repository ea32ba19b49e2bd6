/**
 * A first draft of the formulation to read with the client, in plain language.
 *
 * The formulation links the illness to the agreed problem area and needs the client's explicit agreement
 * before the middle phase ([V] [S3][S4] clinical-reference §4.5). Its contents follow the reference's
 * proposal ([D] §4.5): the diagnosis as a treatable illness with the sick role ([V] [S2][S3][S31] §4.4),
 * the problem area and why (naming the person or event), the goals and the sessions left.
 *
 * The draft is deterministic and editable: the counsellor reads it, changes what does not fit, and only
 * then shares it. All client-facing sentences sit in `formulationMessages` so they can be translated.
 */
import { DomainError } from '../errors';
import { validateFocus } from './focus';
import type { FocusArea, FocusAreaInput } from './focus';
import type { DisputeStage, ProblemArea } from './problem-areas';

/** English client-facing texts. One object, so a translation replaces it whole. */
export const formulationMessages = {
  defaultDiagnosis: 'depression',
  illness: (name: string, diagnosis: string): string =>
    `${name}, what you have been going through has a name: ${diagnosis}. It is a common illness and it can be treated. It is not your fault, and it is not a sign of weakness.`,
  sickRole:
    'While you are getting better, it is all right to do a little less than usual, as you would with any other illness. Your part is to come to our sessions and to try out the things we agree on.',
  introOne: 'When we went through the important people and events in your life, one thing stood out.',
  introTwo: 'When we went through the important people and events in your life, two things stood out. We will start with the first and keep the second in mind.',
  link: {
    grief: (person: string | undefined): string =>
      `${person === undefined ? 'Your low mood began, or got worse, after the death of someone close to you.' : `Your low mood began, or got worse, around the time ${person} died.`} When grief gets stuck, it can keep depression going.`,
    'role-dispute': (party: string): string =>
      `Your low mood is connected with the difficulties between you and ${party}. It seems that the two of you expect different things from each other.`,
    'role-transition': (change: string | undefined): string =>
      `${change === undefined ? 'Your low mood began, or got worse, around a big change in your life.' : `Your low mood began, or got worse, around a big change in your life: ${change}.`} Changes like this are hard, even when they are wanted.`,
    'interpersonal-deficits': (): string =>
      'You have told me that you often feel alone and have few people to turn to. Feeling cut off from others can keep depression going.',
  },
  stage: {
    renegotiation: (party: string): string => `You are both still trying to sort this out, so we will work on making your conversations with ${party} go better.`,
    impasse: (party: string): string => `Right now things with ${party} seem stuck, so we will look at how to get talking again, or at what else could change.`,
    dissolution: (): string => 'It seems this relationship may be ending, so we will work on coming to terms with that, so that you are free to move on.',
  } satisfies Record<DisputeStage, (party: string) => string>,
  work: {
    grief: 'Together we will talk about the person you lost and what the loss means to you, and look for people and activities that can support you again.',
    'role-dispute': 'Together we will look at what each of you wants, how you talk about it, and what you could try.',
    'role-transition': 'Together we will look at what you lost and what the new situation may offer, and at the skills and support that can help you settle into it.',
    'interpersonal-deficits': 'Together we will work on making the relationships you have stronger and on finding new ones.',
  } satisfies Record<ProblemArea, string>,
  goalsIntro: 'What we want to achieve:',
  defaultGoals: {
    grief: ['To mourn the loss in your own way.', 'To find people and activities that bring support and meaning again.'],
    'role-dispute': ['To understand what each of you expects.', 'To choose a plan and try new ways of talking about it.'],
    'role-transition': ['To come to terms with what has changed.', 'To feel more able and supported in your new situation.'],
    'interpersonal-deficits': ['To feel closer to the people you already know.', 'To find new people to spend time with.'],
  } satisfies Record<ProblemArea, readonly string[]>,
  sessionsLeft: (n: number): string =>
    n === 0 ? 'We have no more sessions planned. We will decide together what comes next.' : `We have ${n} session${n === 1 ? '' : 's'} left to work on this.`,
  agreement: 'Does this fit how you see things? We will start on this plan only when you agree with it.',
} as const;

export interface FormulationDraftInput {
  /** The name the client likes to be called. */
  readonly preferredName: string;
  /** How the illness is named to the client; defaults to "depression". */
  readonly diagnosisName?: string;
  /** One area, at most two; checked with validateFocus. */
  readonly focus: readonly FocusAreaInput[];
  /** The client's own goals; when left out, plain default goals for the first area are used. */
  readonly goals?: readonly string[];
  /** Contracted sessions not yet held. */
  readonly sessionsLeft: number;
  /** Leave out the sick-role paragraph (e.g. where a limited version is agreed for adolescents). Default true. */
  readonly includeSickRole?: boolean;
}

export interface FormulationDraft {
  readonly focus: readonly FocusArea[];
  readonly paragraphs: readonly string[];
  /** The paragraphs joined by blank lines. */
  readonly text: string;
}

function requiredText(value: unknown, field: string, max: number): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text.length === 0 || text.length > max) {
    throw new DomainError('validation', `Write 1 to ${max} characters.`, { field });
  }
  return text;
}

function linkFor(area: FocusArea): string {
  const m = formulationMessages;
  switch (area.area) {
    case 'grief':
      return `${m.link.grief(area.person)} ${m.work.grief}`;
    case 'role-dispute': {
      const party = area.otherParty ?? '';
      const stage = area.stage === undefined ? '' : ` ${m.stage[area.stage](party)}`;
      return `${m.link['role-dispute'](party)}${stage} ${m.work['role-dispute']}`;
    }
    case 'role-transition':
      return `${m.link['role-transition'](area.change)} ${m.work['role-transition']}`;
    case 'interpersonal-deficits':
      return `${m.link['interpersonal-deficits']()} ${m.work['interpersonal-deficits']}`;
  }
}

/**
 * Drafts the formulation statement for the client. Deterministic: the same input gives the same text.
 * Throws DomainError('validation') for an invalid focus (see validateFocus), an empty name, a goal that
 * is empty or too long, or a negative number of sessions.
 */
export function draftFormulation(input: FormulationDraftInput): FormulationDraft {
  const m = formulationMessages;
  const name = requiredText(input.preferredName, 'preferredName', 100);
  const diagnosis = input.diagnosisName === undefined ? m.defaultDiagnosis : requiredText(input.diagnosisName, 'diagnosisName', 100);
  if (!Number.isInteger(input.sessionsLeft) || input.sessionsLeft < 0 || input.sessionsLeft > 100) {
    throw new DomainError('validation', 'Sessions left is a whole number from 0 to 100.', { field: 'sessionsLeft' });
  }
  if (input.goals !== undefined && input.goals.length > 10) {
    throw new DomainError('validation', 'Keep to 10 goals at most.', { field: 'goals' });
  }
  const focus = validateFocus(input.focus);
  const first = focus[0];
  const goals = input.goals?.map((goal, index) => requiredText(goal, `goals.${index}`, 300)) ?? (first === undefined ? [] : m.defaultGoals[first.area]);

  const paragraphs = [
    m.illness(name, diagnosis),
    ...(input.includeSickRole === false ? [] : [m.sickRole]),
    focus.length > 1 ? m.introTwo : m.introOne,
    ...focus.map(linkFor),
    ...(goals.length > 0 ? [[m.goalsIntro, ...goals.map((goal) => `- ${goal}`)].join('\n')] : []),
    m.sessionsLeft(input.sessionsLeft),
    m.agreement,
  ];
  return { focus, paragraphs, text: paragraphs.join('\n\n') };
}
