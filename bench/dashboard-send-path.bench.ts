// The send path's rate with and without the dashboard's aggregates (migration 0017), side by side
// in one run: the dispatcher drains N queued messages to the simulator (20 ms a submission,
// delivery reports after 100 ms) with the delta triggers enabled (and the 2-s roll-up running) or
// disabled, alternated ROUNDS times on a fresh database each. Target: "on" within 10 % of "off".
//   npx tsx bench/dashboard-send-path.bench.ts [--quick] [--pglite | --pglite-only]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { startDeliveryStatsRollup } from '../src/app/dashboard/rollup.js';
import { openDatabase, type OpenDatabaseOptions } from '../src/db/open-database.js';
import { createDispatcher } from '../src/dispatcher/index.js';
import { createSimulatorProvider, parseSimulatorConfig } from '../src/providers/simulator/index.js';
import { seedAccount, seedQueued } from '../test/fixtures/outbox/seed.js';

const quick = process.argv.includes('--quick');
const N = quick ? 2000 : 10_000;
const ROUNDS = quick ? 2 : 3;
const ADMIN = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TRIGGERS = ['delivery_stats_insert', 'delivery_stats_update', 'delivery_stats_delete'];

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
    await fn({ url: url.toString(), poolSize: 10 });
  } finally {
    await admin(`drop database if exists ${name} with (force)`);
  }
}

/** Messages per second from the first claim to the last provider answer. */
async function measure(o: OpenDatabaseOptions, aggregates: boolean): Promise<number> {
  const database = await openDatabase(o);
  try {
    const a = await seedAccount(database.db);
    for (const t of TRIGGERS) await sql.raw(`alter table messages ${aggregates ? 'enable' : 'disable'} trigger ${t}`).execute(database.db);
    await seedQueued(database.db, a, N);
    await sql`analyze messages`.execute(database.db);
    const rollup = aggregates ? startDeliveryStatsRollup(database.db) : null;
    const provider = createSimulatorProvider(parseSimulatorConfig({ latencyMs: 20, deliveryDelayMs: 100 }));
    const d = createDispatcher({ db: database.db, providers: () => provider, concurrency: 64, pollIntervalMs: 200 });
    const t0 = performance.now();
    await d.start();
    while (d.stats.sent < N) await new Promise((r) => setTimeout(r, 5));
    const seconds = (performance.now() - t0) / 1000;
    await d.stop();
    await provider.close?.();
    await rollup?.stop();
    return N / seconds;
  } finally {
    await database.close();
  }
}

const kinds = process.argv.includes('--pglite-only') ? (['pglite'] as const) : process.argv.includes('--pglite') ? (['postgres', 'pglite'] as const) : (['postgres'] as const);
const out: string[] = [];
for (const kind of kinds) {
  const rates: Record<'on' | 'off', number[]> = { on: [], off: [] };
  for (let r = 0; r < ROUNDS; r++) {
    for (const on of r % 2 === 0 ? [false, true] : [true, false]) {
      await withDatabase(kind, async (o) => {
        const rate = await measure(o, on);
        rates[on ? 'on' : 'off'].push(rate);
        console.log(`${kind} round ${r + 1} aggregates ${on ? 'on ' : 'off'}: ${Math.round(rate)} messages/s`);
      });
    }
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0;
  const off = median(rates.off);
  const on = median(rates.on);
  out.push(`| ${kind === 'postgres' ? 'PostgreSQL 15' : 'PGlite (file)'} | ${N} | ${Math.round(off)} | ${Math.round(on)} | ${(((on - off) / off) * 100).toFixed(1)} % |`);
}
console.log(`\n| Database | Messages | Off (msg/s, median of ${ROUNDS}) | On (msg/s) | Difference |\n|---|---:|---:|---:|---:|`);
for (const r of out) console.log(r);
