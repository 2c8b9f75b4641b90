// The agent's day at scale: an agent's lists (open, waiting, closed), a number's timeline, the
// Sent view and a long conversation's thread, through the use-case functions the API calls,
// with 5 million messages in the account (PostgreSQL) and a smaller account on PGlite; each
// query side by side with the same query on an account that has its team but no traffic.
// Seeding (bench/agent-day-seed.ts) is set-based and kept between runs: PostgreSQL database
// smsdesk_bench_agent_day, PGlite folder in the temporary directory.
//   npx tsx bench/agent-day.bench.ts [--reseed] [--pg-only | --pglite-only] [--messages=5000000]
//     [--pglite-messages=1000000] [--iterations=200] [--no-plans] [--only=list]
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { myInteractions, thread, type ThreadCursor } from '../src/app/agent-views.js';
import type { Actor, AppDeps } from '../src/app/context.js';
import type { AgentProfile } from '../src/app/load-facts.js';
import { mySentDirect } from '../src/app/sent/sent-view.js';
import { numberTimeline } from '../src/app/timeline.js';
import { TtlCache } from '../src/app/ttl-cache.js';
import { openDatabase, type SmsdeskDatabase } from '../src/db/open-database.js';
import type { Database } from '../src/db/schema.js';
import { systemClock, uuidV7Generator } from '../src/platform/system.js';
import { agentId, customerNumber, longCustomer, seedAll, type AccountPlan } from './agent-day-seed.js';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const flag = (name: string) => process.argv.includes(`--${name}`);
const RESEED = flag('reseed');
const PG_MESSAGES = Number(arg('messages') ?? 5_000_000);
const PGLITE_MESSAGES = Number(arg('pglite-messages') ?? 1_000_000);
const ITERATIONS = Number(arg('iterations') ?? 200);
const WARMUP = 20;
/** Only the queries whose name holds this text (e.g. --only=list). */
const ONLY = arg('only');
const TARGET_P95_MS = 50;
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PG_NAME = process.env.BENCH_PG_NAME ?? 'smsdesk_bench_agent_day';
const PGLITE_DIR = process.env.BENCH_PGLITE_DIR ?? path.join(os.tmpdir(), 'smsdesk-bench-agent-day-pglite');

interface Plans {
  readonly busy: AccountPlan;
  readonly others: readonly AccountPlan[];
  readonly empty: AccountPlan;
}

function plans(messages: number): Plans {
  return {
    busy: { id: 'bench-busy', no: 1, messages, customers: Math.round(messages / 10), agents: 100 },
    others: [2, 3, 4].map((no) => ({ id: `bench-other-${no}`, no, messages: Math.round(messages * 0.04), customers: Math.round(messages / 100), agents: 20 })),
    empty: { id: 'bench-empty', no: 9, messages: 0, customers: 0, agents: 100 },
  };
}

const EMPTY_THREAD_CUSTOMER = '+33799999999';

interface SeedInfo {
  messages: number;
  seconds: number;
  seeded_at: Date;
}

/** Seeds unless a previous run left a complete seed of the same size (its row is written last). */
async function ensureSeeded(db: Kysely<Database>, messages: number, label: string): Promise<SeedInfo> {
  const exists = await sql<{ t: string | null }>`select to_regclass('bench_agent_day_seed')::text as t`.execute(db);
  if (exists.rows[0]?.t) {
    const r = await sql<SeedInfo>`select messages, seconds, seeded_at from bench_agent_day_seed where planned = ${messages}`.execute(db);
    if (r.rows[0]) return r.rows[0];
    throw new Error(`${label} holds a seed of another size: run with --reseed`);
  }
  console.log(`${label}: seeding ${messages.toLocaleString('en')} messages in the busy account...`);
  const p = plans(messages);
  const report = await seedAll(db, p.busy, p.others, p.empty, EMPTY_THREAD_CUSTOMER, (line) => console.log(`  ${line}`));
  await sql`create table bench_agent_day_seed (planned bigint, messages bigint, seconds real, seeded_at timestamptz default now())`.execute(db);
  await sql`insert into bench_agent_day_seed (planned, messages, seconds) values (${messages}, ${report.messages}, ${report.seconds})`.execute(db);
  console.log(`${label}: seeded ${report.messages.toLocaleString('en')} messages (all accounts) in ${report.seconds.toFixed(0)} s`);
  return { messages: report.messages, seconds: report.seconds, seeded_at: new Date() };
}

