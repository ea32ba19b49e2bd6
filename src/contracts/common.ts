import { z } from 'zod';

/**
 * Shared building blocks for request and response schemas. Every request object is strict (unknown
 * keys are an error that names the key) and every string has a length cap, so bad input is refused
 * at the boundary with a clear message instead of being stored.
 */
export const Id = z.uuid({ message: 'must be an id (UUID)' });
export const IsoDateTime = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time' });

/** A calendar date (YYYY-MM-DD) that exists: 2023-02-30 is refused. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' })
  .refine((value) => {
    const parsed = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
  }, { message: 'is not a real calendar date' });

/** Text entered by a person: trimmed, non-empty, capped. */
export const text = (max: number) => z.string().trim().min(1, { message: 'must not be empty' }).max(max, { message: `must be at most ${max} characters` });
/** Optional free text; an empty string clears the field (stored as null). */
export const optionalText = (max: number) =>
  z.string().trim().max(max, { message: `must be at most ${max} characters` }).nullable().optional()
    .transform((value) => (value === '' ? null : value));

export const Email = z.string().trim().toLowerCase().max(254).pipe(z.email({ message: 'must be an e-mail address' }));

/** Passwords: at least 12 characters, at most 256, checked against the common-password list on the server. */
export const NewPassword = z.string().min(12, { message: 'must be at least 12 characters' }).max(256, { message: 'must be at most 256 characters' });

export const Role = z.enum(['admin', 'supervisor', 'clinician', 'client']);
export type Role = z.infer<typeof Role>;
/** Roles an administrator can give to a staff account (client accounts come from the portal). */
export const StaffRole = z.enum(['admin', 'supervisor', 'clinician']);

/** Cursor pagination: the cursor is opaque; a page answers `nextCursor: null` at the end. */
export const PageQuery = z.strictObject({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const IdParams = z.strictObject({ id: Id });

/** RFC 9457 problem details, with per-field errors. */
export const Problem = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  currentVersion: z.number().int().optional(),
  retryAfterSeconds: z.number().int().optional(),
});
export type Problem = z.infer<typeof Problem>;

export const Ok = z.object({ ok: z.literal(true) });
