// Migration 0011 on a database that already holds messages under review: each keeps its place
// on the review list (its age from when it was last changed), the others get none, and the
// API tokens already issued keep working with no "last used" yet.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.js';
import { openUnmigrated, type UnmigratedDatabase } from './migration-harness.js';

let old: UnmigratedDatabase;
let database: UnmigratedDatabase['database'];

beforeAll(async () => {
  old = await openUnmigrated();
  database = old.database;
});
afterAll(async () => {
  await old?.close();
});

it('dates the messages already under review from their last change and leaves the rest undated', async () => {
  await old.migrateTo('0009-login-failures');
  await sql`insert into accounts (id, name) values ('acme', 'Acme')`.execute(database.db);
  await sql`insert into messages (id, account_id, direction, status, from_address, to_address, encoding, units, segments, credits, needs_review, updated_at)
    values ('flagged', 'acme', 'out', 'sending', '+33757000001', '+33612345678', 'GSM-7', 5, 1, 1, true, '2026-11-30T08:00:00Z'),
           ('fine', 'acme', 'out', 'delivered', '+33757000001', '+33612345678', 'GSM-7', 5, 1, 1, false, '2026-11-30T08:00:00Z')`.execute(database.db);
  await sql`insert into api_tokens (id, account_id, name, token_hash, scopes) values ('t1', 'acme', 'PBX', 'hash', '{telephony}')`.execute(database.db);

  await migrateToLatest(database.db);
  const rows = await database.db.selectFrom('messages').select(['id', 'review_since']).orderBy('id').execute();
  expect(rows).toEqual([
    { id: 'fine', review_since: null },
    { id: 'flagged', review_since: new Date('2026-11-30T08:00:00Z') },
  ]);
  expect(await database.db.selectFrom('api_tokens').select(['id', 'last_used_at', 'revoked_at']).execute()).toEqual([{ id: 't1', last_used_at: null, revoked_at: null }]);
});
