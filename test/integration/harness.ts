// Every integration test runs on both databases: SMSDESK_TEST_DB=pglite (default) or
// postgres (a fresh database per test file, created from TEST_DATABASE_URL and dropped after).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { IN_MEMORY, openDatabase, type DatabaseKind, type OpenDatabaseOptions, type SmsdeskDatabase } from '../../src/db/open-database.js';
import type { Database } from '../../src/db/schema.js';
import { createWakeBus, EVENTS_CHANNEL, OUTBOX_CHANNEL, type WakeBus } from '../../src/db/wake-bus.js';

export const TEST_DB_KIND: DatabaseKind = process.env.SMSDESK_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Where a test database lives, so a child process can open the same one. */
export interface TestDatabaseLocation {
  readonly kind: DatabaseKind;
  /** What openDatabase() needs; also what a child process is given. */
  readonly options: { readonly url: string | null; readonly dataDir: string };
  dispose(): Promise<void>;
}

export interface TestDatabase {
  readonly kind: DatabaseKind;
  readonly database: SmsdeskDatabase;
  readonly db: Kysely<Database>;
  readonly location: TestDatabaseLocation;
  /** Wakes live event streams (the events hub subscribes). */
  readonly wakeSource: WakeBus;
  /** Wakes dispatchers. */
  readonly outbox: WakeBus;
  close(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** PGlite on disk in a temporary folder (needed to hand it to a child process). */
  readonly fileBacked?: boolean;
}

export async function createTestLocation(opts: TestDatabaseOptions = {}): Promise<TestDatabaseLocation> {
  if (TEST_DB_KIND === 'postgres') {
    const name = `smsdesk_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    await admin((c) => c.query(`create database ${name}`));
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    return {
      kind: 'postgres',
      options: { url: url.toString(), dataDir: IN_MEMORY },
      dispose: () => admin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
    };
  }
  if (!opts.fileBacked) return { kind: 'pglite', options: { url: null, dataDir: IN_MEMORY }, dispose: async () => undefined };
  const dir = await mkdtemp(path.join(tmpdir(), 'smsdesk-test-'));
  return { kind: 'pglite', options: { url: null, dataDir: dir }, dispose: () => rm(dir, { recursive: true, force: true }) };
}

export async function openTestDatabase(opts: TestDatabaseOptions & Pick<OpenDatabaseOptions, 'poolSize'> = {}): Promise<TestDatabase> {
  const location = await createTestLocation(opts);
  let database: SmsdeskDatabase;
  try {
    database = await openDatabase({ ...location.options, poolSize: opts.poolSize ?? 20 });
  } catch (e) {
    await location.dispose();
    throw e;
  }
  const wakeSource = createWakeBus(database, EVENTS_CHANNEL);
  const outbox = createWakeBus(database, OUTBOX_CHANNEL);
  return {
    kind: location.kind,
    database,
    db: database.db,
    location,
    wakeSource,
    outbox,
    async close() {
      await wakeSource.close();
      await outbox.close();
      await database.close();
      await location.dispose();
    },
  };
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
