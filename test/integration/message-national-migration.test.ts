// Migration 0012 on a database with messages waiting: those still to be submitted take their
// number's national table (they were counted with it), the ones already sent and the
// inbound ones are left without one.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.js';
import { openUnmigrated, type UnmigratedDatabase } from './migration-harness.js';

let old: UnmigratedDatabase;

beforeAll(async () => {
  old = await openUnmigrated();
});
afterAll(async () => {
  await old?.close();
});

it('gives the messages still to be submitted their number’s table, and no other message one', async () => {
  const db = old.database.db;
  await old.migrateTo('0011-review-and-api-tokens');
  await sql`insert into accounts (id, name) values ('acme', 'Acme')`.execute(db);
  await sql`insert into sms_numbers (id, account_id, address, national_language) values ('tr', 'acme', '+905320000001', 'turkish'), ('plain', 'acme', '+33757000001', null)`.execute(db);
  await sql`insert into messages (id, account_id, direction, status, sms_number_id, from_address, to_address, encoding, units, segments, credits)
    values ('queued-tr', 'acme', 'out', 'queued', 'tr', '+905320000001', '+905321111111', 'GSM-7', 5, 1, 1),
           ('sending-tr', 'acme', 'out', 'sending', 'tr', '+905320000001', '+905321111111', 'GSM-7', 5, 1, 1),
           ('sent-tr', 'acme', 'out', 'sent', 'tr', '+905320000001', '+905321111111', 'GSM-7', 5, 1, 1),
           ('in-tr', 'acme', 'in', 'received', 'tr', '+905321111111', '+905320000001', 'GSM-7', 5, 1, 0),
           ('queued-plain', 'acme', 'out', 'queued', 'plain', '+33757000001', '+33612345678', 'GSM-7', 5, 1, 1)`.execute(db);
  await migrateToLatest(db);
  const rows = await db.selectFrom('messages').select(['id', 'national_language']).orderBy('id').execute();
  expect(rows).toEqual([
    { id: 'in-tr', national_language: null },
    { id: 'queued-plain', national_language: null },
    { id: 'queued-tr', national_language: 'turkish' },
    { id: 'sending-tr', national_language: 'turkish' },
    { id: 'sent-tr', national_language: null },
  ]);
});
