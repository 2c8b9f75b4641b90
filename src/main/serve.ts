// The composition root of a running smsdesk: database, dispatcher, HTTP server, graceful stop.
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { AppDeps } from '../app/context.js';
import { TtlCache } from '../app/ttl-cache.js';
import { inboundInputOf, receiveInbound } from '../app/receive-inbound.js';
import { wellFormedEvent } from '../http/unsafe-text.js';
import type { AppConfig } from '../config/index.js';
import type { ServerConfig } from '../config/server-config.js';
import { openDatabase, type SmsdeskDatabase } from '../db/open-database.js';
import { createWakeBus, EVENTS_CHANNEL, OUTBOX_CHANNEL } from '../db/wake-bus.js';
import { createDispatcher, type Dispatcher } from '../dispatcher/index.js';
import { startMetricsListener, type MetricsListener } from '../http/metrics-listener.js';
import { createLogger } from '../platform/logger.js';
import { systemClock, uuidV7Generator } from '../platform/system.js';
import { seedDemo } from './demo-seed.js';
import { createHttpApp, type HttpApp } from './http-app.js';
import { createProviderCache, type ProviderFactory } from './provider-cache.js';
import { createProviderFactory } from './provider-factory.js';
import { IDEMPOTENCY_KEY_HOURS, startRetention } from './retention.js';
import { startScheduledSends } from './scheduled-sends.js';
import { startDeliveryStatsRollup } from '../app/dashboard/rollup.js';
import { startNumberHealth } from '../app/number-health/ops-webhook.js';
import { createWebhookGateway } from './webhook-gateway.js';
import { instrumentProvider, type ProviderCallObserver } from './instrument-provider.js';

export interface RunningSmsdesk {
  readonly url: string;
  readonly database: SmsdeskDatabase;
  readonly http: HttpApp;
  readonly dispatcher: Dispatcher;
  readonly seeded: boolean;
  /** Where /metrics is served when it has a listener of its own (METRICS_PORT). */
  readonly metricsUrl: string | null;
  stop(): Promise<void>;
}

export interface ServeOptions {
  readonly app: AppConfig;
  readonly server: ServerConfig;
  readonly providerFactory?: ProviderFactory;
  /** Folder with the built Banner; served at / when present. */
  readonly webRoot?: string;
  readonly log?: NodeJS.WritableStream;
}

