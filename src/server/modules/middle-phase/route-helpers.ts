import { Problem } from '../../../contracts/common';
import { etagOf } from '../../lib/versioning';

/** Error answers every middle-phase route may give. */
export const middlePhaseErrors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 412: Problem, 422: Problem, 423: Problem, 428: Problem };

/** Sets the ETag of a versioned view and answers the view. */
export function withEtag<T extends { version: number }>(reply: { header(name: string, value: string): unknown }, view: T): T {
  reply.header('etag', etagOf(view.version));
  return view;
}
