// /healthz: the process answers. /readyz: the database answers and its schema is current.
// /metrics: Prometheus.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../../app/context.js';
import type { HttpMetrics } from '../metrics.js';

export function registerOps(app: FastifyInstance, db: Db, metrics: HttpMetrics, migrationsCurrent: () => Promise<boolean>, isDraining: () => boolean): void {
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
  app.get('/metrics', async (_req, reply) => {
    const body = await metrics.registry.metrics();
    return reply.header('content-type', metrics.registry.contentType).send(body);
  });
}
