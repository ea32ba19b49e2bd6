import i18next from 'i18next';
import { isApiError } from './api';

/**
 * One sentence for a failure that belongs to no field: the server's `detail` when it gave one,
 * otherwise a catalog message by status. Never a stack trace or internals.
 */
export function describeError(error: unknown): string {
  if (!isApiError(error)) return i18next.t('errors.unexpected');
  if (error.status === 0) return i18next.t('errors.network');
  if (error.detail) return error.detail;
  if (error.status === 403) return i18next.t('errors.forbidden');
  if (error.status === 404) return i18next.t('errors.notFound');
  if (error.status === 412) return i18next.t('errors.stale');
  if (error.status === 429) return i18next.t('errors.tooManyRequests');
  if (error.status >= 500) return i18next.t('errors.server');
  if (error.errors.length > 0) return i18next.t('errors.checkFields');
  return error.title || i18next.t('errors.unexpected');
}
