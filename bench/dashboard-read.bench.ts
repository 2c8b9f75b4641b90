// The delivery dashboard's reads at scale: every request shape the Dashboard page makes (periods
// of 24 hours to 90 days, hourly or daily; filtered by queue, SMS number or agent; a supervisor's
// scope) through the use-case function the API calls, on the message log benchmark's database
// (5 million messages over 90 days in one account and 50 other accounts, bench/message-log.bench.ts
// seeds it and keeps it). That seed writes messages with the triggers off, so their aggregates are
// filled here once, set-based, with the same statement migration 0017 uses for the messages already
// there when it runs (delivery_stat_row over every message, grouped), and kept; then the read tables
// of migration 0020 from them, with that migration's statements.
//   npx tsx bench/dashboard-read.bench.ts [--pg-only | --pglite-only] [--iterations=100] [--warmup=5] [--only=24 h] [--no-explain]
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { dashboard, type DashboardScope } from '../src/app/dashboard/dashboard.js';
import { DashboardQuery } from '../src/app/dashboard/dashboard-schema.js';
import { foldInto } from '../src/db/migrations/0020-dashboard-rollups.js';
import { openDatabase } from '../src/db/open-database.js';
import type { Database } from '../src/db/schema.js';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const flag = (name: string) => process.argv.includes(`--${name}`);
const ITERATIONS = Number(arg('iterations') ?? 100);
const WARMUP = Number(arg('warmup') ?? 5);
const ONLY = arg('only'); // a part of the shapes' names, to measure a few
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PG_NAME = process.env.BENCH_PG_NAME ?? 'smsdesk_bench_message_log';
const PGLITE_DIR = process.env.BENCH_PGLITE_DIR ?? path.join(os.tmpdir(), 'smsdesk-bench-message-log-pglite');
const ACCOUNT = 'log-busy';
const DIMS = 'account_id, hour, queue_id, direct_agent_id, agent_id, sms_number_id, direction, status, calling_code, provider, error_code, unicode, multipart, latency_bucket';

