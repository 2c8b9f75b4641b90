// Scheduled sends on time (docs/scheduled-sends.md): how late each scheduled message is
// released (its `messages` row created, release lateness) and handed to the provider (its
// submission, hand-off lateness) after its `send_at`, under load: immediate Direct SMS sent
// all along through the same use case, the dispatcher draining them to the simulator (20 ms
// per submission), a spread of scheduled messages plus a burst due at the same instant, and on
// PostgreSQL two release timers sharing the table (as two server instances would).
//   npx tsx bench/scheduled.bench.ts [--spread 600] [--burst 300] [--rate 100] [--postgres | --pglite]
// PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), a
// database created and dropped per run; PGlite file-backed in a temp folder.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import type { AppDeps } from '../src/app/context.js';
import { scheduleSend } from '../src/app/scheduled/schedule.js';
import { sendDirect } from '../src/app/send-direct.js';
import { openDatabase, type OpenDatabaseOptions } from '../src/db/open-database.js';
import { createWakeBus, OUTBOX_CHANNEL } from '../src/db/wake-bus.js';
import { createDispatcher } from '../src/dispatcher/index.js';
import { startScheduledSends } from '../src/main/scheduled-sends.js';
import { systemClock, uuidV7Generator } from '../src/platform/system.js';
import { createSimulatorProvider, parseSimulatorConfig } from '../src/providers/simulator/index.js';
import { buildWorld, CUSTOMER } from '../test/fixtures/world.js';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const SPREAD = arg('spread', 600);
const BURST = arg('burst', 300);
const RATE = arg('rate', 100);
const ADMIN = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function admin(q: string): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN });
  await c.connect();
  try {
    await c.query(q);
  } finally {
    await c.end();
  }
}

async function withDatabase(kind: 'postgres' | 'pglite', fn: (o: OpenDatabaseOptions) => Promise<void>): Promise<void> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'smsdesk-bench-'));
    try {
      await fn({ dataDir: dir });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  const name = `smsdesk_bench_${randomBytes(4).toString('hex')}`;
  await admin(`create database ${name}`);
  const url = new URL(ADMIN);
  url.pathname = `/${name}`;
  try {
    await fn({ url: url.toString(), poolSize: 20 });
  } finally {
    await admin(`drop database if exists ${name} with (force)`);
  }
}

