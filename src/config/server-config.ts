// The HTTP server's settings. Pure, like load-config.ts: index.ts hands it process.env.
import { ConfigError, type Env } from './load-config.js';

export interface ServerConfig {
  /** The address providers and browsers reach (behind a proxy: the proxy's). Webhook signatures cover it. */
  readonly publicUrl: string | null;
  readonly secureCookies: boolean;
  readonly trustProxy: boolean;
  readonly sessionIdleMs: number;
  readonly sessionAbsoluteMs: number;
  readonly sendsPerMinute: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Seeds the demo account on an empty database. */
  readonly demo: boolean;
  /** Encrypts provider secrets at rest. */
  readonly secretKey: string | null;
  /** Days a finished message keeps its text; 0 keeps it for ever. */
  readonly messageRetentionDays: number;
  /** How long an Idempotency-Key stays reserved by a send that never finished (crash, lost connection). */
  readonly idempotencyLeaseMs: number;
  /** Failed sign-ins allowed per login and per address within lockMs, and the login route's flood guard. */
  readonly login: { readonly failuresPerAccount: number; readonly failuresPerAddress: number; readonly lockMs: number; readonly requestsPerMinute: number };
  /** When set, /metrics answers only with `Authorization: Bearer <token>`. */
  readonly metricsToken: string | null;
  /** When set, /metrics is served on this address only, not on the main port. */
  readonly metricsListen: { readonly host: string; readonly port: number } | null;
  /** Settings that work but expose something: logged loudly at start-up. */
  readonly warnings: readonly string[];
}

const LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  return n;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

export function loadServerConfig(env: Env): ServerConfig {
  const rawUrl = env.PUBLIC_URL?.trim() || null;
  const warnings = publicUrlWarnings(env, rawUrl);
  const metricsToken = env.METRICS_TOKEN?.trim() || null;
  if (metricsToken !== null && metricsToken.length < 16) throw new ConfigError('METRICS_TOKEN must be at least 16 characters');
  const metricsListen = metricsAddress(env);
  if (!metricsToken && !metricsListen && !isLoopback(listenHost(env))) warnings.push('/metrics is open to anyone who reaches the server: set METRICS_TOKEN or METRICS_PORT');
  const level = env.LOG_LEVEL?.trim() || 'info';
  if (!LEVELS.has(level)) throw new ConfigError(`LOG_LEVEL must be one of ${[...LEVELS].join(', ')}`);
  return {
    publicUrl: rawUrl,
    secureCookies: bool(env, 'SECURE_COOKIES', rawUrl?.startsWith('https:') ?? false),
    trustProxy: bool(env, 'TRUST_PROXY', false),
    sessionIdleMs: int(env, 'SESSION_IDLE_MINUTES', 60, 1, 24 * 60) * 60_000,
    sessionAbsoluteMs: int(env, 'SESSION_MAX_HOURS', 12, 1, 24 * 30) * 3_600_000,
    sendsPerMinute: int(env, 'SENDS_PER_MINUTE', 120, 1, 100_000),
    logLevel: level as ServerConfig['logLevel'],
    demo: bool(env, 'SMSDESK_DEMO', !env.DATABASE_URL?.trim()),
    secretKey: loadSecretKey(env),
    messageRetentionDays: int(env, 'MESSAGE_RETENTION_DAYS', 365, 0, 36_500),
    idempotencyLeaseMs: int(env, 'IDEMPOTENCY_LEASE_SECONDS', 30, 1, 3_600) * 1000,
    login: {
      failuresPerAccount: int(env, 'LOGIN_FAILURES_PER_ACCOUNT', 10, 1, 10_000),
      failuresPerAddress: int(env, 'LOGIN_FAILURES_PER_ADDRESS', 100, 1, 1_000_000),
      lockMs: int(env, 'LOGIN_LOCK_MINUTES', 15, 1, 24 * 60) * 60_000,
      requestsPerMinute: int(env, 'LOGIN_REQUESTS_PER_MINUTE', 600, 10, 1_000_000),
    },
    metricsToken,
    metricsListen,
    warnings,
  };
}

function listenHost(env: Env): string {
  return env.HOST?.trim() || '127.0.0.1';
}

/** The key that seals provider secrets; what the configuration commands need of the server's settings. */
export function loadSecretKey(env: Env): string | null {
  return env.SMSDESK_SECRET_KEY?.trim() || null;
}

export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

// Without PUBLIC_URL the webhook addresses shown to administrators come from each request's
// Host header, which anyone can set: refused in production, loudly warned about elsewhere.
function publicUrlWarnings(env: Env, rawUrl: string | null): string[] {
  const host = listenHost(env);
  if (!rawUrl) {
    if (env.NODE_ENV?.trim() === 'production') throw new ConfigError('PUBLIC_URL is required when NODE_ENV=production (the https address providers and browsers use)');
    return isLoopback(host) ? [] : [`PUBLIC_URL is not set while listening on ${host}: webhook addresses shown to administrators are built from each request's Host header. Set PUBLIC_URL`];
  }
  let u: URL;
  try {
    u = new URL(rawUrl);
  } catch {
    throw new ConfigError(`PUBLIC_URL is not an absolute URL: "${rawUrl}"`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new ConfigError('PUBLIC_URL must start with https:// or http://');
  checkPublicPath(rawUrl, u);
  return u.protocol === 'http:' && !isLoopback(u.hostname) ? [`PUBLIC_URL is not https (${rawUrl}): sign-ins, sessions and webhooks travel in clear`] : [];
}

/** The server's own first path segments: a prefix named like one would be taken for a route. */
const SERVER_PATHS = new Set(['api', 'webhooks', 'healthz', 'readyz', 'metrics', 'assets']);

// The path is a prefix the server strips from each request (src/http/external-url.ts): it must
// arrive on the wire exactly as written, so only plain segments, and nothing after it.
function checkPublicPath(rawUrl: string, u: URL): void {
  if (u.username || u.password || u.search || u.hash || rawUrl.includes('?') || rawUrl.includes('#')) throw new ConfigError(`PUBLIC_URL must be an origin and an optional path, without credentials, query or fragment: "${rawUrl}"`);
  const path = u.pathname.replace(/\/+$/, '');
  if (path === '') return;
  if (!/^(\/[A-Za-z0-9._~-]+)+$/.test(path)) throw new ConfigError(`PUBLIC_URL's path may hold only letters, digits and . _ ~ - between slashes: "${rawUrl}"`);
  const first = path.split('/')[1] ?? '';
  if (SERVER_PATHS.has(first.toLowerCase())) throw new ConfigError(`PUBLIC_URL's path cannot start with /${first}, one of the server's own paths: "${rawUrl}"`);
}

function metricsAddress(env: Env): ServerConfig['metricsListen'] {
  const host = env.METRICS_HOST?.trim() || null;
  if (!env.METRICS_PORT?.trim()) {
    if (host) throw new ConfigError('METRICS_HOST needs METRICS_PORT');
    return null;
  }
  return { host: host ?? '127.0.0.1', port: int(env, 'METRICS_PORT', 0, 0, 65_535) };
}
