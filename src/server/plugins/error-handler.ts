import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { DomainError, isDomainError, type DomainErrorCode, type FieldError } from '../../domain/errors';

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

interface ZodValidationIssue {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: { keys?: string[] };
}

/** Turns the type provider's issues into per-field errors, naming unknown keys one by one. */
function zodIssuesToFieldErrors(error: FastifyError & { validation?: unknown; validationContext?: string }): FieldError[] {
  const context = error.validationContext ?? 'body';
  const prefix = context === 'body' ? '' : context;
  const out: FieldError[] = [];
  for (const issue of (error.validation ?? []) as ZodValidationIssue[]) {
    const basePath = (issue.instancePath ?? '').replace(/^\//, '').split('/').filter(Boolean).join('.');
    if (issue.keyword === 'unrecognized_keys' && issue.params?.keys) {
      for (const key of issue.params.keys) out.push({ field: [prefix, basePath, key].filter(Boolean).join('.'), message: 'is not a known field' });
      continue;
    }
    out.push({ field: [prefix, basePath].filter(Boolean).join('.') || context, message: issue.message ?? 'is not valid' });
  }
  return out;
}

/**
 * One error handler: domain errors and validation failures become RFC 9457 problem+json with the
 * fields that are wrong; anything unexpected is a 500 that says nothing of the internals.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  registerJsonParser(app);
  app.setErrorHandler((error: FastifyError, request, reply) => {
    // A request whose session check was left to its read (decision 0003 §10) and failed before that
    // read ran — its parameters did not validate, say — is answered as if the check had come first:
    // a signed-out caller learns nothing but that it must sign in.
    const deferred = request.ctx?.deferredSession;
    if (deferred) {
      return deferred.checkHere().then(() => sendError(error, request, reply), (refusal: unknown) => sendError(refusal as FastifyError, request, reply));
    }
    return sendError(error, request, reply);
  });
}

/** The problem+json answer for an error (the session, when deferred, already checked). */
function sendError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
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
    : error.message;
  return sendProblem(reply, status, { type: status === 400 ? 'malformed-request' : undefined, detail, ...(status === 400 ? { errors: [{ field: 'body', message: detail }] } : {}) });
}

/**
 * JSON bodies go through Fastify's safe parser (which refuses __proto__ and constructor keys), but its
 * failures are turned into our own messages so the person sees why: malformed JSON, or a forbidden key.
 * Plain text bodies are not accepted (415), so a body is always JSON.
 */
function registerJsonParser(app: FastifyInstance): void {
  const safeJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    safeJson(request, body as string, (error: Error | null, value?: unknown) => {
      if (!error) return done(null, value);
      const code = (error as FastifyError).code;
      // Fastify wraps the parser's reason; a forbidden key is recognised from the reason or the text itself.
      const reason = (error as Error & { cause?: Error }).cause?.message ?? error.message;
      const forbidden = /prototype|constructor/i.test(reason) || /"\s*(__proto__|constructor)\s*"\s*:/.test(body as string);
      let detail = 'The request body is not valid JSON.';
      try {
        JSON.parse(body as string);
      } catch (syntax) {
        detail = `The request body is not valid JSON: ${(syntax as Error).message.slice(0, 160)}.`;
      }
      if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY') detail = 'The request body is empty; send a JSON object.';
      else if (forbidden) detail = 'The request body contains a forbidden key (__proto__ or constructor).';
      done(new DomainError('validation', detail, { field: 'body', extra: { problemType: forbidden ? 'forbidden-key' : 'malformed-request' } }), undefined);
    });
  });
}