const pct = (xs: readonly number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const fmt = (xs: number[]) => {
  xs.sort((a, b) => a - b);
  return `${pct(xs, 50).toFixed(0)} | ${pct(xs, 95).toFixed(0)} | ${pct(xs, 99).toFixed(0)} | ${(xs[xs.length - 1] ?? NaN).toFixed(0)}`;
};

async function measure(kind: 'postgres' | 'pglite', o: OpenDatabaseOptions): Promise<void> {
  const database = await openDatabase(o);
  const outbox = createWakeBus(database, OUTBOX_CHANNEL);
  const db = database.db;
  try {
    const w = await buildWorld(db, { credits: 10_000_000 });
    // A number fast enough for the load: pacing is not what is measured here.
    await db.updateTable('sms_numbers').set({ send_rate_per_second: 5_000 }).where('id', '=', w.numbers.direct).execute();
    const deps: AppDeps = { db, clock: systemClock, ids: uuidV7Generator(), wake: () => outbox.wake() };
    const me = { accountId: w.accountId, agentId: w.agents.directOnly };
    const provider = createSimulatorProvider(parseSimulatorConfig({ latencyMs: 20, deliveryDelayMs: 3_600_000 }));
    const dispatcher = createDispatcher({ db, providers: () => provider, wake: outbox, concurrency: 64, pollIntervalMs: 1000, logger: { warn: () => undefined, error: () => undefined } });
    await dispatcher.start();
    const timers = await Promise.all(Array.from({ length: kind === 'postgres' ? 2 : 1 }, (_, i) => startScheduledSends({ deps, wake: outbox, workerId: `bench-${i}` })));

    // Scheduled first (their time starts once all are written), then the load runs through their window.
    // PGlite runs one statement at a time: writing the scheduled messages takes longer there.
    const base = Date.now() + (kind === 'pglite' ? 60_000 : 20_000);
    const spanMs = 10_000;
    const input = (i: number) => ({ kind: 'direct' as const, recipient: CUSTOMER, senderId: w.numbers.direct, templateId: null, text: `Scheduled ${i}` });
    const t0 = Date.now();
    const times = [...Array.from({ length: SPREAD }, (_, i) => base + Math.floor((i / SPREAD) * spanMs)), ...Array.from({ length: BURST }, () => base + spanMs / 2)];
    for (let i = 0; i < times.length; i += 20) {
      await Promise.all(times.slice(i, i + 20).map((at, j) => scheduleSend(deps, me, input(i + j), { sendAt: new Date(at), origin: 'schedule' })));
    }
    const writeMs = Date.now() - t0;
    if (Date.now() > base - 2_000) throw new Error(`scheduling took ${writeMs} ms: the first ones are already due`);

    let loadSent = 0;
    let loading = true;
    const load = (async () => {
      while (loading) {
        const tick = Date.now();
        await Promise.all(Array.from({ length: Math.max(1, Math.round(RATE / 10)) }, () => sendDirect(deps, me, { recipient: CUSTOMER, senderId: w.numbers.direct, text: 'Immediate load' }).then(() => loadSent++)));
        await sleep(Math.max(0, 100 - (Date.now() - tick)));
      }
    })();
    const loadFrom = Date.now();
    const total = times.length;
    for (;;) {
      const { rows } = await sql<{ n: string }>`
        select count(*)::text as n from scheduled_messages s join messages m on m.id = s.id
        where m.status in ('sent', 'delivered')`.execute(db);
      if (Number(rows[0]?.n) >= total) break;
      if (Date.now() > base + spanMs + 60_000) {
        const { rows: by } = await sql<{ status: string; n: string }>`select status, count(*)::text as n from scheduled_messages group by status`.execute(db);
        throw new Error(`only ${rows[0]?.n} of ${total} scheduled messages sent: ${JSON.stringify(by)}`);
      }
      await sleep(200);
    }
    loading = false;
    await load;
    const loadRate = loadSent / ((Date.now() - loadFrom) / 1000);
    const { rows } = await sql<{ release: number; handoff: number; burst: boolean }>`
      select extract(epoch from (m.created_at - s.send_at)) * 1000 as release,
        extract(epoch from (m.submitted_at - s.send_at)) * 1000 as handoff,
        s.body >= ${`Scheduled ${SPREAD}`} and length(s.body) >= length(${`Scheduled ${SPREAD}`}) as burst
      from scheduled_messages s join messages m on m.id = s.id`.execute(db);
    const spread = rows.filter((r) => !r.burst);
    const burst = rows.filter((r) => r.burst);
    const name = kind === 'postgres' ? `PostgreSQL, ${timers.length} timers` : 'PGlite (file), 1 timer';
    console.log(`| ${name} | spread ${spread.length} over ${spanMs / 1000} s | ${fmt(spread.map((r) => Number(r.release)))} | ${fmt(spread.map((r) => Number(r.handoff)))} | ${loadRate.toFixed(0)} |`);
    console.log(`| ${name} | burst ${burst.length} at one instant | ${fmt(burst.map((r) => Number(r.release)))} | ${fmt(burst.map((r) => Number(r.handoff)))} | ${loadRate.toFixed(0)} |`);
    console.log(`(scheduling ${total} took ${writeMs} ms)`);
    for (const t of timers) await t.stop();
    await dispatcher.stop();
  } finally {
    await outbox.close();
    await database.close();
  }
}

console.log(`nproc ${(await import('node:os')).cpus().length}, Node ${process.version}, ${new Date().toISOString()}`);
console.log('| Database | Scheduled | Release lateness ms p50 | p95 | p99 | max | Hand-off lateness ms p50 | p95 | p99 | max | Immediate sends/s alongside |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
const only = process.argv.includes('--pglite') ? ['pglite'] : process.argv.includes('--postgres') ? ['postgres'] : ['postgres', 'pglite'];
for (const kind of only as ('postgres' | 'pglite')[]) {
  await withDatabase(kind, (o) =>
    measure(kind, o).catch((e: unknown) => {
      console.error(`${kind}: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    }),
  );
}
