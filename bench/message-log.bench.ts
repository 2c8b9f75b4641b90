// The message log at scale: a page of the log, each filter and each kind of search (words,
// accented words, a number, a contact's name), one message's details and a view's count, through
// the use-case functions the API calls, with 5 million messages over 90 days in one account and
// 50 other accounts sharing the tables (PostgreSQL), and a smaller account on PGlite. Then the
// export of one million rows through the real HTTP server, its memory sampled while a client reads.
// Seeding (bench/message-log-seed.ts) is set-based and kept between runs.
//   npx tsx bench/message-log.bench.ts [--reseed] [--pg-only | --pglite-only] [--messages=5000000]
//     [--pglite-messages=300000] [--iterations=40] [--export-rows=1000000] [--no-export] [--export-only]
//   NODE_OPTIONS=--expose-gc samples the export's retained memory (a collection before each sample).
import { existsSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { LogFilters } from '../src/api/log-schemas.js';
import { logCount, logPage, type LogScope } from '../src/app/message-log/log-query.js';
import { messageDetail } from '../src/app/message-log/message-detail.js';
import { openDatabase, type SmsdeskDatabase } from '../src/db/open-database.js';
import type { Database } from '../src/db/schema.js';
import { createWakeBus, EVENTS_CHANNEL } from '../src/db/wake-bus.js';
import { createHttpApp } from '../src/main/http-app.js';
import { hashPassword } from '../src/platform/password.js';
import { systemClock, uuidV7Generator } from '../src/platform/system.js';
import { customerOf, GENERATED_WORDS, seedLogAccount, type LogAccountPlan } from './message-log-seed.js';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const flag = (name: string) => process.argv.includes(`--${name}`);
const PG_MESSAGES = Number(arg('messages') ?? 5_000_000);
const PGLITE_MESSAGES = Number(arg('pglite-messages') ?? 300_000);
const ITERATIONS = Number(arg('iterations') ?? 40);
const EXPORT_ROWS = Number(arg('export-rows') ?? 1_000_000);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PG_NAME = process.env.BENCH_PG_NAME ?? 'smsdesk_bench_message_log';
const PGLITE_DIR = process.env.BENCH_PGLITE_DIR ?? path.join(os.tmpdir(), 'smsdesk-bench-message-log-pglite');
const OTHER_ACCOUNTS = 50;

function plans(messages: number, others: number): { busy: LogAccountPlan; others: LogAccountPlan[] } {
  return {
    busy: { id: 'log-busy', no: 1, messages, customers: Math.round(messages / 20), agents: 100 },
    others: Array.from({ length: others }, (_, i) => ({ id: `log-other-${i + 2}`, no: i + 2, messages: Math.round(messages / 250), customers: Math.round(messages / 2000), agents: 10 })),
  };
}

async function ensureSeeded(db: Kysely<Database>, messages: number, others: number, label: string): Promise<void> {
  const done = await sql<{ t: string | null }>`select to_regclass('bench_message_log_seed')::text as t`.execute(db);
  if (done.rows[0]?.t) return;
  const p = plans(messages, others);
  const t0 = Date.now();
  console.log(`${label}: seeding ${messages.toLocaleString('en')} messages in the busy account and ${others} others...`);
  await seedLogAccount(db, p.busy, (l) => console.log(`  ${l}`));
  for (const o of p.others) await seedLogAccount(db, o, () => undefined);
  console.log(`  others done (${((Date.now() - t0) / 1000).toFixed(0)} s); analyze...`);
  await sql`analyze`.execute(db);
  await sql`create table bench_message_log_seed (messages bigint, seconds real)`.execute(db);
  await sql`insert into bench_message_log_seed values (${messages}, ${(Date.now() - t0) / 1000})`.execute(db);
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] ?? NaN;
const rnd = (n: number) => Math.floor(Math.random() * n);

interface Case {
  readonly name: string;
  readonly run: (i: number) => Promise<unknown>;
}

async function measure(cases: readonly Case[], iterations: number): Promise<string[]> {
  const rows: string[] = [];
  for (const c of cases) {
    await c.run(0); // warm-up
    const times: number[] = [];
    let rowsSeen = 0;
    for (let i = 0; i < iterations; i++) {
      const t = performance.now();
      const r = await c.run(i + 1);
      times.push(performance.now() - t);
      if (r && typeof r === 'object' && 'rows' in r && Array.isArray(r.rows)) rowsSeen += r.rows.length;
    }
    rows.push(`| ${c.name} | ${pct(times, 50).toFixed(1)} | ${pct(times, 95).toFixed(1)} | ${Math.max(...times).toFixed(1)} | ${(rowsSeen / iterations).toFixed(0)} |`);
    console.log(rows[rows.length - 1]);
  }
  return rows;
}

function cases(db: Kysely<Database>, plan: LogAccountPlan): Case[] {
  const acc = plan.id;
  const all: LogScope = { all: true };
  const page = (f: LogFilters, cursor?: string) => logPage(db, acc, all, f, { limit: 50, ...(cursor ? { cursor } : {}) });
  const agent = () => `${acc}-a${String(rnd(plan.agents)).padStart(3, '0')}`;
  const days = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
  const cursorAt = (daysAgo: number) => `${(Date.now() - daysAgo * 86_400_000) * 1000}.~`;
  const rareWord = () => `w${String(2000 + rnd(GENERATED_WORDS - 2000)).padStart(5, '0')}`;
  return [
    { name: 'log, first page', run: () => page({}) },
    { name: 'log, a page anywhere in the 90 days (cursor)', run: () => page({}, cursorAt(Math.random() * 89)) },
    { name: 'log, status failed', run: () => page({ status: ['failed'] }) },
    { name: 'log, failed, a page anywhere (cursor)', run: () => page({ status: ['failed'] }, cursorAt(Math.random() * 89)) },
    { name: 'log, reason "spam filtered" (30007)', run: () => page({ reason: 'spam_filtered' }) },
    { name: 'log, one agent', run: () => page({ agentId: agent() }) },
    { name: 'log, one queue', run: () => page({ queueId: `${acc}-q${rnd(8)}` }) },
    { name: 'log, one SMS number (Direct)', run: () => page({ numberId: `${acc}-n${8 + rnd(2)}` }) },
    { name: 'log, country GB', run: () => page({ country: 'GB' }) },
    { name: 'log, inbound of the last 7 days', run: () => page({ direction: 'in', from: days(7) }) },
    { name: 'log, a day 30 to 80 days ago', run: () => { const d = 30 + rnd(50); return page({ from: days(d + 1), to: days(d) }); } },
    { name: 'search a common word ("colis")', run: () => page({ q: 'colis' }) },
    { name: 'search accented, folded ("recu" finds "reçu")', run: () => page({ q: 'recu' }) },
    { name: 'search a rare word (one of ~3,000)', run: () => page({ q: rareWord() }) },
    { name: 'search two words ("commande" + a rare one)', run: () => page({ q: `commande ${rareWord()}` }) },
    { name: 'search a word in failures', run: () => page({ q: 'rendez-vous', status: ['failed', 'undelivered'] }) },
    { name: 'search a customer’s number (whole)', run: () => page({ q: customerOf(rnd(plan.customers)) }) },
    { name: 'search a number’s beginning (+4474000)', run: () => page({ q: '+4474000' }) },
    { name: 'search a contact’s name ("zoe client11...")', run: () => page({ q: `zoe client${11 + 40 * rnd(Math.floor(plan.customers / 40))}` }) },
    { name: 'log, a supervisor of 2 queues', run: () => logPage(db, acc, { all: false, queueIds: [`${acc}-q1`, `${acc}-q2`] }, {}, { limit: 50 }) },
    { name: 'details of a message', run: () => messageDetail(db, acc, all, `${acc}-m${String(rnd(plan.messages)).padStart(9, '0')}`) },
    { name: 'count (export progress), failed of the last 7 days', run: () => logCount(db, acc, all, { status: ['failed'], from: days(7) }) },
  ];
}

async function exportMemory(database: SmsdeskDatabase, plan: LogAccountPlan, rows: number): Promise<string[]> {
  const db = database.db;
  const events = createWakeBus(database, EVENTS_CHANNEL);
  await db.insertInto('agents').values({ id: `${plan.id}-admin`, account_id: plan.id, email: `${plan.id}-admin@bench.test`, name: 'Admin', role: 'admin', password_hash: await hashPassword('pw') }).onConflict((o) => o.doNothing()).execute();
  const app = await createHttpApp({ deps: { db, clock: systemClock, ids: uuidV7Generator(), wake: () => events.wake() }, wakeSource: events, webhooks: { handle: async () => null, apply: async () => undefined }, migrationsCurrent: async () => true });
  await app.app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.app.server.address() as AddressInfo).port}`;
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: `${plan.id}-admin@bench.test`, password: 'pw' }) });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  // The newest `rows` messages: the view from the time of the rows-th newest.
  const edge = await sql<{ at: Date }>`select created_at as at from messages where account_id = ${plan.id} order by created_at desc offset ${rows - 1} limit 1`.execute(db);
  const from = new Date(edge.rows[0]!.at).toISOString();
  const out: string[] = [];
  for (const format of ['csv', 'jsonl'] as const) {
    (globalThis as { gc?: () => void }).gc?.();
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakHeap = before.heapUsed;
    // With --expose-gc the samples are of what is retained (a collection before each), else of
    // whatever the collector has not yet freed.
    const gc = (globalThis as { gc?: () => void }).gc;
    const timer = setInterval(() => {
      gc?.();
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 200);
    const t = performance.now();
    const r = await fetch(`${base}/api/admin/messages/export?format=${format}&from=${encodeURIComponent(from)}`, { headers: { cookie } });
    let bytes = 0;
    let lines = 0;
    for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      for (const b of chunk) if (b === 10) lines++;
    }
    clearInterval(timer);
    const s = (performance.now() - t) / 1000;
    const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
    const dataLines = format === 'csv' ? lines - 1 : lines;
    out.push(`| ${format} | ${dataLines.toLocaleString('en')} | ${mb(bytes)} MB | ${s.toFixed(1)} s | ${Math.round(dataLines / s).toLocaleString('en')} | ${mb(before.rss)} MB | ${mb(peakRss)} MB | **+${mb(peakRss - before.rss)} MB** | +${mb(peakHeap - before.heapUsed)} MB |`);
    console.log(out[out.length - 1]);
  }
  await app.app.close();
  await events.close();
  return out;
}

async function bench(label: string, database: SmsdeskDatabase, messages: number, others: number, withExport: boolean): Promise<void> {
  await ensureSeeded(database.db, messages, others, label);
  const plan = plans(messages, others).busy;
  console.log(`\n### ${label}: ${messages.toLocaleString('en')} messages in the account, ${others} other accounts (ms, ${ITERATIONS} runs each)\n`);
  if (!flag('export-only')) {
    console.log('| request | p50 | p95 | max | rows |\n|---|---|---|---|---|');
    await measure(cases(database.db, plan), ITERATIONS);
  }
  if (withExport) {
    console.log(`\n### ${label}: export of the newest ${EXPORT_ROWS.toLocaleString('en')} messages through HTTP (server and reading client in one process)\n`);
    console.log('| format | rows | size | time | rows/s | RSS before | RSS peak | RSS growth | heap growth |\n|---|---|---|---|---|---|---|---|---|');
    await exportMemory(database, plan, Math.min(EXPORT_ROWS, messages));
  }
}

async function main(): Promise<void> {
  const load = (await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ');
  console.log(`load average at start: ${load}`);
  if (!flag('pglite-only')) {
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    if (flag('reseed')) await admin.query(`drop database if exists ${PG_NAME} with (force)`);
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [PG_NAME])).rowCount !== 0;
    if (!exists) await admin.query(`create database ${PG_NAME}`);
    await admin.end();
    const url = new URL(ADMIN_URL);
    url.pathname = `/${PG_NAME}`;
    const database = await openDatabase({ url: url.toString(), poolSize: 10 });
    try {
      await bench('PostgreSQL', database, PG_MESSAGES, OTHER_ACCOUNTS, !flag('no-export'));
    } finally {
      await database.close();
    }
  }
  if (!flag('pg-only')) {
    if (flag('reseed') && existsSync(PGLITE_DIR)) rmSync(PGLITE_DIR, { recursive: true, force: true });
    const database = await openDatabase({ dataDir: PGLITE_DIR });
    try {
      await bench('PGlite', database, PGLITE_MESSAGES, 5, !flag('no-export'));
    } finally {
      await database.close();
    }
  }
}

await main();
