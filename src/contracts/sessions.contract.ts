import { z } from 'zod';
import { IsoDate, IsoDateTime, optionalText, text } from './common';
import { RiskFlagView } from './episodes.contract';
import { ScoreResultView } from './instruments.contract';

export const Attendance = z.enum(['scheduled', 'attended', 'cancelled', 'did-not-attend']);
export const SessionMode = z.enum(['in-person', 'video', 'phone']);

const noteText = optionalText(10_000);
/** The structured note: the sections a phase uses (see domain/notes), all optional while a draft. */
export const NoteBody = z.strictObject({
  moodRating: z.number().int().min(0).max(10).nullable().optional(),
  moodCheckIn: noteText, intervalHistory: noteText, measureReview: noteText, assessment: noteText, inventoryAndFocus: noteText,
  problemAreaWork: noteText, techniquesUsed: noteText, tasks: noteText, endingAndProgress: noteText, riskReview: noteText, plan: noteText,
});
export type NoteBody = z.infer<typeof NoteBody>;

export const SessionCreateBody = z.strictObject({
  startsAt: IsoDateTime,
  durationMinutes: z.number().int().min(1).max(480).optional(),
  mode: SessionMode.default('in-person'),
  attendance: Attendance.default('scheduled'),
  /** Defaults to the next number; given explicitly when recording sessions out of order. */
  number: z.number().int().min(1).max(500).optional(),
});

export const SessionUpdateBody = z.strictObject({
  startsAt: IsoDateTime.optional(),
  durationMinutes: z.number().int().min(1).max(480).nullable().optional(),
  mode: SessionMode.optional(),
  attendance: Attendance.optional(),
  /** Agenda item id → covered in this session. */
  agenda: z.record(z.string().max(60), z.boolean()).optional(),
  note: NoteBody.optional(),
}).refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });

export const AddendumBody = z.strictObject({ text: text(10_000) });
export const ProcessNoteBody = z.strictObject({ text: text(20_000) });

export const MeasureBody = z.strictObject({
  instrumentId: z.string().regex(/^[a-z0-9-]{1,40}$/),
  instrumentVersion: z.string().max(20).optional(),
  answers: z.record(z.string().max(10), z.unknown()).refine((a) => Object.keys(a).length <= 200, { message: 'has too many answers' }),
  respondent: z.enum(['clinician-entered', 'client-on-device']).default('clinician-entered'),
  bandConvention: z.string().max(60).optional(),
});

export const MeasureView = z.object({
  id: z.string(), instrumentId: z.string(), instrumentVersion: z.string(), instrumentTitle: z.string(), answers: z.record(z.string(), z.unknown()),
  respondent: z.string(), administeredAt: z.string(), sessionId: z.string().nullable(), score: ScoreResultView,
});

export const MeasureCreated = z.object({ measure: MeasureView, riskFlags: z.array(RiskFlagView) });

export const SessionView = z.object({
  id: z.string(),
  episodeId: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  protocolId: z.string(),
  number: z.number().int(),
  startsAt: z.string(),
  durationMinutes: z.number().int().nullable(),
  attendance: Attendance,
  mode: SessionMode,
  phase: z.string(),
  phaseLabel: z.string(),
  agenda: z.array(z.object({ id: z.string(), label: z.string(), guidance: z.string(), required: z.boolean(), opensTool: z.string().nullable(), done: z.boolean() })),
  noteSections: z.array(z.object({ id: z.string(), label: z.string(), hint: z.string() })),
  note: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  /** Sections filled from what was recorded in the session (measures, agenda) while the note is a draft. */
  prefilledSections: z.array(z.string()),
  noteStatus: z.enum(['draft', 'signed']),
  signedAt: z.string().nullable(),
  signedByName: z.string().nullable(),
  addenda: z.array(z.object({ id: z.string(), text: z.string(), signedByName: z.string(), signedAt: z.string() })),
  measures: z.array(MeasureView),
  measuresDue: z.array(z.string()),
  riskFlags: z.array(RiskFlagView),
  /** Whether the caller may change this session (false on read-only emergency access). */
  mayEdit: z.boolean(),
  version: z.number().int(),
});
export type SessionView = z.infer<typeof SessionView>;

export const ProcessNoteView = z.object({ id: z.string(), text: z.string(), createdAt: z.string(), updatedAt: z.string(), version: z.number().int() });

export const DayQuery = z.strictObject({
  date: IsoDate.optional(),
  /** The viewer's offset from UTC in minutes (e.g. 120 for UTC+2), so "the day" is the local day. */
  tzOffsetMinutes: z.coerce.number().int().min(-840).max(840).default(0),
});
export const DayView = z.object({
  date: z.string(),
  sessions: z.array(z.object({
    id: z.string(), episodeId: z.string(), clientId: z.string(), clientName: z.string(), number: z.number().int(), startsAt: z.string(), attendance: z.string(),
    phase: z.string(), noteStatus: z.string(), measuresDue: z.array(z.string()), openRiskFlags: z.number().int(),
  })),
  unsignedNotes: z.array(z.object({ id: z.string(), episodeId: z.string(), clientName: z.string(), number: z.number().int(), startsAt: z.string() })),
  overdueMeasures: z.array(z.object({ episodeId: z.string(), clientName: z.string(), instrumentId: z.string(), lastGivenAtSession: z.number().int().nullable() })),
});
