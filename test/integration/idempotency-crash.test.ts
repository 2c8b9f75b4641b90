// Keyed sends survive a crash: a server process killed with SIGKILL (and, on PostgreSQL, its
// connections terminated) while 200 sends with distinct Idempotency-Keys are in flight. Every
// key retried after the lease gives a 2xx naming the message that carries that key: the
// committed answer when the send had committed, a send when it had not. No duplicate, none
// lost, each message debited once.
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open-database.js';
import { burstFacts, keyedBurst, keyOf, login, retryUntilAnswered, textOf, type Answer, type Session } from '../fixtures/keyed-sends/keyed-sends.js';
import { startServerProcess, type ServerProcess } from '../fixtures/keyed-sends/server-process.js';
import { createTestLocation, TEST_DB_KIND, type TestDatabaseLocation } from './harness.js';

const TOTAL = 200;
const LEASE_S = 2;
const SERVER_ENV = { IDEMPOTENCY_LEASE_SECONDS: String(LEASE_S), SENDS_PER_MINUTE: '100000' };

const locations: TestDatabaseLocation[] = [];
const servers: ServerProcess[] = [];
async function start(location: TestDatabaseLocation): Promise<ServerProcess> {
  const s = await startServerProcess(location, SERVER_ENV);
  servers.push(s);
  return s;
}
const alive = (s: ServerProcess) => s.proc.exitCode === null && s.proc.signalCode === null;

afterEach(() => {
  for (const s of servers.splice(0)) if (alive(s)) s.proc.kill('SIGKILL');
});
afterAll(async () => {
  for (const l of locations) await l.dispose();
});

/** Retries every key on `server()` once the lease is over; returns each key's final answer. */
async function retryEveryKey(server: () => ServerProcess, session: () => Session): Promise<Map<string, Answer & { tries: number }>> {
  await new Promise((r) => setTimeout(r, (LEASE_S + 0.5) * 1000));
  const deadline = Date.now() + 60_000;
  const keys = Array.from({ length: TOTAL }, (_, i) => keyOf(i));
  const finals = new Map<string, Answer & { tries: number }>();
  // A few clients at a time, as agents' browsers would retry.
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let i = next++; i < keys.length; i = next++) finals.set(keys[i]!, await retryUntilAnswered(() => server().url, session, keys[i]!, deadline));
    }),
  );
  return finals;
}

/** The exact totals: one message per key, named by its key's answer, debited once. */
async function expectExact(location: TestDatabaseLocation, first: Map<string, Answer>, finals: Map<string, Answer & { tries: number }>, crashAt: number): Promise<{ committedUnanswered: number; sentOnRetry: number }> {
  // Keys in flight at a crash used to answer 409 REQUEST_IN_PROGRESS for good.
  const stuck = [...finals].filter(([, a]) => a.status !== 201).map(([k, a]) => `${k}: ${a.status} after ${a.tries} tries`);
  expect(stuck).toEqual([]);
  const database = await openDatabase({ ...location.options });
  try {
    const { messages, debits } = await burstFacts(database.db);
    expect(messages).toHaveLength(TOTAL);
    const byText = new Map(messages.map((m) => [m.body, m]));
    for (let i = 0; i < TOTAL; i++) {
      const key = keyOf(i);
      const final = finals.get(key);
      expect(final?.status, key).toBe(201);
      expect(final?.messageId, key).toBe(byText.get(textOf(key))?.id);
      // An answer the client did get before the crash is the one it gets again.
      const got = first.get(key);
      if (got?.status === 201) expect(final?.messageId, key).toBe(got.messageId);
    }
    expect(new Set([...finals.values()].map((a) => a.messageId)).size).toBe(TOTAL);
    expect(debits).toHaveLength(TOTAL);
    const credits = new Map(messages.map((m) => [m.id, m.credits]));
    for (const d of debits) expect(Number(d.delta)).toBe(-credits.get(d.message_id!)!);
    // What the crash left: sends committed whose answer was lost, and sends performed by a retry.
    const unanswered = [...finals.keys()].filter((k) => first.get(k)?.status !== 201);
    const committedUnanswered = unanswered.filter((k) => byText.get(textOf(k))!.created_at.getTime() < crashAt).length;
    return { committedUnanswered, sentOnRetry: unanswered.length - committedUnanswered };
  } finally {
    await database.close();
  }
}

