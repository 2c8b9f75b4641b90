// Migration 0008 on a database that already holds accounts: each gets its own webhook token,
// and a status callback address stored in a provider's settings gets the token inserted, so
// delivery reports keep arriving after the upgrade.
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

it('gives every existing account its own token and puts it in the stored callback addresses', async () => {
  await old.migrateTo('0006-audit-index');
  const twilio = { statusCallbackUrl: 'https://desk.example.com/webhooks/twilio/acme/status', authToken: 'smsdesk:v1:sealed' };
  await sql`insert into accounts (id, name, provider_type, provider_config) values
    ('acme', 'Acme', 'twilio', ${JSON.stringify(twilio)}::jsonb),
    ('beta', 'Beta', 'vonage', ${JSON.stringify({ apiKey: 'k', statusCallbackUrl: 'https://desk.example.com/webhooks/vonage/beta/status?x=1' })}::jsonb),
    ('gamma', 'Gamma', null, '{}')`.execute(database.db);

  await migrateToLatest(database.db);
  const rows = await database.db.selectFrom('accounts').select(['id', 'webhook_token', 'webhook_token_previous', 'provider_config']).orderBy('id').execute();
  expect(rows.map((r) => r.id)).toEqual(['acme', 'beta', 'gamma']);
  for (const r of rows) {
    expect(r.webhook_token).toMatch(/^[0-9a-f]{64}$/);
    expect(r.webhook_token_previous).toBeNull();
  }
  expect(new Set(rows.map((r) => r.webhook_token)).size).toBe(3);
  const [acme, beta, gamma] = rows;
  expect(acme!.provider_config).toEqual({ ...twilio, statusCallbackUrl: `https://desk.example.com/webhooks/twilio/acme/${acme!.webhook_token}/status` });
  expect((beta!.provider_config as { statusCallbackUrl: string }).statusCallbackUrl).toBe(`https://desk.example.com/webhooks/vonage/beta/${beta!.webhook_token}/status?x=1`);
  expect(gamma!.provider_config).toEqual({});

  // An account created afterwards, without naming a token, gets one of its own too.
  await database.db.insertInto('accounts').values({ id: 'delta', name: 'Delta' }).execute();
  const delta = await database.db.selectFrom('accounts').select('webhook_token').where('id', '=', 'delta').executeTakeFirstOrThrow();
  expect(delta.webhook_token).toMatch(/^[0-9a-f]{64}$/);
  expect(rows.map((r) => r.webhook_token)).not.toContain(delta.webhook_token);
});
