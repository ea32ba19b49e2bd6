/**
 * The one error type the domain throws. The server maps each code to an HTTP status and answers
 * RFC 9457 problem+json; the CLI prints the message and exits non-zero. The union is closed so that
 * a new failure mode is a deliberate change reviewed in one place.
 */
export const DomainErrorCode = {
  validation: 'validation',
  notFound: 'not-found',
  forbidden: 'forbidden',
  unauthenticated: 'unauthenticated',
  conflict: 'conflict',
  preconditionFailed: 'precondition-failed',
  preconditionRequired: 'precondition-required',
  idempotencyMismatch: 'idempotency-mismatch',
  tooManyRequests: 'too-many-requests',
  gone: 'gone',
  locked: 'locked',
} as const;
export type DomainErrorCode = (typeof DomainErrorCode)[keyof typeof DomainErrorCode];

/** One field-level problem, named by its JSON path (e.g. `answers.9`). */
export interface FieldError {
  field: string;
  message: string;
}

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly field: string | undefined;
  readonly errors: FieldError[];
  /** Extra machine-readable members for the problem body (e.g. the current version on a 412). */
  readonly extra: Record<string, unknown>;

  constructor(code: DomainErrorCode, message: string, options: { field?: string; errors?: FieldError[]; extra?: Record<string, unknown> } = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.field = options.field;
    this.errors = options.errors ?? (options.field ? [{ field: options.field, message }] : []);
    this.extra = options.extra ?? {};
  }
}

/** Narrowing helper that works across module copies (vitest forks, tsx). */
export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError || (error instanceof Error && error.name === 'DomainError' && 'code' in error);
}