describe(`keyed sends across a server killed with SIGKILL (${TEST_DB_KIND})`, () => {
  it('every key retried after the lease names its one message; no duplicate, none lost, debited once', async () => {
    const location = await createTestLocation({ fileBacked: true });
    locations.push(location);
    let server = await start(location);
    let session = await login(server.url);
    const killed = server;
    let crashAt = 0;
    const first = await keyedBurst({
      url: server.url,
      session,
      total: TOTAL,
      clients: 40,
      faultAfter: 60,
      fault: async () => {
        crashAt = Date.now();
        killed.proc.kill('SIGKILL');
        expect(await killed.exited).toBeNull();
      },
    });
    const unanswered = TOTAL - [...first.values()].filter((a) => a.status === 201).length;
    expect(unanswered).toBeGreaterThan(0);

    const restartAt = Date.now();
    server = await start(location);
    session = await login(server.url);
    const retryAt = Date.now();
    const finals = await retryEveryKey(
      () => server,
      () => session,
    );
    const doneAt = Date.now();
    server.proc.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const left = await expectExact(location, first, finals, crashAt);
    const tries = [...finals.values()].reduce((n, a) => n + a.tries, 0);
    console.info(
      `kill -9 (${TEST_DB_KIND}): ${TOTAL - unanswered} answered before the kill; of ${unanswered} unanswered, ${left.committedUnanswered} had committed (answer replayed), ${left.sentOnRetry} were sent by the retry; ` +
        `restart ${retryAt - restartAt} ms, ${TOTAL} keys retried in ${doneAt - retryAt} ms (lease ${LEASE_S} s included, ${tries} requests)`,
    );
  }, 180_000);
});

describe.runIf(TEST_DB_KIND === 'postgres')('keyed sends across terminated database connections (postgres)', () => {
  it('retries after the lease give the committed answer or send; totals exact', async () => {
    const location = await createTestLocation();
    locations.push(location);
    let server = await start(location);
    let session = await login(server.url);
    const admin = new pg.Client({ connectionString: location.options.url! });
    await admin.connect();
    let crashAt = 0;
    let terminated = 0;
    try {
      const first = await keyedBurst({
        url: server.url,
        session,
        total: TOTAL,
        clients: 40,
        faultAfter: 60,
        fault: async () => {
          crashAt = Date.now();
          // Twice, a little apart, so that connections opened again mid-burst are cut too.
          for (let round = 0; round < 2; round++) {
            const r = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
            terminated += r.rowCount ?? 0;
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        },
      });
      expect(terminated).toBeGreaterThan(0);
      const failed = TOTAL - [...first.values()].filter((a) => a.status === 201).length;
      // The process is expected to survive (see the database-faults tests); if it did not, a
      // fresh one serves the retries, as a supervisor would start one.
      const survived = alive(server);
      if (!survived) {
        server = await start(location);
        session = await login(server.url);
      }
      const finals = await retryEveryKey(
        () => server,
        () => session,
      );
      server.proc.kill('SIGTERM');
      await server.exited;
      const left = await expectExact(location, first, finals, crashAt);
      console.info(`terminated connections (postgres): ${terminated} backends cut, process ${survived ? 'survived' : 'died'}; ${failed} sends unanswered or failed; ${left.committedUnanswered} had committed, ${left.sentOnRetry} sent by the retry`);
    } finally {
      await admin.end();
    }
  }, 180_000);
});
