// Prometheus metrics on /metrics. Queue depth and lag are read from the outbox at scrape time,
// so every instance reports the same truth.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { sql } from 'kysely';
import type { Db } from '../app/context.js';
import { recentNumberOutcomes } from '../app/dashboard/number-health.js';
import { registerNumberHealthGauge } from './metrics-number-health.js';

export interface HttpMetrics {
  readonly registry: Registry;
  observeRequest(route: string, method: string, status: number, ms: number): void;
  providerCall(provider: string, outcome: string, ms: number): void;
}

export function createMetrics(db: Db, liveConnections: () => number): HttpMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({ name: 'smsdesk_http_requests_total', help: 'HTTP requests by route, method and status', labelNames: ['route', 'method', 'status'], registers: [registry] });
  const latency = new Histogram({
    name: 'smsdesk_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['route', 'method'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const provider = new Histogram({ name: 'smsdesk_provider_call_duration_seconds', help: 'Provider submission latency by outcome', labelNames: ['provider', 'outcome'], buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry] });
  const providerErrors = new Counter({ name: 'smsdesk_provider_errors_total', help: 'Provider submissions that were not accepted', labelNames: ['provider', 'outcome'], registers: [registry] });
  new Gauge({ name: 'smsdesk_live_connections', help: 'Open live event streams on this instance', registers: [registry], collect() { this.set(liveConnections()); } });
  new Gauge({
    name: 'smsdesk_dispatcher_queue_depth',
    help: 'Messages queued for the provider',
    registers: [registry],
    async collect() {
      const r = await db.selectFrom('messages').select(sql<string>`count(*)`.as('n')).where('status', '=', 'queued').executeTakeFirst();
      this.set(Number(r?.n ?? 0));
    },
  });
  new Gauge({
    name: 'smsdesk_dispatcher_lag_seconds',
    help: 'Age of the oldest message due and not yet claimed',
    registers: [registry],
    async collect() {
      const r = await db
        .selectFrom('messages')
        .select(sql<string | null>`extract(epoch from (now() - min(run_at)))`.as('lag'))
        .where('status', '=', 'queued')
        .where('run_at', '<=', sql<Date>`now()`)
        .executeTakeFirst();
      this.set(Math.max(0, Number(r?.lag ?? 0)));
    },
  });
  // Both read through the partial index messages_review: a handful of rows, whatever the table's size.
  new Gauge({
    name: 'smsdesk_review_waiting',
    help: 'Messages whose submission is uncertain, waiting for an administrator (GET /api/admin/review)',
    registers: [registry],
    async collect() {
      const r = await db.selectFrom('messages').select(sql<string>`count(*)`.as('n')).where('needs_review', '=', true).executeTakeFirst();
      this.set(Number(r?.n ?? 0));
    },
  });
  new Gauge({
    name: 'smsdesk_review_oldest_seconds',
    help: 'How long the message waiting longest for review has waited (0 when none waits)',
    registers: [registry],
    async collect() {
      const r = await db
        .selectFrom('messages')
        .select(sql<string | null>`extract(epoch from (now() - min(coalesce(review_since, updated_at))))`.as('age'))
        .where('needs_review', '=', true)
        .executeTakeFirst();
      this.set(Math.max(0, Number(r?.age ?? 0)));
    },
  });
  new Gauge({
    name: 'smsdesk_messages_by_status',
    help: 'Messages created in the last 24 hours, by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const rows = await db
        .selectFrom('messages')
        .select(['status', sql<string>`count(*)`.as('n')])
        .where('created_at', '>', sql<Date>`now() - interval '1 day'`)
        .groupBy('status')
        .execute();
      this.reset();
      for (const r of rows) this.set({ status: r.status }, Number(r.n));
    },
  });
  // Outcomes per SMS number over the last 15 minutes: alert on failures / reports above a rate
  // with a minimum of reports (docs/operations.md).
  new Gauge({
    name: 'smsdesk_sms_number_reports_15m',
    help: 'Final delivery reports per SMS number over the last 15 minutes, and how many were failures',
    labelNames: ['account', 'number', 'outcome'],
    registers: [registry],
    async collect() {
      const rows = await recentNumberOutcomes(db);
      this.reset();
      for (const r of rows) {
        const number = r.address ?? r.smsNumberId;
        this.set({ account: r.accountId, number, outcome: 'all' }, r.finals);
        this.set({ account: r.accountId, number, outcome: 'failed' }, r.failures);
      }
    },
  });
  registerNumberHealthGauge(db, registry);
  return {
    registry,
    observeRequest(route, method, status, ms) {
      requests.inc({ route, method, status: String(status) });
      latency.observe({ route, method }, ms / 1000);
    },
    providerCall(name, outcome, ms) {
      provider.observe({ provider: name, outcome }, ms / 1000);
      if (outcome !== 'accepted') providerErrors.inc({ provider: name, outcome });
    },
  };
}
