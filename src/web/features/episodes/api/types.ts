import type { z } from 'zod';
import type { EpisodeListItem, EpisodeView, MedicationView, RiskFlagView } from '../../../../contracts/episodes.contract';
import type { DayView, MeasureCreated, MeasureView, ProcessNoteView, SessionView } from '../../../../contracts/sessions.contract';

/** The API's shapes, inferred from the contracts (types only: nothing of zod reaches the bundle). */
export type Episode = z.infer<typeof EpisodeView>;
export type EpisodeSummary = z.infer<typeof EpisodeListItem>;
export type Medication = z.infer<typeof MedicationView>;
export type RiskFlag = z.infer<typeof RiskFlagView>;
export type Session = SessionView;
export type Measure = z.infer<typeof MeasureView>;
export type MeasureResult = z.infer<typeof MeasureCreated>;
export type ProcessNote = z.infer<typeof ProcessNoteView>;
export type Day = z.infer<typeof DayView>;
export type Chart = NonNullable<Episode['chart']>;
export type Plan = NonNullable<Episode['plan']>;
