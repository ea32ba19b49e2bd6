import type { FastifyReply } from 'fastify';
import type { ReadAnswer } from './read-audit';
import { etagOf } from './versioning';

/**
 * Sends an audited read's answer (answerAuditedRead) with its ETag when it has a version. JSON a read
 * worker made is sent as it is by the app's serializer (app.ts); an object goes through the route's
 * response schema as usual.
 */
export function sendReadAnswer<T>(reply: FastifyReply, answer: ReadAnswer<T>): FastifyReply {
  if (answer.version !== undefined) reply.header('etag', etagOf(answer.version));
  return reply.send(answer.body);
}
