// One entry point for both databases: PostgreSQL through a pg pool when a URL is given, else
// the embedded PGlite, driven through pg as well (PGlite's node-postgres bridge) so both
// return the same JS types (int8 and numeric as strings, timestamptz as Date) and run the
// same Kysely dialect. Migrations are applied on open.
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, sql } from 'kysely';
import path from 'node:path';
import pg from 'pg';
import { acquireDirLock, type DirLock } from './lock-file.js';
import { migrateToLatest } from './migrate.js';
import { createPgListener, type NotifyCallback } from './pg-listener.js';
import { startPgliteMaintenance } from './pglite-maintenance.js';
import type { Database } from './schema.js';

/** dataDir value for a PGlite that lives in memory only (tests, demos). */
export const IN_MEMORY = 'memory://';

export interface OpenDatabaseOptions {
  /** postgres://... ; null or absent selects PGlite. */
  readonly url?: string | null;
  /** PGlite's folder parent (the database goes in `<dataDir>/pglite`), or IN_MEMORY. */
  readonly dataDir?: string;
  readonly poolSize?: number;
  /** Defaults to true. */
  readonly migrate?: boolean;
  /** Errors of idle connections and of the LISTEN connection; they are recovered from. */
  readonly onBackgroundError?: (e: Error) => void;
}

/** How long a request waits for a database connection before it is answered 503. */
export const CONNECT_TIMEOUT_MS = 5_000;

export type DatabaseKind = 'postgres' | 'pglite';

export interface SmsdeskDatabase {
  readonly kind: DatabaseKind;
  readonly db: Kysely<Database>;
  /** Calls back on each NOTIFY on the channel (at most once per sending transaction). */
  listen(channel: string, callback: NotifyCallback): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<SmsdeskDatabase> {
  const onError = options.onBackgroundError ?? ((e: Error) => console.error('database:', e.message));
  const handle = options.url ? openPostgres(options.url, options.poolSize ?? 10, onError) : await openPglite(options.dataDir ?? './data', onError);
  if (options.migrate ?? true) {
    try {
      await migrateToLatest(handle.db);
    } catch (e) {
      await handle.close();
      throw e;
    }
  }
  return handle;
}

function openPostgres(url: string, poolSize: number, onError: (e: Error) => void): SmsdeskDatabase {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // While the server is away a request waits for a connection at most this long, then is
    // answered 503, instead of hanging until the HTTP timeout.
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // A peer that vanished without a FIN (a failover, a cut link) is noticed by the kernel.
    keepAlive: true,
  });
  // The pool's 'error' covers idle clients only. A client checked out (a transaction, a
  // query in flight) emits 'error' on itself when the server terminates it, and an 'error'
  // with no listener ends the process: every client gets one for its whole life. The query
  // in flight rejects as well, and pg's pool discards a client that is no longer queryable.
  pool.on('error', onError);
  pool.on('connect', (client) => {
    client.on('error', onError);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const listener = createPgListener(url, onError);
  return {
    kind: 'postgres',
    db,
    listen: (channel, callback) => listener.listen(channel, callback),
    async close() {
      await listener.close();
      await db.destroy();
    },
  };
}

async function openPglite(dataDir: string, onError: (e: Error) => void): Promise<SmsdeskDatabase> {
  const inMemory = dataDir === IN_MEMORY;
  const lock: DirLock | null = inMemory ? null : acquireDirLock(path.join(dataDir, 'pglite.lock'));
  let pglite: PGlite;
  try {
    pglite = new PGlite(inMemory ? IN_MEMORY : path.join(dataDir, 'pglite'));
    await pglite.waitReady;
  } catch (e) {
    lock?.release();
    throw e;
  }
  // PGlite is one backend: one pooled client, never closed while idle (the bridge's
  // connection object is shared by every client the pool would create).
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1, idleTimeoutMillis: 0 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });

  const maintenance = startPgliteMaintenance(db, onError);

  const subscribers = new Map<string, Set<NotifyCallback>>();
  const stopForwarding = pglite.onNotification((channel, payload) => {
    for (const cb of subscribers.get(channel) ?? []) cb(payload);
  });

  return {
    kind: 'pglite',
    db,
    async listen(channel, callback) {
      let set = subscribers.get(channel);
      if (!set) {
        subscribers.set(channel, (set = new Set()));
        // Through the pool, never pglite.listen(): the single backend may be inside another
        // caller's transaction, and a LISTEN issued there is undone by its rollback.
        await sql`listen ${sql.id(channel)}`.execute(db);
      }
      set.add(callback);
      return async () => {
        set.delete(callback);
      };
    },
    async close() {
      stopForwarding();
      subscribers.clear();
      try {
        await maintenance.stop();
        await db.destroy();
        await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}
