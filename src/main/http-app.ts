// Composes the HTTP server from an open database: routes, live events, webhooks, operations.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { AppDeps } from '../app/context.js';
import { TtlCache } from '../app/ttl-cache.js';
import type { SessionRow } from '../http/auth/caller.js';
import { EventHub, type WakeSource } from '../http/events/hub.js';
import { registerEventStream } from '../http/events/sse.js';
import { createMetrics, type HttpMetrics } from '../http/metrics.js';
import { adminRoutes } from '../http/routes/admin.js';
import { adminComplianceRoutes } from '../http/routes/admin-compliance.js';
import { agentRoutes } from '../http/routes/agent.js';
import { attentionRoutes } from '../http/routes/attention.js';
import { authRoutes, type LoginProtection } from '../http/routes/auth.js';
import { contactRoutes } from '../http/routes/contacts.js';
import { registerOps, type MetricsAccess } from '../http/routes/ops.js';
import { sentRoutes } from '../http/routes/sent.js';
import { scheduledRoutes } from '../http/routes/scheduled.js';
import { supervisionRoutes } from '../http/routes/supervision.js';
import { telephonyRoutes } from '../http/routes/telephony.js';
import { registerWebhooks, type WebhookGateway } from '../http/routes/webhooks.js';
import { pathPrefix } from '../http/external-url.js';
import { buildServer } from '../http/server.js';
import { defaultProviderRegistry } from '../providers/registry-entries.js';
import type { ProviderRegistry } from '../providers/registry.js';
import type { SecretKey } from '../providers/secrets.js';
import type { SmsProvider } from '../domain/ports.js';
import type { RetentionSetting } from '../app/compliance/retention-view.js';

// MESSAGE_RETENTION_DAYS' and the Idempotency-Keys' defaults (src/config/server-config.ts, retention.ts).
const DEFAULT_RETENTION: RetentionSetting = { messageRetentionDays: 365, idempotencyKeyHours: 24 };

export interface HttpAppOptions {
  readonly deps: AppDeps;
  readonly wakeSource: WakeSource;
  readonly webhooks: WebhookGateway;
  readonly migrationsCurrent: () => Promise<boolean>;
  readonly secureCookies?: boolean;
  readonly sessionIdleMs?: number;
  /** How long a session row read is reused (0: read at every request). */
  readonly sessionCacheMs?: number;
  readonly sessionAbsoluteMs?: number;
  /**
   * PUBLIC_URL: webhook addresses and their signatures are built from it. With a path
   * ('https://host/smsdesk') every route is served both below it and at /, so a proxy may keep
   * the prefix or strip it.
   */
  readonly publicBaseUrl?: string;
  /** Honour X-Forwarded-* from the proxy in front (addresses for rate limits, the scheme for webhook URLs). */
  readonly trustProxy?: boolean;
  /** The product's logger; each request logs through a child carrying its id. */
  readonly logger?: FastifyBaseLogger;
  readonly eventPollMs?: number;
  /** Events a resuming client is sent at most before being told to reload instead (default MAX_REPLAY). */
  readonly maxReplay?: number;
  /** Sends per agent per minute (Direct, Smart start, Smart message). */
  readonly sendsPerMinute?: number;
  readonly registerExtra?: (app: FastifyInstance) => Promise<void>;
  /** Seals provider secrets set through the administration API. */
  readonly secretKey?: SecretKey | null;
  readonly providerRegistry?: ProviderRegistry;
  /** How long an Idempotency-Key stays reserved by a send that never finished (default 30 s). */
  readonly idempotencyLeaseMs?: number;
  /** Failed sign-in limits and the login flood guard (default DEFAULT_LOGIN_PROTECTION). */
  readonly login?: LoginProtection;
  /** Who may read /metrics, and whether the main port serves it. */
  readonly metricsAccess?: MetricsAccess;
  /** The accounts' adapters (the provider cache): the review asks the provider before a resend. */
  readonly providers?: (accountId: string) => Promise<SmsProvider>;
  /** What the retention job keeps, shown to administrators (default: the configuration's defaults). */
  readonly retention?: RetentionSetting;
}

export interface HttpApp {
  readonly app: FastifyInstance;
  readonly hub: EventHub;
  readonly metrics: HttpMetrics;
  /** Stops accepting, lets requests in flight finish, closes the live streams. */
  close(): Promise<void>;
}

export async function createHttpApp(o: HttpAppOptions): Promise<HttpApp> {
  const sessionIdleMs = o.sessionIdleMs ?? 60 * 60_000;
  const sessionAbsoluteMs = o.sessionAbsoluteMs ?? 12 * 60 * 60_000;
  const secureCookies = o.secureCookies ?? false;
  const sessionCacheMs = o.sessionCacheMs ?? 2_000;
  const sessionCache = sessionCacheMs > 0 ? new TtlCache<SessionRow | undefined>(sessionCacheMs) : undefined;
  const hub = new EventHub(o.deps.db, o.wakeSource, o.eventPollMs ?? 1000, o.maxReplay);
  const metrics = createMetrics(o.deps.db, () => hub.connections);
  let draining = false;
  const prefix = pathPrefix(o.publicBaseUrl);
  const routes = [...authRoutes(o.deps, { secureCookies, sessionAbsoluteMs, ...(sessionCache ? { sessionCache } : {}), ...(o.login ? { login: o.login } : {}) }), ...agentRoutes(o.deps, o.sendsPerMinute), ...sentRoutes(o.deps, o.sendsPerMinute), ...scheduledRoutes(o.deps), ...attentionRoutes(o.deps), ...contactRoutes(o.deps), ...telephonyRoutes(o.deps), ...supervisionRoutes(o.deps), ...adminRoutes(o.deps, { registry: o.providerRegistry ?? defaultProviderRegistry, secretKey: o.secretKey ?? null, publicBaseUrl: o.publicBaseUrl }, { providers: o.providers ?? null }), ...adminComplianceRoutes(o.deps, o.retention ?? DEFAULT_RETENTION)];
  const app = await buildServer({
    deps: o.deps,
    routes,
    hub,
    metrics,
    secureCookies,
    sessionIdleMs,
    sessionAbsoluteMs,
    ...(sessionCache ? { sessionCache } : {}),
    ...(o.trustProxy !== undefined ? { trustProxy: o.trustProxy } : {}),
    ...(o.logger !== undefined ? { logger: o.logger } : {}),
    ...(o.idempotencyLeaseMs !== undefined ? { idempotencyLeaseMs: o.idempotencyLeaseMs } : {}),
    ...(prefix ? { pathPrefix: prefix } : {}),
    registerExtra: async (a) => {
      // The Banner's relative addresses resolve against /smsdesk/, not /smsdesk.
      if (prefix) a.get(prefix, async (req, reply) => reply.redirect(prefix + '/' + req.url.slice(prefix.length), 301));
      registerEventStream(a, o.deps.db, hub, { idleMs: sessionIdleMs, absoluteMs: sessionAbsoluteMs, ...(sessionCache ? { cache: sessionCache } : {}) });
      await registerWebhooks(a, o.webhooks, o.publicBaseUrl);
      registerOps(a, o.deps.db, metrics, o.migrationsCurrent, () => draining, o.metricsAccess);
      if (o.registerExtra) await o.registerExtra(a);
    },
  });
  await hub.start();
  return {
    app,
    hub,
    metrics,
    async close() {
      draining = true;
      await hub.stop();
      await app.close();
    },
  };
}
