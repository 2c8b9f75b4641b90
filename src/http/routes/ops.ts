// /healthz: the process answers. /readyz: the database answers and its schema is current.
// /metrics: Prometheus, behind a bearer token when one is set, and on the main port unless
// it has a listener of its own (metrics-listener.ts).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../../app/context.js';
import { envelope } from '../error-envelope.js';
import type { HttpMetrics } from '../metrics.js';

export interface MetricsAccess {
  /** When set, /metrics answers only with `Authorization: Bearer <token>`. */
  readonly token: string | null;
  /** False when /metrics is served on a separate listener instead. */
  readonly onMainPort: boolean;
}

const OPEN: MetricsAccess = { token: null, onMainPort: true };

export function registerOps(app: FastifyInstance, db: Db, metrics: HttpMetrics, migrationsCurrent: () => Promise<boolean>, isDraining: () => boolean, access: MetricsAccess = OPEN): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    if (isDraining()) return reply.status(503).send({ status: 'draining' });
    try {
      await sql`select 1`.execute(db);
      if (!(await migrationsCurrent())) return reply.status(503).send({ status: 'migrations pending' });
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'database unreachable' });
    }
  });
  if (access.onMainPort) registerMetrics(app, metrics, access.token);
}

export function registerMetrics(app: FastifyInstance, metrics: HttpMetrics, token: string | null): void {
  app.get('/metrics', async (req, reply) => {
    if (token !== null && !bearerMatches(req.headers.authorization, token)) {
      return reply.status(401).header('www-authenticate', 'Bearer realm="metrics"').send(envelope('UNAUTHENTICATED', 'en'));
    }
    const body = await metrics.registry.metrics();
    return reply.header('content-type', metrics.registry.contentType).send(body);
  });
}

// Digests of equal length, so the comparison takes the same time whatever was sent.
function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer (.+)$/i.exec(header ?? '');
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(match?.[1]?.trim() ?? ''), digest(token));
}
