// Turns an environment into typed settings, refusing bad values at start-up rather than at
// the first request that needs them. Pure: index.ts hands it process.env.

export interface DatabaseConfig {
  /** PostgreSQL when set; otherwise the embedded PGlite under dataDir. */
  readonly url: string | null;
  readonly dataDir: string;
  /** pg pool size. Ignored by PGlite, which has one connection. */
  readonly poolSize: number;
}

export interface DispatcherConfig {
  /** Submissions in flight at once per process: 20 ms of provider latency caps one slot at 50/s. */
  readonly concurrency: number;
  readonly pollIntervalMs: number;
  readonly leaseMs: number;
}

export interface AppConfig {
  readonly database: DatabaseConfig;
  readonly dispatcher: DispatcherConfig;
  readonly host: string;
  readonly port: number;
}

export type Env = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function text(env: Env, name: string): string | null {
  const v = env[name]?.trim();
  return v ? v : null;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  return n;
}

function databaseUrl(env: Env): string | null {
  const raw = text(env, 'DATABASE_URL');
  if (raw === null) return null;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL is not a URL (expected postgres://user@host:port/database)');
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') throw new ConfigError(`DATABASE_URL must start with postgres://, got ${u.protocol}//`);
  return raw;
}

export function loadConfig(env: Env): AppConfig {
  return {
    database: {
      url: databaseUrl(env),
      dataDir: text(env, 'DATA_DIR') ?? './data',
      poolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 200),
    },
    dispatcher: {
      concurrency: integer(env, 'DISPATCHER_CONCURRENCY', 64, 1, 1000),
      pollIntervalMs: integer(env, 'DISPATCHER_POLL_MS', 1000, 10, 60_000),
      leaseMs: integer(env, 'DISPATCHER_LEASE_MS', 60_000, 1000, 3_600_000),
    },
    host: text(env, 'HOST') ?? '127.0.0.1',
    port: integer(env, 'PORT', 3000, 0, 65_535),
  };
}