async function ensureAggregates(db: Kysely<Database>, label: string): Promise<void> {
  const seeded = await sql<{ t: string | null }>`select to_regclass('bench_message_log_seed')::text as t`.execute(db);
  if (!seeded.rows[0]?.t) throw new Error(`${label}: seed the message log benchmark first (npx tsx bench/message-log.bench.ts)`);
  const done = await sql<{ t: string | null }>`select to_regclass('bench_dashboard_stats_backfill')::text as t`.execute(db);
  if (done.rows[0]?.t) return;
  const t0 = Date.now();
  console.log(`${label}: filling delivery_stats from every message (once)...`);
  await db.transaction().execute(async (trx) => {
    await sql.raw(`insert into delivery_stats (${DIMS}, n, credits, segments)
      select ${DIMS}, sum(n), sum(credits), sum(segments)
      from (select r.* from messages m cross join lateral delivery_stat_row(m, 1) r) x
      group by ${DIMS}`).execute(trx);
    await sql`create table bench_dashboard_stats_backfill (rows bigint, at timestamptz default now())`.execute(trx);
    await sql`insert into bench_dashboard_stats_backfill (rows) select count(*) from delivery_stats`.execute(trx);
  });
  await sql`analyze delivery_stats`.execute(db);
  console.log(`  done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

/** The read tables of migration 0020 from delivery_stats, once, with the migration's own statements. */
async function ensureReadTables(db: Kysely<Database>, label: string): Promise<void> {
  const done = await sql<{ t: string | null }>`select to_regclass('bench_dashboard_rollups_backfill')::text as t`.execute(db);
  if (done.rows[0]?.t) return;
  const t0 = Date.now();
  console.log(`${label}: filling the dashboard's read tables from delivery_stats (once)...`);
  await db.transaction().execute(async (trx) => {
    for (const [table, statement] of Object.entries(foldInto('delivery_stats'))) {
      await sql.raw(`delete from dashboard_${table}`).execute(trx);
      await sql.raw(statement).execute(trx);
    }
    await sql`create table bench_dashboard_rollups_backfill (at timestamptz default now())`.execute(trx);
    await sql`insert into bench_dashboard_rollups_backfill default values`.execute(trx);
  });
  await sql`analyze dashboard_counts, dashboard_outcomes, dashboard_credits`.execute(db);
  console.log(`  done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

/**
 * Vacuum the aggregate tables once if most of their pages are not marked all-visible: the reads
 * are index-only scans (migrations 0019 and 0025), which visit the heap for every row of a page
 * vacuum has not marked. A running server's autovacuum does this; the seed filled the tables in
 * bulk, and the bench server ran with autovacuum off (2026-12-08: every read went to the heap).
 */
async function ensureVacuumed(db: Kysely<Database>, label: string): Promise<void> {
  const tables = ['delivery_stats', 'dashboard_counts', 'dashboard_outcomes', 'dashboard_credits'];
  for (const table of tables) {
    const r = await sql<{ pages: number; visible: number }>`select relpages as pages, relallvisible as visible from pg_class where oid = to_regclass(${table})`.execute(db);
    const row = r.rows[0];
    if (!row || row.visible >= 0.9 * row.pages) continue;
    const t0 = Date.now();
    await sql.raw(`vacuum (analyze) ${table}`).execute(db);
    console.log(`${label}: vacuumed ${table} (${row.visible} of ${row.pages} pages were all-visible) in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
}

async function readTableRows(db: Kysely<Database>): Promise<string> {
  const r = await sql<{ t: string; all: string; busy: string }>`
    select t, count(*)::text as all, count(*) filter (where account_id = ${ACCOUNT})::text as busy from (
      select 'dashboard_counts' as t, account_id from dashboard_counts union all select 'dashboard_outcomes', account_id from dashboard_outcomes
      union all select 'dashboard_credits', account_id from dashboard_credits) x group by t order by t`.execute(db);
  return r.rows.map((x) => `${x.t} ${Number(x.all).toLocaleString('en')} rows (${Number(x.busy).toLocaleString('en')} of the busy account)`).join(', ');
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] ?? NaN;
const rnd = (n: number) => Math.floor(Math.random() * n);
const HOUR = 3_600_000;

interface Shape {
  readonly name: string;
  readonly query: () => Record<string, string>;
  readonly scope?: DashboardScope;
}

function shapes(): Shape[] {
  // The page's requests: `to` is the next full hour, `from` that many days before.
  const period = (days: number, granularity: 'hour' | 'day') => () => {
    const to = Math.ceil(Date.now() / HOUR) * HOUR;
    return { from: new Date(to - days * 24 * HOUR).toISOString(), to: new Date(to).toISOString(), granularity };
  };
  const queue = () => `${ACCOUNT}-q${rnd(8)}`;
  const num = () => `${ACCOUNT}-n${rnd(10)}`;
  const agent = () => `${ACCOUNT}-a${String(rnd(100)).padStart(3, '0')}`;
  const supervisor: DashboardScope = { all: false, queueIds: [`${ACCOUNT}-q1`, `${ACCOUNT}-q2`] };
  return [
    { name: 'last 24 h, hourly', query: period(1, 'hour') },
    { name: 'last 7 days, daily', query: period(7, 'day') },
    { name: 'last 7 days, hourly', query: period(7, 'hour') },
    { name: 'last 30 days, daily', query: period(30, 'day') },
    { name: 'last 30 days, hourly', query: period(30, 'hour') },
    { name: 'last 90 days, daily', query: period(90, 'day') },
    { name: '7 days daily, one queue', query: () => ({ ...period(7, 'day')(), queueId: queue() }) },
    { name: '90 days daily, one queue', query: () => ({ ...period(90, 'day')(), queueId: queue() }) },
    { name: '90 days daily, one SMS number', query: () => ({ ...period(90, 'day')(), smsNumberId: num() }) },
    { name: '90 days daily, one agent', query: () => ({ ...period(90, 'day')(), agentId: agent() }) },
    { name: '30 days hourly, one agent', query: () => ({ ...period(30, 'hour')(), agentId: agent() }) },
    { name: 'supervisor (2 queues), 24 h hourly', query: period(1, 'hour'), scope: supervisor },
    { name: 'supervisor (2 queues), 7 days daily', query: period(7, 'day'), scope: supervisor },
    { name: 'supervisor (2 queues), 90 days daily', query: period(90, 'day'), scope: supervisor },
    { name: 'supervisor (2 queues), 90 days, one agent', query: () => ({ ...period(90, 'day')(), agentId: agent() }), scope: supervisor },
  ];
}

async function measure(db: Kysely<Database>, iterations: number): Promise<void> {
  const actor = { accountId: ACCOUNT, agentId: `${ACCOUNT}-admin` };
  console.log('| request | p50 | p95 | p99 | max | points |\n|---|---:|---:|---:|---:|---:|');
  for (const s of shapes().filter((x) => !ONLY || x.name.includes(ONLY))) {
    const run = () => dashboard(db, actor, DashboardQuery.parse(s.query()), s.scope ?? { all: true });
    for (let i = 0; i < WARMUP; i++) await run();
    const times: number[] = [];
    let points = 0;
    for (let i = 0; i < iterations; i++) {
      const t = performance.now();
      const v = await run();
      times.push(performance.now() - t);
      points += v.series.length;
    }
    console.log(`| ${s.name} | ${pct(times, 50).toFixed(1)} | ${pct(times, 95).toFixed(1)} | ${pct(times, 99).toFixed(1)} | ${Math.max(...times).toFixed(1)} | ${(points / iterations).toFixed(0)} |`);
  }
}

/** EXPLAIN ANALYZE of the aggregate statement of a few shapes (captured from the use-case's own query). */
async function explain(url: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  let captured: CompiledQuery | null = null;
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (e) => {
      if (e.level === 'query' && /from delivery_stats where|from "dashboard_counts" t/.test(e.query.sql)) captured = e.query;
    },
  });
  const actor = { accountId: ACCOUNT, agentId: `${ACCOUNT}-admin` };
  for (const s of shapes().filter((x) => /90 days daily$|supervisor \(2 queues\), 90 days|90 days daily, one agent|last 24 h/.test(x.name))) {
    await dashboard(db, actor, DashboardQuery.parse(s.query()), s.scope ?? { all: true });
    const q = captured as CompiledQuery | null;
    if (!q) continue;
    const r = await pool.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${q.sql}`, [...q.parameters]);
    const lines = r.rows.map((x) => x['QUERY PLAN']).filter((l) => /Scan|Execution Time|Planning Time|rows=|Buffers: shared/.test(l) && !/Sort Key|Group Key/.test(l));
    console.log(`\nEXPLAIN ${s.name}:\n${[...lines.slice(0, 12), ...lines.slice(-2)].map((l) => `    ${l}`).join("\n")}`);
  }
  await db.destroy();
}

async function main(): Promise<void> {
  console.log(`load average at start: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}; ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`);
  if (!flag('pglite-only')) {
    const url = new URL(ADMIN_URL);
    url.pathname = `/${PG_NAME}`;
    const database = await openDatabase({ url: url.toString(), poolSize: 10 });
    try {
      await ensureAggregates(database.db, 'PostgreSQL');
      await ensureReadTables(database.db, 'PostgreSQL');
      await ensureVacuumed(database.db, 'PostgreSQL');
      console.log(await readTableRows(database.db));
      const v = await sql<{ v: string; rows: string; n: string }>`select version() as v, (select count(*) from delivery_stats)::text as rows,
        (select count(*) from delivery_stats where account_id = ${ACCOUNT})::text as n`.execute(database.db);
      console.log(`\n### PostgreSQL (${v.rows[0]?.v.split(' on ')[0]}): delivery_stats ${Number(v.rows[0]?.rows).toLocaleString('en')} rows, ${Number(v.rows[0]?.n).toLocaleString('en')} of the busy account; ms, ${ITERATIONS} runs each after ${WARMUP} warm-ups\n`);
      await measure(database.db, ITERATIONS);
    } finally {
      await database.close();
    }
    if (!flag('no-explain')) await explain(url.toString());
  }
  if (!flag('pg-only')) {
    const database = await openDatabase({ dataDir: PGLITE_DIR });
    try {
      await ensureAggregates(database.db, 'PGlite');
      await ensureReadTables(database.db, 'PGlite');
      await ensureVacuumed(database.db, 'PGlite');
      console.log(await readTableRows(database.db));
      const v = await sql<{ m: string; rows: string }>`select (select count(*) from messages where account_id = ${ACCOUNT})::text as m, (select count(*) from delivery_stats)::text as rows`.execute(database.db);
      console.log(`\n### PGlite (${PGLITE_DIR}): ${Number(v.rows[0]?.m).toLocaleString('en')} messages in the busy account, delivery_stats ${Number(v.rows[0]?.rows).toLocaleString('en')} rows; ms, ${ITERATIONS} runs each after ${WARMUP} warm-ups\n`);
      await measure(database.db, ITERATIONS);
    } finally {
      await database.close();
    }
  }
}

await main();
