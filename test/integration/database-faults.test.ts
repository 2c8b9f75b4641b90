// A lost database connection, done for real: the server runs as its own process (serve(),
// as in production) on PostgreSQL, agents send in a burst, and mid-burst every backend is
// terminated (what a restart, a failover or a pooler restart does to each connection), or a
// whole PostgreSQL server of the test's own is stopped and started again. The process must
// live through it, answer 503 with Retry-After meanwhile, and recover by itself; what it
// accepted must reach the provider exactly once, with the credits exact.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { creditBalance } from '../../src/db/credits.js';
import { openDatabase, type SmsdeskDatabase } from '../../src/db/open-database.js';
import { hashPassword } from '../../src/platform/password.js';
import { HttpJsonFake } from '../fixtures/fakes/http-json-fake.js';
import { waitUntil } from '../fixtures/outbox/seed.js';
import { login, runBurst, type BurstResult, type Session } from '../fixtures/server/burst.js';
import { findPgBin, startPgCluster, type PgCluster } from '../fixtures/server/pg-cluster.js';
import { startServerProcess, type ServerProcess } from '../fixtures/server/server-process.js';
import { buildWorld, CUSTOMER, type World } from '../fixtures/world.js';
import { createTestLocation, TEST_DB_KIND, type TestDatabaseLocation } from './harness.js';

const onPostgres = TEST_DB_KIND === 'postgres';
const pgBin = findPgBin();
const SECRET = 'whsec-0123456789abcdef0123456789abcdef';
const PASSWORD = 'burst-password-1';
const INITIAL_CREDITS = 100_000;

let fake: HttpJsonFake;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  if (onPostgres) fake = await HttpJsonFake.start({ webhookSecrets: [SECRET], latencyMs: 2, quiet: true });
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});
afterAll(async () => {
  await fake?.close();
});

interface Setup {
  readonly database: SmsdeskDatabase;
  readonly world: World;
  readonly email: string;
}

async function seed(url: string): Promise<Setup> {
  const database = await openDatabase({ url, poolSize: 4 });
  const world = await buildWorld(database.db, { credits: INITIAL_CREDITS, provider: 'http-json' });
  await database.db.updateTable('accounts').set({ provider_config: JSON.stringify({ url: fake.url, webhookSecret: SECRET }) }).where('id', '=', world.accountId).execute();
  // Paced at 10/s by default: the drain would measure the pace, not the recovery.
  await database.db.updateTable('sms_numbers').set({ send_rate_per_second: 1000 }).where('account_id', '=', world.accountId).execute();
  await database.db.updateTable('agents').set({ password_hash: await hashPassword(PASSWORD) }).where('id', '=', world.agents.both).execute();
  const { email } = await database.db.selectFrom('agents').select('email').where('id', '=', world.agents.both).executeTakeFirstOrThrow();
  return { database, world, email };
}

async function startInstance(url: string): Promise<ServerProcess> {
  const s = await startServerProcess({ DATABASE_URL: url, DATABASE_POOL_SIZE: '6', SENDS_PER_MINUTE: '100000', DISPATCHER_POLL_MS: '200', DISPATCHER_LEASE_MS: '20000' });
  servers.push(s);
  return s;
}

/** One number from the shared server, read by an administrator's connection of its own. */
async function adminCount(adminUrl: string, query: string, database: string): Promise<number> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    const r = await c.query<{ n: string }>(query, [database]);
    return Number(r.rows[0]?.n ?? 0);
  } finally {
    await c.end();
  }
}

const terminateBackends = (adminUrl: string, database: string) =>
  adminCount(adminUrl, 'select count(pg_terminate_backend(pid))::text as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', database);

const listeningBackends = (adminUrl: string, database: string) =>
  adminCount(adminUrl, "select count(*)::text as n from pg_stat_activity where datname = $1 and query ilike 'listen %'", database);

/** Everything committed reached the provider exactly once, every 2xx among it, credits exact. */
async function expectNothingLostOrDuplicated(s: Setup, burst: BurstResult): Promise<{ committed: number; drainMs: number; toppedUp: number }> {
  const db = s.database.db;
  const started = Date.now();
  const out = () => db.selectFrom('messages').select(['id', 'status', 'credits']).where('account_id', '=', s.world.accountId).where('direction', '=', 'out').execute();
  try {
    await waitUntil('every committed message to be handed to the provider', async () => (await out()).every((m) => m.status === 'sent' || m.status === 'delivered'), 90_000, 200);
  } catch (e) {
    const left = (await out()).filter((m) => m.status !== 'sent' && m.status !== 'delivered');
    throw new Error(`${String(e)}: ${left.length} left, statuses ${JSON.stringify(left.slice(0, 5))}`);
  }
  const drainMs = Date.now() - started;
  const rows = await out();
  const ids = new Set(rows.map((m) => m.id));
  for (const id of burst.accepted) expect(ids.has(id), `accepted ${id} is in the database`).toBe(true);
  const mine = fake.messages.filter((m) => ids.has(m.retId));
  expect(mine.map((m) => m.retId).sort()).toEqual([...ids].sort());
  expect(new Set(mine.map((m) => m.retId)).size).toBe(mine.length);
  const debited = rows.reduce((sum, m) => sum + m.credits, 0);
  // Top-ups carry no Idempotency-Key: one whose answer was lost with its connection may have
  // committed, so what counts is what the ledger holds, not what the client was told.
  const topUps = await db.selectFrom('credit_ledger').select('delta').where('account_id', '=', s.world.accountId).where('reason', '=', 'top-up').execute();
  const toppedUp = topUps.reduce((sum, t) => sum + Number(t.delta), 0);
  expect(await creditBalance(db, s.world.accountId)).toBe(INITIAL_CREDITS + toppedUp - debited);
  return { committed: rows.length, drainMs, toppedUp };
}

