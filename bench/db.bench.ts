// Send transactions per second: debit the credits + insert the message + append its event,
// with 50 concurrent callers, on one busy account and spread over 50 accounts, on PostgreSQL
// and file-backed PGlite. Beside each, the database's own rate for the same writes with no
// query builder (raw pg / raw PGlite loop), and for the naive design where each account's
// balance is one row.
//   npx tsx bench/db.bench.ts [--quick]
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import pg from 'pg';
import { addCredits, debitCredits } from '../src/db/credits.js';
import { openDatabase, type SmsdeskDatabase } from '../src/db/open-database.js';
import { sendDirect } from '../src/app/send-direct.js';
import type { AgentProfile } from '../src/app/load-facts.js';
import { TtlCache } from '../src/app/ttl-cache.js';
import { systemClock, uuidV7Generator } from '../src/platform/system.js';
import { buildWorld, CUSTOMER, type World } from '../test/fixtures/world.js';

const quick = process.argv.includes('--quick');
const SECONDS = quick ? 2 : 5;
const CALLERS = 50;
const ADMIN = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

type Scope = 'one account' | '50 accounts';
const SCOPES: readonly Scope[] = ['one account', '50 accounts'];

const MESSAGE_SQL = `insert into messages (id, account_id, direction, status, sms_number_id, from_address, to_address, body, encoding, units, segments, credits)
  values ($1, $2, 'out', 'queued', $3, '+33757000001', '+33612345678', 'Hello, your order is ready.', 'GSM-7', 27, 1, 1)`;
const EVENT_SQL = `insert into events (account_id, agent_id, type, payload) values ($1, null, 'message.created', $2)`;

async function setup(db: SmsdeskDatabase): Promise<string[]> {
  const accounts = Array.from({ length: CALLERS }, (_, i) => `bench-acc-${i}`);
  await sql`create table bench_balance (account_id text primary key, balance bigint not null check (balance >= 0))`.execute(db.db);
  for (const id of accounts) {
    await db.db.insertInto('accounts').values({ id, name: id }).execute();
    await db.db.insertInto('sms_numbers').values({ id: `${id}-num`, account_id: id, address: '+33757000001' }).execute();
    await addCredits(db.db, id, 100_000_000, { reason: 'top-up' });
    await sql`insert into bench_balance values (${id}, 100000000)`.execute(db.db);
  }
  return accounts;
}

/** Runs `callers` loops of `tx` for SECONDS; returns committed transactions per second. */
async function run(callers: number, tx: (caller: number) => Promise<void>): Promise<number> {
  const end = performance.now() + SECONDS * 1000;
  let done = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async (_, c) => {
      while (performance.now() < end) {
        await tx(c);
        done++;
      }
    }),
  );
  return done / ((performance.now() - t0) / 1000);
}

const accountFor = (scope: Scope, accounts: readonly string[], caller: number) => (scope === 'one account' ? accounts[0] : accounts[caller % accounts.length]) as string;

/**
 * The whole use case an agent's Direct send runs (load the agent's and the account's facts,
 * plan, then debit + message + event in one transaction), one agent per account.
 */
async function useCaseWorlds(db: SmsdeskDatabase): Promise<World[]> {
  const worlds: World[] = [];
  for (let i = 0; i < CALLERS; i++) worlds.push(await buildWorld(db.db, { credits: 100_000_000 }));
  return worlds;
}

function useCasePath(db: SmsdeskDatabase, worlds: readonly World[], scope: Scope) {
  // As the server composes it (src/main/serve.ts): profiles cached for 5 s.
  const deps = { db: db.db, clock: systemClock, ids: uuidV7Generator(), wake: () => undefined, profiles: new TtlCache<AgentProfile>(5_000) };
  return async (caller: number) => {
    const w = (scope === 'one account' ? worlds[0] : worlds[caller % worlds.length]) as World;
    await sendDirect(deps, { accountId: w.accountId, agentId: w.agents.both }, { recipient: CUSTOMER, senderId: w.numbers.direct, text: 'Hello, your order is ready.' });
  };
}

function kyselyPath(db: SmsdeskDatabase, accounts: readonly string[], scope: Scope) {
  return async (caller: number) => {
    const acc = accountFor(scope, accounts, caller);
    const id = randomUUID();
    await db.db.transaction().execute(async (trx) => {
      if (!(await debitCredits(trx, acc, 1, { reason: 'send', messageId: id }))) throw new Error('out of credits');
      await sql.raw(MESSAGE_SQL.replace('$1', `'${id}'`).replace('$2', `'${acc}'`).replace('$3', `'${acc}-num'`)).execute(trx);
      await trx.insertInto('events').values({ account_id: acc, agent_id: null, type: 'message.created', payload: JSON.stringify({ id }) }).execute();
    });
  };
}

