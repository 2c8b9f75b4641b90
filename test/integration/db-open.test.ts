import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirLockedError } from '../../src/db/lock-file.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { migrationProvider } from '../../src/db/migrations/index.js';
import { openDatabase } from '../../src/db/open-database.js';
import { openTestDatabase, TEST_DB_KIND, type TestDatabase } from './harness.js';

describe(`opening the database (${TEST_DB_KIND})`, () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await openTestDatabase();
  });
  afterAll(async () => {
    await tdb?.close();
  });

  it('applies every migration, and applying again is a no-op', async () => {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(tdb.db);
    expect(rows.map((r) => r.name)).toEqual(Object.keys(await migrationProvider.getMigrations()).sort());
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(await migrateToLatest(tdb.db)).toEqual([]);
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public' order by table_name`.execute(tdb.db);
    expect(tables.rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['accounts', 'credit_buckets', 'credit_ledger', 'messages', 'events', 'interactions', 'idempotency_keys', 'opt_outs', 'pending_status_reports']),
    );
  });

  it('returns int8 as a string and timestamptz as a Date, as pg does', async () => {
    const { rows } = await sql<{ a: unknown; b: unknown; c: unknown }>`select 9007199254740993::int8 as a, now() as b, array['x']::text[] as c`.execute(tdb.db);
    expect(rows[0]).toEqual({ a: '9007199254740993', b: expect.any(Date), c: ['x'] });
  });

  it('keeps at most one open SMS conversation per customer and sender', async () => {
    await tdb.db.insertInto('accounts').values({ id: 'acc-open', name: 'A' }).execute();
    const base = { account_id: 'acc-open', kind: 'sms' as const, customer_number: '+33612345678', sms_number_id: null };
    await tdb.db.insertInto('interactions').values({ ...base, id: 'i1', status: 'progressing' }).execute();
    await expect(tdb.db.insertInto('interactions').values({ ...base, id: 'i2', status: 'waiting' }).execute()).rejects.toMatchObject({ code: '23505' });
    await tdb.db.updateTable('interactions').set({ status: 'closed' }).where('id', '=', 'i1').execute();
    await tdb.db.insertInto('interactions').values({ ...base, id: 'i3', status: 'waiting' }).execute();
  });
});

describe.runIf(TEST_DB_KIND === 'pglite')('the PGlite data folder lock', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'smsdesk-lock-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a second opener with a clear message, and frees the folder on close', async () => {
    const first = await openDatabase({ dataDir: dir });
    try {
      const second = openDatabase({ dataDir: dir });
      await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(second).rejects.toThrow(`in use by process ${process.pid}`);
    } finally {
      await first.close();
    }
    const again = await openDatabase({ dataDir: dir });
    await again.close();
  });

  it('takes over the lock of a process that died', async () => {
    const dead = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['-e', '0']);
      child.on('exit', () => resolve(child.pid ?? 0));
    });
    await writeFile(path.join(dir, 'pglite.lock'), `${dead}\n`);
    const db = await openDatabase({ dataDir: dir });
    await db.close();
  });
});