function deps(db: Kysely<Database>): AppDeps {
  return { db, clock: systemClock, ids: uuidV7Generator(), wake: () => undefined, profiles: new TtlCache<AgentProfile>(5_000) };
}

interface Query {
  readonly name: string;
  /** Rows the busy account's call returned (what the page holds). */
  rows?: number;
  readonly busy: () => Promise<number>;
  readonly empty: () => Promise<number>;
}

/** The queries, with their cursors and ids looked up in the data (the use cases' own pagination gives the later pages). */
async function queries(d: AppDeps, p: Plans): Promise<Query[]> {
  const busy: Actor = { accountId: p.busy.id, agentId: agentId(p.busy.id, 0) };
  const empty: Actor = { accountId: p.empty.id, agentId: agentId(p.empty.id, 0) };
  const heavy = customerNumber(0);
  // The middle of the pool holds a handful of messages each; the first with any history.
  let typical = customerNumber(Math.round(p.busy.customers / 2));
  for (let i = Math.round(p.busy.customers / 2); i < p.busy.customers; i++) {
    typical = customerNumber(i);
    if ((await numberTimeline(d, busy, typical)).entries.length > 0) break;
  }

  const closedPages = [await myInteractions(d, busy, 'closed')];
  for (let i = 0; i < 4; i++) closedPages.push(await myInteractions(d, busy, 'closed', 50, closedPages.at(-1)?.at(-1)?.id));
  const closedCursor = closedPages.at(-1)?.at(-1)?.id;

  const longId = (await d.db.selectFrom('interactions').select('id').where('account_id', '=', p.busy.id).where('customer_number', '=', longCustomer(p.busy, 1)).executeTakeFirstOrThrow()).id;
  const nth = async (n: number) => (await d.db.selectFrom('messages').select('id').where('interaction_id', '=', longId).orderBy('created_at').orderBy('id').offset(n).limit(1).executeTakeFirstOrThrow()).id;
  const lateAfter = await nth(2_300);
  const earlyBefore = await nth(300);
  const emptyThread = (await d.db.selectFrom('interactions').select('id').where('account_id', '=', p.empty.id).executeTakeFirstOrThrow()).id;
  const emptyMessage = (await d.db.selectFrom('messages').select('id').where('interaction_id', '=', emptyThread).executeTakeFirstOrThrow()).id;

  const timelineCursor = async (actor: Actor, number: string, pages: number) => {
    let before: string | undefined;
    for (let i = 0; i < pages; i++) before = (await numberTimeline(d, actor, number, { before })).nextBefore ?? undefined;
    return before;
  };
  const heavyCursor = await timelineCursor(busy, heavy, 5);
  const sentCursor = async (actor: Actor, pages: number) => {
    let before: string | undefined;
    for (let i = 0; i < pages; i++) before = (await mySentDirect(d, actor, 50, before)).nextBefore ?? undefined;
    return before;
  };
  const busySent = await sentCursor(busy, 5);

  const list = (actor: Actor, filter: 'open' | 'waiting' | 'closed', before?: string) => async () => (await myInteractions(d, actor, filter, 50, before)).length;
  const tl = (actor: Actor, number: string, before?: string) => async () => (await numberTimeline(d, actor, number, { before })).entries.length;
  const sent = (actor: Actor, before?: string) => async () => (await mySentDirect(d, actor, 50, before)).messages.length;
  const th = (actor: Actor, id: string, limit: number, cursor: ThreadCursor = {}) => async () => (await thread(d, actor, id, limit, cursor)).messages.length;
  return [
    { name: 'Open list, agent 000', busy: list(busy, 'open'), empty: list(empty, 'open') },
    { name: "Waiting list, agent 000's queues", busy: list(busy, 'waiting'), empty: list(empty, 'waiting') },
    { name: 'Closed list, first page', busy: list(busy, 'closed'), empty: list(empty, 'closed') },
    // The empty account has no page 5: the same call with a cursor it does not know.
    { name: 'Closed list, page 5 (cursor)', busy: list(busy, 'closed', closedCursor), empty: list(empty, 'closed', closedCursor) },
    { name: `Timeline, heavy customer ${heavy}, first page`, busy: tl(busy, heavy), empty: tl(empty, heavy) },
    { name: 'Timeline, heavy customer, page 6 (cursor)', busy: tl(busy, heavy, heavyCursor), empty: tl(empty, heavy, heavyCursor) },
    { name: `Timeline, typical customer ${typical}`, busy: tl(busy, typical), empty: tl(empty, typical) },
    { name: 'Sent view, agent 000, first page', busy: sent(busy), empty: sent(empty) },
    { name: 'Sent view, agent 000, page 6 (cursor)', busy: sent(busy, busySent), empty: sent(empty, busySent) },
    // The empty account's one conversation has one message.
    // The Banner opens a thread on its newest 200 (web/src/api/endpoints.ts THREAD_PAGE) and pages back with `before`.
    { name: 'Thread of a 2,500-message conversation, newest 200', busy: th(busy, longId, 200, { latest: true }), empty: th(empty, emptyThread, 200, { latest: true }) },
    { name: 'Thread of a 2,500-message conversation, 200 before message 300', busy: th(busy, longId, 200, { before: earlyBefore }), empty: th(empty, emptyThread, 200, { before: emptyMessage }) },
    { name: 'Thread of a 2,500-message conversation, first 500', busy: th(busy, longId, 500), empty: th(empty, emptyThread, 500) },
    { name: 'Thread of a 2,500-message conversation, 100 after message 2,300', busy: th(busy, longId, 100, { after: lateAfter }), empty: th(empty, emptyThread, 100, { after: emptyMessage }) },
  ];
}

