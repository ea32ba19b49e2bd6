import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { isDomainError, type DomainErrorCode, type FieldError } from '../../domain/errors';

const STATUS: Record<DomainErrorCode, number> = {
  validation: 400,
  'not-found': 404,
  forbidden: 403,
  unauthenticated: 401,
  conflict: 409,
  'precondition-failed': 412,
  'precondition-required': 428,
  'idempotency-mismatch': 422,
  'too-many-requests': 429,
  gone: 410,
  locked: 423,
};

const TITLES: Record<number, string> = {
  400: 'The request is not valid', 401: 'Not signed in', 403: 'Not allowed', 404: 'Not found', 405: 'Method not allowed', 409: 'Conflict',
  410: 'No longer valid', 412: 'The record changed', 413: 'The request is too large', 415: 'Unsupported content type', 422: 'Cannot process this request',
  423: 'Locked', 428: 'Precondition required', 429: 'Too many requests', 500: 'Something went wrong on our side', 503: 'Service unavailable',
};

export const PROBLEM_BASE = 'https://ipt-workbench.org/problems/';

export function sendProblem(reply: FastifyReply, status: number, body: { type?: string; detail?: string; errors?: FieldError[]; [key: string]: unknown }) {
  const { type, ...rest } = body;
  return reply.status(status).type('application/problem+json').send({
    type: type ? `${PROBLEM_BASE}${type}` : 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    ...rest,
  });
}

function zodIssuesToFieldErrors(error: FastifyError & { validation?: unknown; validationContext?: string }): FieldError[] {
  const context = error.validationContext ?? 'body';
  const issues = (error.validation ?? []) as Array<{ instancePath?: string; message?: string; params?: { issue?: { path?: PropertyKey[]; message?: string; keys?: string[]; code?: string } } }>;
  const out: FieldError[] = [];
  for (const issue of issues) {
    const zodIssue = issue.params?.issue;
    const basePath = zodIssue?.path?.map(String).join('.') ?? issue.instancePath?.replace(/^\//, '').replace(/\//g, '.') ?? '';
    if (zodIssue?.code === 'unrecognized_keys' && zodIssue.keys) {
      for (const key of zodIssue.keys) out.push({ field: [context === 'body' ? '' : context, basePath, key].filter(Boolean).join('.'), message: 'is not a known field' });
      continue;
    }
    const field = [context === 'body' ? '' : context, basePath].filter(Boolean).join('.') || context;
    out.push({ field, message: zodIssue?.message ?? issue.message ?? 'is not valid' });
  }
  return out;
}

/**
 * One error handler: domain errors and validation failures become RFC 9457 problem+json with the
 * fields that are wrong; anything unexpected is a 500 that says nothing of the internals.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isDomainError(error)) {
      const status = STATUS[error.code];
      const { problemType, retryAfterSeconds, ...extra } = error.extra as { problemType?: string; retryAfterSeconds?: number };
      if (retryAfterSeconds !== undefined) reply.header('retry-after', String(retryAfterSeconds));
      return sendProblem(reply, status, {
        type: problemType ?? error.code,
        detail: error.message,
        ...(error.errors.length > 0 ? { errors: error.errors } : {}),
        ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
        ...extra,
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = zodIssuesToFieldErrors(error as FastifyError & { validation?: unknown; validationContext?: string });
      return sendProblem(reply, 400, { type: 'validation', detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: { message: error.message, method: error.method, url: error.url } }, 'response did not match its schema');
      return sendProblem(reply, 500, { detail: 'The server could not complete this request.' });
    }
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) {
      request.log.error({ err: { message: error.message, code: error.code, stack: error.stack } }, 'unexpected error');
      return sendProblem(reply, 500, { detail: 'The server could not complete this request.' });
    }
    const detail = error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'The request body is larger than the server accepts.'
      : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'Send the request body as application/json.'
      : error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'The request body is empty; send a JSON object.'
      : /proto|constructor/i.test(error.message) ? 'The request body contains a forbidden key (__proto__ or constructor).'
      : status === 400 ? `The request body is not valid JSON: ${error.message.replace(/^Body is not valid JSON but content-type is set to 'application\/json'/, '').slice(0, 200)}`.trim()
      : error.message;
    return sendProblem(reply, status, { type: status === 400 ? 'malformed-request' : undefined, detail, ...(status === 400 ? { errors: [{ field: 'body', message: detail }] } : {}) });
  });
}
