// One log line per request that went wrong, so an operator can find what a user saw: every
// 5xx at error level with its error, every refusal (4xx) at info with its stable code, anything
// else at debug. Lines carry the request id (also sent back as `x-request-id`), the method,
// the route's pattern (never the raw URL: it can hold a phone number), the status and the time.
// Never a body, a header, a cookie or a query: the logger masks phone numbers in what is left.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { DomainError } from '../domain/errors.js';

export const REQUEST_ID_HEADER = 'x-request-id';

// A caller's own id is kept only when it cannot disturb a log line or a header.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The caller's `x-request-id` when it is short and plain, else a fresh one. */
export function requestId(raw: IncomingMessage): string {
  const incoming = raw.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

interface Outcome {
  /** The stable code of the refusal answered, if any. */
  code?: string;
  /** `details.reason` of that refusal, when it is a code (a fixed word, never user input). */
  reason?: string;
  err?: unknown;
}

const outcomes = new WeakMap<FastifyRequest, Outcome>();

/** Called by the error handler: what the answer was, and why, for the request's log line. */
export function noteOutcome(req: FastifyRequest, outcome: Outcome): void {
  outcomes.set(req, outcome);
}

/** The parts of an error worth a log line: never its whole object (it may carry a query's values). */
export function errorFields(err: unknown): Record<string, string | undefined> {
  if (!(err instanceof Error)) return { message: String(err) };
  const code = (err as { code?: unknown }).code;
  return { type: err.name, message: err.message, ...(err.stack ? { stack: err.stack } : {}), ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code) } : {}) };
}

const REASON = /^[A-Z0-9_]{1,64}$/;

export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onRequest', async (req, reply) => {
    void reply.header(REQUEST_ID_HEADER, req.id);
  });
  app.addHook('onResponse', async (req, reply) => {
    const status = reply.statusCode;
    const noted = outcomes.get(req);
    const route = req.routeOptions.url;
    const line: Record<string, unknown> = { method: req.method, route: route ?? 'unmatched', status, ms: Math.round(reply.elapsedTime) };
    if (noted?.code) line.code = noted.code;
    if (noted?.reason && REASON.test(noted.reason)) line.reason = noted.reason;
    if (status >= 500) {
      if (noted?.err !== undefined) line.err = errorFields(noted.err);
      req.log.error(line, 'request failed');
    } else if (status >= 400 && route !== undefined) {
      req.log.info(line, 'request refused');
    } else {
      // Successes, and unknown addresses (scanners knock on many): only when asked for.
      req.log.debug(line, status >= 400 ? 'request refused' : 'request completed');
    }
  });
}

/** What the error handler is about to answer for an error, as far as the log line needs it. */
export function describeError(err: unknown): Outcome {
  if (err instanceof DomainError) {
    const reason = err.details?.reason;
    return { code: err.code, ...(typeof reason === 'string' ? { reason } : {}) };
  }
  if (err instanceof ZodError) return { code: 'VALIDATION_FAILED' };
  const status = typeof err === 'object' && err !== null && 'statusCode' in err && typeof err.statusCode === 'number' ? err.statusCode : 500;
  if (status === 429) return { code: 'RATE_LIMITED' };
  if (status >= 400 && status < 500) {
    const code = (err as { code?: unknown }).code;
    return { code: 'VALIDATION_FAILED', ...(typeof code === 'string' ? { reason: code } : {}) };
  }
  return { err };
}
