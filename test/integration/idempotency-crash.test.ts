// Keyed sends survive a crash: a server process killed with SIGKILL (and, on PostgreSQL, its
// connections terminated) while sends with distinct Idempotency-Keys are in flight. Every key
// retried after the lease gives a 2xx naming the message that carries that key: the committed
// answer when the send had committed, a send when it had not. No duplicate, none lost, each
// message debited once.
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { addCredits } from '../../src/db/credits.js';
import { openDatabase } from '../../src/db/open-database.js';
import { DEMO_ACCOUNT_ID } from '../../src/main/demo-seed.js';
import { burstFacts, keyedBurst, login, pendingKeys, retryUntilAnswered, textOf, type Answer, type Session } from '../fixtures/keyed-sends/keyed-sends.js';
import { startServerProcess, type ServerProcess } from '../fixtures/server/server-process.js';
import { createTestLocation, TEST_DB_KIND, type TestDatabaseLocation } from './harness.js';

const LEASE_S = 2;
const SERVER_ENV = { IDEMPOTENCY_LEASE_SECONDS: String(LEASE_S), SENDS_PER_MINUTE: '100000' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const locations: TestDatabaseLocation[] = [];
const servers: ServerProcess[] = [];
async function start(location: TestDatabaseLocation): Promise<ServerProcess> {
  const db: Record<string, string> = location.options.url ? { DATABASE_URL: location.options.url } : { DATA_DIR: location.options.dataDir };
  const s = await startServerProcess({ ...db, SMSDESK_DEMO: 'true', ...SERVER_ENV });
  servers.push(s);
  return s;
}

afterEach(() => {
  for (const s of servers.splice(0)) if (s.alive()) s.proc.kill('SIGKILL');
});
afterAll(async () => {
  for (const l of locations) await l.dispose();
});

async function withDatabase<T>(location: TestDatabaseLocation, fn: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
  const database = await openDatabase({ ...location.options });
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

type Final = Answer & { tries: number };

/** Retries every key on `server()` once the lease is over; returns each key's final answer. */
async function retryEveryKey(keys: readonly string[], server: () => ServerProcess, session: () => Session): Promise<Map<string, Final>> {
  await sleep((LEASE_S + 0.5) * 1000);
  const deadline = Date.now() + 60_000;
  const finals = new Map<string, Final>();
  // A few clients at a time, as agents' browsers would retry.
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let i = next++; i < keys.length; i = next++) finals.set(keys[i]!, await retryUntilAnswered(() => server().url, session, keys[i]!, deadline));
    }),
  );
  return finals;
}

/**
 * The exact totals: one message per key, named by its key's answer, debited once. Returns how
 * the unanswered keys were settled: committed before the fault (answer replayed) or sent by the retry.
 */
async function expectExact(location: TestDatabaseLocation, keys: readonly string[], first: Map<string, Answer>, finals: Map<string, Final>, faultAt: Map<string, number>) {
  // Keys in flight at a crash used to answer 409 REQUEST_IN_PROGRESS for good.
  const stuck = [...finals].filter(([, a]) => a.status !== 201).map(([k, a]) => `${k}: ${a.status} after ${a.tries} tries`);
  expect(stuck).toEqual([]);
  const { messages, debits } = await withDatabase(location, burstFacts);
  expect(messages).toHaveLength(keys.length);
  const byText = new Map(messages.map((m) => [m.body, m]));
  for (const key of keys) {
    const final = finals.get(key);
    expect(final?.messageId, key).toBe(byText.get(textOf(key))?.id);
    // An answer the client did get before the fault is the one it gets again.
    const got = first.get(key);
    if (got?.status === 201) expect(final?.messageId, key).toBe(got.messageId);
  }
  expect(new Set([...finals.values()].map((a) => a.messageId)).size).toBe(keys.length);
  expect(debits).toHaveLength(keys.length);
  const credits = new Map(messages.map((m) => [m.id, m.credits]));
  for (const d of debits) expect(Number(d.delta)).toBe(-credits.get(d.message_id!)!);
  const unanswered = keys.filter((k) => first.get(k)?.status !== 201);
  const committedUnanswered = unanswered.filter((k) => byText.get(textOf(k))!.created_at.getTime() < faultAt.get(k)!).length;
  return { unanswered: unanswered.length, committedUnanswered, sentOnRetry: unanswered.length - committedUnanswered };
}