/** Anything but "sent" (201) or "unavailable, retry" (503): a 500, a hang, a dropped connection. */
const unexpectedAnswers = (b: BurstResult) => Object.keys(b.answers).filter((k) => k !== '201' && k !== '503');

/** The servers' error-level log lines, to say why when an answer was unexpected. */
const errorLines = (...s: ServerProcess[]) =>
  s
    .flatMap((x) => x.stderr().split('\n'))
    .filter((l) => l.includes('"level":50'))
    .slice(0, 5)
    .join('\n');

function report(name: string, figures: Record<string, unknown>): void {
  // The measurements this test exists for, in the test log (docs/operations.md quotes them).
  console.info(`[database-faults] ${name}: ${JSON.stringify(figures)}`);
}

describe.runIf(onPostgres)('a lost database connection (PostgreSQL)', { timeout: 180_000 }, () => {
  let location: TestDatabaseLocation;
  let setup: Setup;
  beforeAll(async () => {
    location = await createTestLocation();
    setup = await seed(location.options.url!);
  });
  afterAll(async () => {
    await setup?.database.close();
    await location?.dispose();
  });
  const dbName = () => new URL(location.options.url!).pathname.slice(1);
  const adminUrl = () => process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

  it('one instance: every backend terminated mid-burst, twice; the process lives, answers 503 meanwhile and recovers', async () => {
    const a = await startInstance(location.options.url!);
    const session: Session = await login(a.url, setup.email, PASSWORD);
    let terminated = 0;
    const burst = await runBurst({
      urls: [a.url],
      session,
      body: (i) => ({ recipient: CUSTOMER, senderId: setup.world.numbers.direct, text: `burst one ${i}` }),
      total: 600,
      clients: 8,
      faultAfter: 200,
      fault: async () => {
        terminated += await terminateBackends(adminUrl(), dbName());
        await new Promise((r) => setTimeout(r, 300));
        terminated += await terminateBackends(adminUrl(), dbName());
      },
    });
    expect(a.alive(), `the server process died: ${a.stderr()}`).toBe(true);
    expect(terminated).toBeGreaterThan(1);
    expect(unexpectedAnswers(burst), errorLines(a)).toEqual([]);
    expect(burst.bad503).toBe(0);
    expect(burst.recoveryMs).not.toBeNull();
    expect((await fetch(`${a.url}/readyz`)).status).toBe(200);
    await waitUntil('the LISTEN connection to be back', async () => (await listeningBackends(adminUrl(), dbName())) >= 1, 10_000, 100);
    const { committed, drainMs } = await expectNothingLostOrDuplicated(setup, burst);
    report('one instance, terminate twice', { answers: burst.answers, accepted: burst.accepted.length, committed, terminated, recoveryMs: burst.recoveryMs, drainMs });
  });

  it('two instances: terminated mid-burst; both live, the LISTEN connections return, and a live stream on one sees every event written through the other', async () => {
    const [a, b] = [await startInstance(location.options.url!), await startInstance(location.options.url!)];
    const session = await login(a.url, setup.email, PASSWORD);
    // An administrator tops up through B; every agent's stream gets credits.changed, here
    // the agent's stream held on A across the outage.
    await setup.database.db.updateTable('agents').set({ role: 'admin', password_hash: await hashPassword(PASSWORD) }).where('id', '=', setup.world.agents.colleague).execute();
    const { email: adminEmail } = await setup.database.db.selectFrom('agents').select('email').where('id', '=', setup.world.agents.colleague).executeTakeFirstOrThrow();
    const adminSession = await login(b.url, adminEmail, PASSWORD);
    const events = new AbortController();
    const seen = new Set<number>();
    const stream = await fetch(`${a.url}/api/events`, { headers: { cookie: session.cookie }, signal: events.signal });
    expect(stream.status).toBe(200);
    void (async () => {
      let buf = '';
      try {
        for await (const chunk of stream.body as unknown as AsyncIterable<Uint8Array>) {
          buf += Buffer.from(chunk).toString('utf8');
          for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            if (!block.includes('event: credits.changed')) continue;
            const data = block.split('\n').find((l) => l.startsWith('data: '));
            if (data) seen.add((JSON.parse(data.slice(6)) as { eventId: number }).eventId);
          }
        }
      } catch {
        // aborted at the end
      }
    })();
    let topUps = 0;
    let stopTopUps = false;
    const topUpLoop = (async () => {
      while (!stopTopUps) {
        const r = await fetch(`${b.url}/api/admin/credits/top-ups`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: adminSession.cookie, 'x-csrf-token': adminSession.csrf },
          body: JSON.stringify({ amount: 1 }),
        }).catch(() => null);
        if (r?.status === 201) {
          topUps++;
        } else expect([503, undefined]).toContain(r?.status);
        await new Promise((res) => setTimeout(res, 50));
      }
    })();
    const burst = await runBurst({
      urls: [a.url, b.url],
      session,
      body: (i) => ({ recipient: CUSTOMER, senderId: setup.world.numbers.direct, text: `burst two ${i}` }),
      total: 600,
      clients: 8,
      faultAfter: 200,
      fault: async () => void (await terminateBackends(adminUrl(), dbName())),
    });
    stopTopUps = true;
    await topUpLoop;
    for (const s of [a, b]) expect(s.alive(), `a server process died: ${s.stderr()}`).toBe(true);
    expect(unexpectedAnswers(burst), errorLines(a, b)).toEqual([]);
    expect(burst.bad503).toBe(0);
    await waitUntil('both LISTEN connections to be back', async () => (await listeningBackends(adminUrl(), dbName())) >= 2, 10_000, 100);
    // A top-up made now reaches A's stream through NOTIFY (or the poll): none was missed.
    const written = async () =>
      (await setup.database.db.selectFrom('events').select('id').where('account_id', '=', setup.world.accountId).where('type', '=', 'credits.changed').execute()).map((e) => Number(e.id));
    await waitUntil('every credits.changed event to reach the stream on A', async () => (await written()).every((id) => seen.has(id)), 10_000, 100);
    expect(topUps).toBeGreaterThan(0);
    events.abort();
    const { committed, drainMs, toppedUp } = await expectNothingLostOrDuplicated(setup, burst);
    // Every top-up answered 201 is in the ledger; one more may be there whose answer was cut.
    expect(toppedUp).toBeGreaterThanOrEqual(topUps);
    report('two instances, terminate once', { answers: burst.answers, accepted: burst.accepted.length, committed, topUpsAnswered: topUps, topUpsCommitted: toppedUp, liveEvents: seen.size, recoveryMs: burst.recoveryMs, drainMs });
  });
});

