// Migration 0014 came after 0015 had been applied in some databases (numbers are handed out ahead):
// such a database still starts, with 0014 applied.
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.js';
import { migrationProvider } from '../../src/db/migrations/index.js';
import { openUnmigrated, type UnmigratedDatabase } from './migration-harness.js';

let u: UnmigratedDatabase;

beforeAll(async () => {
  u = await openUnmigrated();
});
afterAll(async () => {
  await u?.close();
});

const indexes = async () =>
  (await sql<{ indexname: string }>`select indexname from pg_indexes where tablename = 'interactions'`.execute(u.database.db)).rows.map((r) => r.indexname);

describe('migration 0014 (the lists’ indexes)', () => {
  it('is applied to a database that already has 0015', async () => {
    const all = await migrationProvider.getMigrations();
    const without = Object.fromEntries(Object.entries(all).filter(([name]) => name !== '0014-list-indexes'));
    const { error } = await new Migrator({ db: u.database.db, provider: { getMigrations: () => Promise.resolve(without) } }).migrateTo('0015-supervisors');
    expect(error).toBeUndefined();
    expect(await indexes()).toContain('interactions_queue_waiting');

    const applied = await migrateToLatest(u.database.db);
    expect(applied).toContain('0014-list-indexes');
    const now = await indexes();
    expect(now).toEqual(expect.arrayContaining(['interactions_agent_list', 'interactions_waiting_list']));
    expect(now).not.toContain('interactions_queue_waiting');
  });
});
