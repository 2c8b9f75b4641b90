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
  if (rawUrl) {
    let u: URL;
    try {
      u = new URL(rawUrl);
    } catch {
      throw new ConfigError(`PUBLIC_URL is not a URL: "${rawUrl}"`);
    }
    if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new ConfigError('PUBLIC_URL must start with https:// or http://');
  }
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
    secretKey: env.SMSDESK_SECRET_KEY?.trim() || null,
    messageRetentionDays: int(env, 'MESSAGE_RETENTION_DAYS', 365, 0, 36_500),
    idempotencyLeaseMs: int(env, 'IDEMPOTENCY_LEASE_SECONDS', 30, 1, 3_600) * 1000,
  };
}
