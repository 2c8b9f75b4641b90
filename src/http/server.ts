// The HTTP server: one Fastify instance serving the API, the provider webhooks, the live
// event stream and the operations endpoints.
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import type { AppDeps } from '../app/context.js';
import type { KeyHold } from '../app/idempotency-seal.js';
import { DomainError } from '../domain/errors.js';
import { registerApiDocs } from './api-docs.js';
import { DATABASE_RETRY_AFTER_S, isDatabaseUnavailable } from '../db/unavailable.js';
import type { TtlCache } from '../app/ttl-cache.js';
import { resolveCaller, requireAccess, SESSION_COOKIE, type SessionRow } from './auth/caller.js';
import { hashSecret } from '../platform/secret-token.js';
import { envelope, fromDomainError, pickLang } from './error-envelope.js';
import { stripPathPrefix } from './external-url.js';
import type { EventHub } from './events/hub.js';
import { withIdempotency } from './idempotency.js';
import type { HttpMetrics } from './metrics.js';
import { describeError, noteOutcome, registerRequestLog, requestId } from './request-log.js';
import { refuseUnsafeText } from './unsafe-text.js';
import type { RouteDef } from './route.js';

export interface ServerOptions {
  readonly deps: AppDeps;
  readonly routes: readonly RouteDef[];
  readonly hub: EventHub;
  readonly metrics: HttpMetrics;
  /** Secure cookies behind TLS (or a TLS-terminating proxy). */
  readonly secureCookies: boolean;
  readonly sessionIdleMs: number;
  readonly sessionCache?: TtlCache<SessionRow | undefined>;
  readonly sessionAbsoluteMs: number;
  /** The product's logger (src/platform/logger.ts); without one the server writes nothing. */
  readonly logger?: FastifyBaseLogger;
  readonly trustProxy?: boolean;
  readonly registerExtra?: (app: FastifyInstance) => Promise<void>;
  /** How long an Idempotency-Key stays reserved by a request that never finished (default 30 s). */
  readonly idempotencyLeaseMs?: number;
  /** PUBLIC_URL's path ('/smsdesk'): every route is also served below it, for a proxy that keeps it. */
  readonly pathPrefix?: string;
}

export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(opts.logger ? { loggerInstance: opts.logger } : {}),
    // Fastify's own line per request would flood the log at info: request-log.ts writes what matters.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestId,
    // A URL the router cannot decode (an invalid percent-encoding) gets the same envelope as any refusal.
    frameworkErrors: (err, req, reply) => void sendError(err, req, reply),
    bodyLimit: 64 * 1024,
    trustProxy: opts.trustProxy ?? false,
    routerOptions: { maxParamLength: 200 },
    ...(opts.pathPrefix ? { rewriteUrl: (req: { url?: string }) => stripPathPrefix(req.url ?? '/', opts.pathPrefix ?? '') } : {}),
  });
  await app.register(helmet, { contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], connectSrc: ["'self'"], imgSrc: ["'self'", 'data:'] } } });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    // Signed-in callers are limited one by one; anonymous ones (login) by address.
    keyGenerator: (req) => {
      const sid = req.cookies[SESSION_COOKIE];
      const auth = req.headers.authorization;
      return sid ? `s:${hashSecret(sid)}` : auth ? `t:${hashSecret(auth)}` : `ip:${req.ip}`;
    },
  });

  app.setErrorHandler((err: unknown, req, reply) => sendError(err, req, reply));
  registerRequestLog(app);
  // Before any schema, for every route registered below (the webhooks and live events too).
  app.addHook('preValidation', refuseUnsafeText);
  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).send(envelope('NOT_FOUND', pickLang(req.headers['accept-language'])));
  });
  app.addHook('onResponse', async (req, reply) => {
    opts.metrics.observeRequest(req.routeOptions.url ?? 'unmatched', req.method, reply.statusCode, reply.elapsedTime);
  });

  const sessions = { idleMs: opts.sessionIdleMs, absoluteMs: opts.sessionAbsoluteMs, ...(opts.sessionCache ? { cache: opts.sessionCache } : {}) };
  for (const def of opts.routes) {
    app.route({
      method: def.method,
      url: def.url,
      ...(def.bodyLimit ? { bodyLimit: def.bodyLimit } : {}),
      ...(def.rateLimit
        ? {
            config: {
              rateLimit: {
                max: def.rateLimit.max,
                timeWindow: def.rateLimit.timeWindowMs,
                // Anyone can send any cookie to a public route: only the address counts there.
                ...(def.access === 'public' ? { keyGenerator: (req: FastifyRequest) => `ip:${req.ip}` } : {}),
              },
            },
          }
        : {}),
      handler: async (req, reply) => {
        const lang = pickLang(req.headers['accept-language']);
        const caller = def.access === 'public' ? await resolveCaller(opts.deps.db, req, sessions).catch(() => null) : await resolveCaller(opts.deps.db, req, sessions);
        requireAccess(def.access, caller, req);
        const body = def.body ? def.body.parse(req.body ?? {}) : undefined;
        const query = def.query ? def.query.parse(req.query ?? {}) : undefined;
        const params = def.params ? def.params.parse(req.params ?? {}) : undefined;
        const run = (idempotency: KeyHold | null = null) => def.handler({ body, query, params, caller, lang, req, reply, idempotency });
        const result = def.idempotent && caller ? await withIdempotency(opts.deps.db, caller, req, reply, def.successStatus ?? 200, run, opts.idempotencyLeaseMs) : { status: def.successStatus ?? 200, body: await run() };
        if (reply.sent) return reply;
        return reply.status(result.status).send(result.body);
      },
    });
  }

  await registerApiDocs(app, opts.routes);
  if (opts.registerExtra) await opts.registerExtra(app);
  return app;
}

function sendError(err: unknown, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const lang = pickLang(req.headers['accept-language']);
  noteOutcome(req, describeError(err));
  if (err instanceof DomainError) {
    const { status, body } = fromDomainError(err, lang);
    if (err.code === 'RATE_LIMITED' || status === 429) {
      const wait = err.details?.retryAfterSeconds;
      void reply.header('retry-after', typeof wait === 'number' ? String(wait) : '1');
    }
    return reply.status(status).send(body);
  }
  if (err instanceof ZodError) {
    const issues = err.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(request)'}: ${i.message}`);
    return reply.status(400).send(envelope('VALIDATION_FAILED', lang, { issues }));
  }
  const status = typeof err === 'object' && err !== null && 'statusCode' in err && typeof err.statusCode === 'number' ? err.statusCode : 500;
  if (status === 429) return reply.status(429).send(envelope('RATE_LIMITED', lang));
  if (isDatabaseUnavailable(err)) return reply.status(503).header('retry-after', String(DATABASE_RETRY_AFTER_S)).send(envelope('SERVICE_UNAVAILABLE', lang));
  if (status >= 400 && status < 500) {
    const code = typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : 'BAD_REQUEST';
    return reply.status(status).send(envelope('VALIDATION_FAILED', lang, { reason: code }));
  }
  // Logged once, with the request's id, route and error, by request-log.ts when the answer is sent.
  return reply.status(500).send({ error: { code: 'INTERNAL', message: lang === 'fr' ? 'Erreur interne.' : 'Internal error.' } });
}