type Query = (text: string, params: unknown[]) => Promise<unknown>;

/** The same writes as raw statements; `naive` debits a single balance row per account. */
function rawPath(query: Query, accounts: readonly string[], scope: Scope, naive: boolean) {
  return async (caller: number) => {
    const acc = accountFor(scope, accounts, caller);
    const id = randomUUID();
    await query('begin', []);
    try {
      if (naive) {
        await query('update bench_balance set balance = balance - 1 where account_id = $1 and balance >= 1', [acc]);
        await query(`insert into credit_ledger (account_id, delta, reason, message_id) values ($1, -1, 'send', $2)`, [acc, id]);
      } else {
        await query(`select smsdesk_debit_credits($1, 1, 'send', $2, null)`, [acc, id]);
      }
      await query(MESSAGE_SQL, [id, acc, `${acc}-num`]);
      await query(EVENT_SQL, [acc, JSON.stringify({ id })]);
      await query('commit', []);
    } catch (e) {
      await query('rollback', []);
      throw e;
    }
  };
}

const results: string[] = [];
function report(dbName: string, scope: Scope, label: string, tps: number): void {
  results.push(`| ${dbName} | ${scope} | ${label} | ${Math.round(tps)} |`);
  console.log(results.at(-1));
}

// PostgreSQL
try {
  const name = `smsdesk_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(ADMIN);
  url.pathname = `/${name}`;
  try {
    const db = await openDatabase({ url: url.toString(), poolSize: CALLERS });
    const accounts = await setup(db);
    for (const scope of SCOPES) report('PostgreSQL 15', scope, 'smsdesk (Kysely, 16 buckets)', await run(CALLERS, kyselyPath(db, accounts, scope)));
    const worlds = await useCaseWorlds(db);
    for (const scope of SCOPES) report('PostgreSQL 15', scope, 'smsdesk use case sendDirect (facts + plan + transaction)', await run(CALLERS, useCasePath(db, worlds, scope)));
    // Pool closed before the raw clients connect: 2 x 50 would pass max_connections (100).
    await db.close();
    const clients = await Promise.all(
      Array.from({ length: CALLERS }, async () => {
        const c = new pg.Client({ connectionString: url.toString() });
        // The database is dropped at the end: its connections are told so.
        c.on('error', () => undefined);
        await c.connect();
        return c;
      }),
    );
    const perCaller = (scope: Scope, naive: boolean) => {
      const paths = clients.map((c) => rawPath((t, p) => c.query(t, p), accounts, scope, naive));
      return (caller: number) => (paths[caller] as (n: number) => Promise<void>)(caller);
    };
    for (const scope of SCOPES) {
      report('PostgreSQL 15', scope, 'raw pg, same writes (16 buckets)', await run(CALLERS, perCaller(scope, false)));
      report('PostgreSQL 15', scope, 'raw pg, one balance row per account', await run(CALLERS, perCaller(scope, true)));
    }
    await Promise.all(clients.map((c) => c.end()));
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
} catch (e) {
  console.log(`PostgreSQL skipped: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
}

// PGlite: one backend, so 50 callers queue on it; the raw loop talks to PGlite directly.
const dir = mkdtempSync(path.join(tmpdir(), 'smsdesk-bench-'));
try {
  let db = await openDatabase({ dataDir: dir });
  const accounts = await setup(db);
  for (const scope of SCOPES) report('PGlite (file)', scope, 'smsdesk (Kysely, 16 buckets)', await run(CALLERS, kyselyPath(db, accounts, scope)));
  const worlds = await useCaseWorlds(db);
  for (const scope of SCOPES) report('PGlite (file)', scope, 'smsdesk use case sendDirect (facts + plan + transaction)', await run(CALLERS, useCasePath(db, worlds, scope)));
  await db.close();
  const lite = new PGlite(path.join(dir, 'pglite'));
  await lite.waitReady;
  const query: Query = (t, p) => lite.query(t, p);
  for (const scope of SCOPES) {
    report('PGlite (file)', scope, 'raw PGlite, same writes (16 buckets)', await run(1, rawPath(query, accounts, scope, false)));
    report('PGlite (file)', scope, 'raw PGlite, one balance row per account', await run(1, rawPath(query, accounts, scope, true)));
  }
  await lite.close();
  db = await openDatabase({ dataDir: dir });
  await db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(`\n${CALLERS} callers, ${SECONDS} s per run\n\n| Database | Accounts | Path | Transactions/s |\n|---|---|---|---:|`);
for (const r of results) console.log(r);