function pct(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

interface Stats {
  p50: number;
  p95: number;
  p99: number;
}
const stats = (xs: number[]): Stats => {
  xs.sort((a, b) => a - b);
  return { p50: pct(xs, 50), p95: pct(xs, 95), p99: pct(xs, 99) };
};

/** One caller; the busy and the empty account's calls alternate, so both see the same machine. */
async function measure(q: Query, iterations: number): Promise<{ busy: Stats; empty: Stats; rows: number; emptyRows: number }> {
  let rows = 0;
  let emptyRows = 0;
  for (let i = 0; i < WARMUP; i++) {
    rows = await q.busy();
    emptyRows = await q.empty();
  }
  const b: number[] = [];
  const e: number[] = [];
  for (let i = 0; i < iterations; i++) {
    let t = performance.now();
    await q.busy();
    b.push(performance.now() - t);
    t = performance.now();
    await q.empty();
    e.push(performance.now() - t);
  }
  return { busy: stats(b), empty: stats(e), rows, emptyRows };
}

const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));

async function runAll(label: string, d: AppDeps, p: Plans, iterations: number, targeted: boolean): Promise<void> {
  const qs = (await queries(d, p)).filter((q) => !ONLY || q.name.toLowerCase().includes(ONLY.toLowerCase()));
  console.log(`\n### ${label}\n\nLoad average at the start: ${load()}.\n`);
  console.log('| Query | rows | p50 | p95 | p99 | empty: rows | p50 | p95 | p99 | p95 ratio |' + (targeted ? ' p95 < 50 ms |' : ''));
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|' + (targeted ? '---|' : ''));
  for (const q of qs) {
    const r = await measure(q, iterations);
    const ratio = r.busy.p95 / r.empty.p95;
    const met = targeted ? ` ${r.busy.p95 < TARGET_P95_MS ? 'yes' : '**no**'} |` : '';
    console.log(
      `| ${q.name} | ${r.rows} | ${ms(r.busy.p50)} | ${ms(r.busy.p95)} | ${ms(r.busy.p99)} | ${r.emptyRows} | ${ms(r.empty.p50)} | ${ms(r.empty.p95)} | ${ms(r.empty.p99)} | ${ratio.toFixed(1)}x |${met}`,
    );
  }
}