describe(`keyed sends across a server killed with SIGKILL (${TEST_DB_KIND})`, () => {
  it('every key retried after the lease names its one message; no duplicate, none lost, debited once', async () => {
    const location = await createTestLocation({ fileBacked: true });
    locations.push(location);
    // A kill lands between a key's reservation and its send only some of the time (on PGlite,
    // which runs one statement at a time, in about one kill out of three): kill again, at
    // another moment each round, until one did.
    const ROUND = 200;
    const keys: string[] = [];
    const first = new Map<string, Answer>();
    const faultAt = new Map<string, number>();
    let pendingAtKill = 0;
    let rounds = 0;
    while (pendingAtKill === 0 && rounds < 20) {
      const round = rounds++;
      const server = await start(location);
      const roundKeys = Array.from({ length: ROUND }, (_, i) => `burst-key-${round}-${i}`);
      const answers = await keyedBurst({
        url: server.url,
        session: await login(server.url),
        keys: roundKeys,
        clients: 40,
        faultAfter: 10,
        fault: async () => {
          await sleep(10 + (round % 5) * 40);
          const at = Date.now();
          server.proc.kill('SIGKILL');
          for (const k of roundKeys) faultAt.set(k, at);
          expect(await server.exited).toBe('SIGKILL');
        },
      });
      keys.push(...roundKeys);
      for (const [k, a] of answers) first.set(k, a);
      pendingAtKill = await withDatabase(location, async (db) => {
        // The next round's credits, so the demo account's balance never refuses a send.
        await addCredits(db, DEMO_ACCOUNT_ID, ROUND, { reason: 'test: next round', actor: 'test' });
        return pendingKeys(db);
      });
    }
    // The crash left keys reserved with no answer: the case that stayed stuck for good.
    expect(pendingAtKill).toBeGreaterThan(0);

    const restartAt = Date.now();
    const server = await start(location);
    const session = await login(server.url);
    const retryAt = Date.now();
    const finals = await retryEveryKey(
      keys,
      () => server,
      () => session,
    );
    const doneAt = Date.now();
    server.proc.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const left = await expectExact(location, keys, first, finals, faultAt);
    const tries = [...finals.values()].reduce((n, a) => n + a.tries, 0);
    console.info(
      `kill -9 (${TEST_DB_KIND}): ${rounds} round(s) of ${ROUND} keys, ${pendingAtKill} key(s) left reserved by the last kill; of ${left.unanswered} unanswered keys, ` +
        `${left.committedUnanswered} had committed (answer replayed), ${left.sentOnRetry} were sent by the retry; ` +
        `restart ${retryAt - restartAt} ms, ${keys.length} keys retried in ${doneAt - retryAt} ms (lease ${LEASE_S} s included, ${tries} requests)`,
    );
  }, 300_000);
});

describe.runIf(TEST_DB_KIND === 'postgres')('keyed sends across terminated database connections (postgres)', () => {
  it('retries after the lease give the committed answer or send; totals exact', async () => {
    const location = await createTestLocation();
    locations.push(location);
    let server = await start(location);
    let session = await login(server.url);
    const keys = Array.from({ length: 200 }, (_, i) => `burst-key-${i}`);
    const faultAt = new Map<string, number>();
    const admin = new pg.Client({ connectionString: location.options.url! });
    await admin.connect();
    let terminated = 0;
    try {
      const first = await keyedBurst({
        url: server.url,
        session,
        keys,
        clients: 40,
        faultAfter: 30,
        fault: async () => {
          const at = Date.now();
          for (const k of keys) faultAt.set(k, at);
          // For a second, every 25 ms, so that connections opened again mid-burst are cut too.
          while (Date.now() - at < 1000) {
            const r = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
            terminated += r.rowCount ?? 0;
            await sleep(25);
          }
        },
      });
      expect(terminated).toBeGreaterThan(0);
      const pendingAfter = await withDatabase(location, pendingKeys);
      // The process is expected to survive (see the database-faults tests); if it did not, a
      // fresh one serves the retries, as a supervisor would start one.
      const survived = server.alive();
      if (!survived) {
        server = await start(location);
        session = await login(server.url);
      }
      const finals = await retryEveryKey(
        keys,
        () => server,
        () => session,
      );
      server.proc.kill('SIGTERM');
      await server.exited;
      const left = await expectExact(location, keys, first, finals, faultAt);
      console.info(
        `terminated connections (postgres): ${terminated} backends cut, process ${survived ? 'survived' : 'died'}; ${pendingAfter} key(s) left reserved; ` +
          `${left.unanswered} sends unanswered or failed: ${left.committedUnanswered} had committed (answer replayed), ${left.sentOnRetry} sent by the retry`,
      );
    } finally {
      await admin.end();
    }
  }, 180_000);
});
