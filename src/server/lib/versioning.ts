import { DomainError } from '../../domain/errors';

/** ETag for a versioned record: the version in quotes. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * Reads If-Match. Missing → 428 (nothing is silently overwritten); unreadable → 400. Accepts
 * `"3"`, `W/"3"` and a bare `3`.
 */
export function requireIfMatch(header: string | string[] | undefined): number {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') {
    throw new DomainError('precondition-required', 'This change needs an If-Match header with the version you read (the record\'s ETag).', { field: 'If-Match' });
  }
  const match = /^(?:W\/)?"?(\d{1,10})"?$/.exec(value.trim());
  if (!match) throw new DomainError('validation', 'If-Match must be the ETag you read, e.g. "3".', { field: 'If-Match' });
  return Number(match[1]);
}

/** A stale write: 412 with the current version, so the client can reload and retry. */
export function staleVersion(entityType: string, currentVersion: number): DomainError {
  return new DomainError('precondition-failed', `This ${entityType} was changed by someone else since you read it. Reload it (current version ${currentVersion}) and apply your change again.`, {
    extra: { currentVersion },
  });
}