/** Each query's SQL as the use case sends it, through EXPLAIN (ANALYZE, BUFFERS), on the busy account. */
async function explainAll(url: string, p: Plans): Promise<void> {
  const captured: { sql: string; parameters: readonly unknown[] }[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (e) => {
      if (e.level === 'query') captured.push({ sql: e.query.sql, parameters: e.query.parameters });
    },
  });
  try {
    const d = deps(db);
    const qs = await queries(d, p);
    console.log('\n### Plans (PostgreSQL, busy account)\n');
    for (const q of qs) {
      captured.length = 0;
      await q.busy();
      const statements = [...captured];
      console.log(`#### ${q.name}\n`);
      for (const s of statements) {
        const r = await pool.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${s.sql}`, [...s.parameters]);
        console.log('```\n' + s.sql.replace(/\s+/g, ' ').slice(0, 400) + '\n' + r.rows.map((x) => x['QUERY PLAN']).join('\n') + '\n```\n');
      }
    }
  } finally {
    await db.destroy();
  }
}

async function postgres(): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    let found = (await admin.query('select 1 from pg_database where datname = $1', [PG_NAME])).rowCount !== 0;
    // A seed that did not finish (no row in bench_agent_day_seed) is started again from nothing.
    if (found && !RESEED) {
      const url = new URL(ADMIN_URL);
      url.pathname = `/${PG_NAME}`;
      const c = new pg.Client({ connectionString: url.toString() });
      await c.connect();
      const r = await c.query<{ t: string | null }>(`select to_regclass('bench_agent_day_seed')::text as t`);
      await c.end();
      if (!r.rows[0]?.t) console.log('PostgreSQL: an unfinished seed is dropped');
      found = Boolean(r.rows[0]?.t);
    }
    if (!found) {
      await admin.query(`drop database if exists ${PG_NAME} with (force)`);
      await admin.query(`create database ${PG_NAME}`);
    }
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${PG_NAME}`;
  // The server's default pool (DATABASE_POOL_SIZE, 10): the timeline sends its five reads at once.
  const database: SmsdeskDatabase = await openDatabase({ url: url.toString(), poolSize: 10 });
  try {
    const info = await ensureSeeded(database.db, PG_MESSAGES, 'PostgreSQL');
    const version = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(database.db);
    const p = plans(PG_MESSAGES);
    console.log(`\nPostgreSQL ${version.rows[0]?.v}: ${Number(info.messages).toLocaleString('en')} messages in all accounts, seeded in ${Number(info.seconds).toFixed(0)} s on ${new Date(info.seeded_at).toISOString()}`);
    await runAll(`PostgreSQL, ${PG_MESSAGES.toLocaleString('en')} messages in the busy account (ms)`, deps(database.db), p, ITERATIONS, true);
    if (!flag('no-plans')) await explainAll(url.toString(), p);
  } finally {
    await database.close();
  }
}

async function pglite(): Promise<void> {
  const dir = `${PGLITE_DIR}-${PGLITE_MESSAGES}`;
  // The marker file is written once the seed is complete: without it the folder starts again.
  const marker = path.join(dir, 'seeded');
  if (RESEED || !existsSync(marker)) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const database = await openDatabase({ dataDir: dir });
  try {
    const info = await ensureSeeded(database.db, PGLITE_MESSAGES, 'PGlite');
    writeFileSync(marker, `${JSON.stringify(info)}\n`);
    console.log(`\nPGlite (${dir}): ${Number(info.messages).toLocaleString('en')} messages in all accounts, seeded in ${Number(info.seconds).toFixed(0)} s on ${new Date(info.seeded_at).toISOString()}`);
    await runAll(`PGlite, ${PGLITE_MESSAGES.toLocaleString('en')} messages in the busy account (ms)`, deps(database.db), plans(PGLITE_MESSAGES), Math.min(ITERATIONS, 100), false);
  } finally {
    await database.close();
  }
}

// The load average says how much else the machine was doing: the figures are only as quiet as it.
const load = () => os.loadavg().map((x) => x.toFixed(1)).join(' ');
console.log(`${new Date().toISOString()}: node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load average ${load()}`);
if (!flag('pglite-only')) await postgres();
if (!flag('pg-only')) await pglite();