export async function serve(o: ServeOptions): Promise<RunningSmsdesk> {
  const logger = createLogger(o.server.logLevel, o.log);
  for (const warning of o.server.warnings) logger.warn(warning);
  const database = await openDatabase({
    url: o.app.database.url,
    dataDir: o.app.database.dataDir,
    poolSize: o.app.database.poolSize,
    onBackgroundError: (e) => logger.warn({ err: e }, 'database connection error (recovering)'),
  });
  const events = createWakeBus(database, EVENTS_CHANNEL, (e) => logger.warn({ err: e }, 'events wake-up error'));
  const outbox = createWakeBus(database, OUTBOX_CHANNEL, (e) => logger.warn({ err: e }, 'outbox wake-up error'));
  // Profiles are re-read at most every 5 s: an administrator's change reaches every instance within that.
  const deps: AppDeps = { db: database.db, clock: systemClock, ids: uuidV7Generator(), wake: () => (outbox.wake(), events.wake()), profiles: new TtlCache(5_000) };
  const { seeded } = o.server.demo ? await seedDemo(database) : { seeded: false };

  // Provider calls are timed for /metrics once the HTTP app (which owns the registry) exists.
  let observe: ProviderCallObserver = () => undefined;
  const factory = o.providerFactory ?? createProviderFactory(o.server.secretKey);
  const providers = createProviderCache(database.db, async (accountId, type, config) =>
    instrumentProvider(await factory(accountId, type, config), (name, outcome, ms) => observe(name, outcome, ms)),
  );
  const dispatcher = createDispatcher({
    db: database.db,
    providers: (accountId) => providers.get(accountId),
    wake: outbox,
    events,
    // Pushed by SMPP or the simulator: cleaned as webhook events are, since a NUL the
    // database refuses would have the event retried for ever.
    onInbound: (raw, provider) => {
      const e = wellFormedEvent(raw);
      return receiveInbound(deps, inboundInputOf(provider, e));
    },
    concurrency: o.app.dispatcher.concurrency,
    pollIntervalMs: o.app.dispatcher.pollIntervalMs,
    leaseMs: o.app.dispatcher.leaseMs,
    logger: { warn: (m, f) => logger.warn(f ?? {}, m), error: (m, f) => logger.error(f ?? {}, m) },
  });
  const webhooks = createWebhookGateway(deps, providers);
  const webRoot = o.webRoot ?? path.resolve('web/dist');
  const http = await createHttpApp({
    deps,
    idempotencyLeaseMs: o.server.idempotencyLeaseMs,
    wakeSource: events,
    webhooks,
    migrationsCurrent: async () => true,
    secureCookies: o.server.secureCookies,
    sessionIdleMs: o.server.sessionIdleMs,
    sessionAbsoluteMs: o.server.sessionAbsoluteMs,
    sendsPerMinute: o.server.sendsPerMinute,
    trustProxy: o.server.trustProxy,
    secretKey: o.server.secretKey,
    ...(o.server.publicUrl ? { publicBaseUrl: o.server.publicUrl } : {}),
    login: o.server.login,
    metricsAccess: { token: o.server.metricsToken, onMainPort: o.server.metricsListen === null },
    providers: (accountId) => providers.get(accountId),
    retention: { messageRetentionDays: o.server.messageRetentionDays, idempotencyKeyHours: IDEMPOTENCY_KEY_HOURS },
    logger,
    registerExtra: async (app) => {
      if (existsSync(path.join(webRoot, 'index.html'))) await app.register(fastifyStatic, { root: webRoot, prefix: '/', index: 'index.html' });
    },
  });
  observe = (name, outcome, ms) => http.metrics.providerCall(name, outcome, ms);
  await http.app.listen({ host: o.app.host, port: o.app.port });
  const metricsListener: MetricsListener | null = o.server.metricsListen ? await startMetricsListener(http.metrics, o.server.metricsListen, o.server.metricsToken) : null;
  await dispatcher.start();
  const retention = startRetention(database.db, {
    days: o.server.messageRetentionDays,
    onPurged: (messages, events) => logger.info({ messages, events, days: o.server.messageRetentionDays }, 'message texts past retention cleared'),
    onError: (e) => logger.warn({ err: e }, 'message retention run failed (retried next hour)'),
  });
  const rollup = startDeliveryStatsRollup(database.db, { onError: (e) => logger.warn({ err: e }, 'delivery statistics roll-up failed (retried)') });
  const health = startNumberHealth(database.db, {
    secretKey: o.server.secretKey,
    onTransition: (t) => logger.warn({ account: t.accountId, number: t.number, failureRate: t.failureRate, reports: t.reports, threshold: t.threshold }, t.unhealthy ? 'SMS number unhealthy' : 'SMS number healthy again'),
    onError: (e) => logger.warn({ err: e }, 'number health check failed (retried)'),
  });
  const scheduled = await startScheduledSends({ deps, wake: outbox, onError: (e) => logger.warn({ err: e }, 'scheduled messages release failed (retried)') });
  const address = http.app.server.address();
  const port = typeof address === 'object' && address ? address.port : o.app.port;
  const url = o.server.publicUrl ?? `http://${o.app.host}:${port}`;
  logger.info({ url, database: database.kind, seeded }, 'smsdesk started');

  let stopping: Promise<void> | null = null;
  return {
    url,
    database,
    http,
    dispatcher,
    seeded,
    metricsUrl: metricsListener?.url ?? null,
    stop() {
      // Stop taking requests first, then let the dispatcher finish what it holds, then close.
      stopping ??= (async () => {
        await http.close();
        await metricsListener?.close();
        await scheduled.stop();
        await dispatcher.stop();
        await retention.stop();
        await rollup.stop();
        await health.stop();
        await providers.close();
        await events.close();
        await outbox.close();
        await database.close();
        logger.info('smsdesk stopped');
      })();
      return stopping;
    },
  };
}
