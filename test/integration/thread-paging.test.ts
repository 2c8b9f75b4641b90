// A long conversation read both ways through the API: from the first message forward (`after`)
// and from the newest backward (`order=latest`, then `before`), each page oldest first, `hasMore`
// saying whether another page follows; messages created in the same millisecond are neither
// repeated nor skipped.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/platform/password.js';
import { buildWorld, NUMBERS, type World } from '../fixtures/world.js';
import { openTestDatabase, type TestDatabase } from './harness.js';
import { startTestServer, type TestServer } from './http-harness.js';

let tdb: TestDatabase;
let w: World;
let srv: TestServer;
let headers: Record<string, string>;
const PASSWORD = 'correct horse battery staple';
const CONVERSATION = 'tp-conversation';
const COUNT = 25;
const ids = Array.from({ length: COUNT }, (_, i) => `tp-${String(i + 1).padStart(2, '0')}`);

interface Page {
  messages: { id: string }[];
  hasMore: boolean;
}

beforeAll(async () => {
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db);
  await tdb.db.updateTable('agents').set({ password_hash: await hashPassword(PASSWORD) }).execute();
  await tdb.db
    .insertInto('interactions')
    .values({ id: CONVERSATION, account_id: w.accountId, kind: 'sms', status: 'progressing', agent_id: w.agents.smartOnly, queue_id: w.queues.support, customer_number: '+33611008000', sms_number_id: w.numbers.support })
    .execute();
  // Two messages per millisecond, a few microseconds apart: the cursors must tell them apart.
  await tdb.db
    .insertInto('messages')
    .values(
      ids.map((id, i) => ({
        id,
        account_id: w.accountId,
        interaction_id: CONVERSATION,
        direction: i % 2 ? ('out' as const) : ('in' as const),
        status: i % 2 ? ('delivered' as const) : ('received' as const),
        from_address: '+33611008000',
        to_address: NUMBERS.support,
        body: `message ${i + 1}`,
        encoding: 'GSM-7' as const,
        units: 10,
        segments: 1,
        credits: 0,
        created_at: sql<Date>`${'2026-12-01T09:00:00Z'}::timestamptz + make_interval(secs => ${Math.floor(i / 2) / 1000 + (i % 2) * 0.000003})`,
      })),
    )
    .execute();
  srv = await startTestServer(tdb);
  const { email } = await tdb.db.selectFrom('agents').select('email').where('id', '=', w.agents.smartOnly).executeTakeFirstOrThrow();
  const r = await srv.request('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
  headers = { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': (r.json as { csrfToken: string }).csrfToken };
});
afterAll(async () => {
  await srv?.close();
  await tdb?.close();
});

async function page(query: string): Promise<{ ids: string[]; hasMore: boolean }> {
  const r = await srv.request('GET', `/api/interactions/${CONVERSATION}/messages?${query}`, { headers });
  expect(r.status).toBe(200);
  const p = r.json as Page;
  return { ids: p.messages.map((m) => m.id), hasMore: p.hasMore };
}

describe('GET /api/interactions/{id}/messages, paged', () => {
  it('forward from the first message with `after`', async () => {
    expect(await page('limit=10')).toEqual({ ids: ids.slice(0, 10), hasMore: true });
    expect(await page(`limit=10&after=${ids[9]}`)).toEqual({ ids: ids.slice(10, 20), hasMore: true });
    expect(await page(`limit=10&after=${ids[19]}`)).toEqual({ ids: ids.slice(20), hasMore: false });
  });

  it('backward from the newest with `order=latest`, then `before`, each page oldest first', async () => {
    expect(await page('limit=10&order=latest')).toEqual({ ids: ids.slice(15), hasMore: true });
    expect(await page(`limit=10&before=${ids[15]}`)).toEqual({ ids: ids.slice(5, 15), hasMore: true });
    expect(await page(`limit=10&before=${ids[5]}`)).toEqual({ ids: ids.slice(0, 5), hasMore: false });
    // A conversation that fits in one page says so.
    expect(await page('limit=25&order=latest')).toEqual({ ids, hasMore: false });
  });

  it('refuses `after` and `before` together, and an unknown order', async () => {
    for (const q of [`after=${ids[3]}&before=${ids[9]}`, 'order=newest']) {
      const r = await srv.request('GET', `/api/interactions/${CONVERSATION}/messages?${q}`, { headers });
      expect(r.status).toBe(400);
      expect((r.json as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
    }
  });
});