describe.runIf(onPostgres && pgBin !== null)('a PostgreSQL server stopped and started during a burst', { timeout: 180_000 }, () => {
  let cluster: PgCluster;
  let setup: Setup;
  beforeAll(async () => {
    cluster = await startPgCluster(pgBin!);
    setup = await seed(cluster.url);
  });
  afterAll(async () => {
    await setup?.database.close().catch(() => undefined);
    cluster?.destroy();
  });

  it('the process lives through the outage, says 503 on requests and /readyz, and resumes by itself', async () => {
    const a = await startInstance(cluster.url);
    const session = await login(a.url, setup.email, PASSWORD);
    const readyz: number[] = [];
    let downMs = 0;
    const burst = await runBurst({
      urls: [a.url],
      session,
      body: (i) => ({ recipient: CUSTOMER, senderId: setup.world.numbers.direct, text: `restart ${i}` }),
      total: 500,
      clients: 8,
      faultAfter: 150,
      fault: async () => {
        const t0 = Date.now();
        cluster.stop();
        for (let i = 0; i < 4; i++) {
          const r = await fetch(`${a.url}/readyz`, { signal: AbortSignal.timeout(10_000) });
          readyz.push(r.status);
          await new Promise((res) => setTimeout(res, 500));
        }
        cluster.start();
        downMs = Date.now() - t0;
      },
    });
    expect(a.alive(), `the server process died: ${a.stderr()}`).toBe(true);
    expect(readyz.length).toBe(4);
    expect(readyz.every((s) => s === 503)).toBe(true);
    expect(unexpectedAnswers(burst), errorLines(a)).toEqual([]);
    expect(burst.answers['503'] ?? 0).toBeGreaterThan(0);
    expect(burst.bad503).toBe(0);
    expect(burst.recoveryMs).not.toBeNull();
    expect((await fetch(`${a.url}/readyz`)).status).toBe(200);
    // The test's own connections were cut by the restart as well.
    await setup.database.close().catch(() => undefined);
    setup = { ...setup, database: await openDatabase({ url: cluster.url, poolSize: 4, migrate: false }) };
    const { committed, drainMs } = await expectNothingLostOrDuplicated(setup, burst);
    report('server stopped and started', { answers: burst.answers, accepted: burst.accepted.length, committed, downMs, recoveryAfterStartMs: (burst.recoveryMs ?? 0) - downMs, drainMs });
  });
});
