/**
 * Instrument packs: licensed wording an organisation imports for a built-in instrument (e.g. EPDS with
 * RCPsych permission, or the C-SSRS version a service uses). A pack only replaces text; it can never
 * change ids, values or scoring, so a score means the same thing with or without it.
 */
import { z } from 'zod';
import { DomainError } from '../errors';
import type { FieldError } from '../errors';

const text = z.string().trim().min(1).max(4000);

/** The JSON shape of a pack, validated at every boundary that accepts one. */
export const instrumentPackSchema = z
  .object({
    instrumentId: z.string().min(1).max(100),
    instrumentVersion: z.string().min(1).max(50),
    packVersion: z.string().min(1).max(50),
    /** BCP 47 tag of the wording, e.g. `en`, `en-GB`, `pt-BR`. */
    language: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as en or en-GB'),
    title: text.optional(),
    instructions: text.optional(),
    /** Keyed by item id; `options` keyed by option value (as a string), giving each option's label. */
    items: z.record(z.string(), z.object({ text, options: z.record(z.string(), text).optional() }).strict()),
    licence: z.object({ holder: text, statement: text }).strict(),
  })
  .strict();

/** A validated instrument pack. */
export type InstrumentPack = z.infer<typeof instrumentPackSchema>;

/** Parses untrusted pack JSON; every schema problem becomes a field error named by its JSON path. */
export function parseInstrumentPack(input: unknown): InstrumentPack {
  const parsed = instrumentPackSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const errors: FieldError[] = parsed.error.issues.map((issue) => ({
    field: issue.path.length === 0 ? 'pack' : issue.path.map(String).join('.'),
    message: issue.message,
  }));
  throw new DomainError('validation', `invalid instrument pack: ${errors.length} problem(s)`, { errors });
}
