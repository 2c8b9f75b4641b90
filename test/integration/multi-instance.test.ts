// Two server instances on one PostgreSQL: an event produced through instance B reaches an agent
// connected to instance A, woken by LISTEN/NOTIFY (polling is turned off to prove it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type SmsdeskDatabase } from '../../src/db/open-database.js';
import { createWakeBus, EVENTS_CHANNEL, OUTBOX_CHANNEL, type WakeBus } from '../../src/db/wake-bus.js';
import { hashPassword } from '../../src/platform/password.js';
import { hashSecret } from '../../src/platform/secret-token.js';
import { buildWorld, CUSTOMER, type World } from '../fixtures/world.js';
import { openTestDatabase, TEST_DB_KIND, type TestDatabase } from './harness.js';
import { startTestServer, type TestServer } from './http-harness.js';

const onPostgres = TEST_DB_KIND === 'postgres';
const NO_POLL = 10 * 60_000;

// PGlite serves one process, so there is no second instance to reach: PostgreSQL only.
describe.runIf(onPostgres)('two instances on one PostgreSQL', () => {
  let tdb: TestDatabase;
  let second: SmsdeskDatabase;
  let secondBuses: WakeBus[];
  let a: TestServer;
  let b: TestServer;
  let w: World;
  const TOKEN = 'smsd_multi_instance_token_0123456789abc';

  beforeAll(async () => {
    tdb = await openTestDatabase();
    second = await openDatabase({ ...tdb.location.options });
    secondBuses = [createWakeBus(second, EVENTS_CHANNEL), createWakeBus(second, OUTBOX_CHANNEL)];
    w = await buildWorld(tdb.db);
    await tdb.db.updateTable('agents').set({ password_hash: await hashPassword('pw-multi-instance') }).where('id', '=', w.agents.both).execute();
    await tdb.db.insertInto('api_tokens').values({ id: 't-multi', account_id: w.accountId, name: 'PBX', token_hash: hashSecret(TOKEN), scopes: ['telephony'] }).execute();
    a = await startTestServer(tdb, { eventPollMs: NO_POLL });
    b = await startTestServer({ db: second.db, wakeSource: secondBuses[0]!, outbox: secondBuses[1]! }, { eventPollMs: NO_POLL });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    for (const bus of secondBuses ?? []) await bus.close();
    await second?.close();
    await tdb?.close();
  });

  it('an event written through B is streamed live by A', async () => {
    const email = (await tdb.db.selectFrom('agents').select('email').where('id', '=', w.agents.both).executeTakeFirstOrThrow()).email;
    const login = await a.request('POST', '/api/auth/login', { body: { email, password: 'pw-multi-instance' } });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const stream = await a.openEvents({ cookie });
    await stream.waitFor('ready');
    const t0 = Date.now();
    const r = await b.request('POST', '/api/telephony/calls', { headers: { authorization: `Bearer ${TOKEN}` }, body: { agentId: w.agents.both, callId: 'multi-1', customerNumber: CUSTOMER } });
    expect(r.status).toBe(201);
    const ev = await stream.waitFor('call.started', (d) => d.customerNumber === CUSTOMER, 5000);
    expect(ev.data.interactionId).toBe((r.json as { interactionId: string }).interactionId);
    // Far below the disabled poll: only a NOTIFY can have woken A.
    expect(Date.now() - t0).toBeLessThan(3000);
    stream.close();
  });
});
