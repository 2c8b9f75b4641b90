// Dispatcher throughput from one process: queued messages drained to a provider that takes
// 20 ms to answer each submission (the simulator adapter), on PostgreSQL and on file-backed
// PGlite. Target: >= 1,000 messages/s.
//   npx tsx bench/dispatcher.bench.ts [--quick]
// PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres); a
// database is created for the run and dropped after.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type OpenDatabaseOptions } from '../src/db/open-database.js';
import { createDispatcher } from '../src/dispatcher/index.js';
import { createSimulatorProvider, parseSimulatorConfig } from '../src/providers/simulator/index.js';
import { seedAccount, seedQueued } from '../test/fixtures/outbox/seed.js';

const quick = process.argv.includes('--quick');
const N = quick ? 2000 : 10_000;
const ADMIN = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Run {
  readonly label: string;
  readonly concurrency: number;
  readonly reports: boolean;
}

const RUNS: readonly Run[] = [
  { label: 'concurrency 64, no delivery reports', concurrency: 64, reports: false },
  { label: 'concurrency 64, with delivery reports', concurrency: 64, reports: true },
  { label: 'concurrency 128, with delivery reports', concurrency: 128, reports: true },
];

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

async function measure(o: OpenDatabaseOptions, run: Run): Promise<number> {
  const database = await openDatabase(o);
  try {
    const a = await seedAccount(database.db);
    await seedQueued(database.db, a, N);
    // Steady state: statistics that know about the backlog (autovacuum on PostgreSQL, the
    // embedded maintenance within 10 s on PGlite).
    await sql`analyze messages`.execute(database.db);
    const provider = createSimulatorProvider(parseSimulatorConfig({ latencyMs: 20, deliveryDelayMs: run.reports ? 100 : 3_600_000 }));
    const d = createDispatcher({ db: database.db, providers: () => provider, concurrency: run.concurrency, pollIntervalMs: 200 });
    const t0 = performance.now();
    await d.start();
    while (d.stats.sent < N) await new Promise((r) => setTimeout(r, 5));
    const seconds = (performance.now() - t0) / 1000;
    await d.stop();
    await provider.close?.();
    return seconds;
  } finally {
    await database.close();
  }
}

const rows: string[] = [];
for (const kind of ['postgres', 'pglite'] as const) {
  for (const run of RUNS) {
    try {
      await withDatabase(kind, async (o) => {
        const s = await measure(o, run);
        rows.push(`| ${kind === 'postgres' ? 'PostgreSQL 15' : 'PGlite (file)'} | ${run.label} | ${N} | ${s.toFixed(2)} | ${Math.round(N / s)} |`);
        console.log(rows.at(-1));
      });
    } catch (e) {
      console.log(`| ${kind} | ${run.label} | skipped: ${e instanceof Error ? e.message : String(e)} |`);
    }
  }
}
console.log('\n| Database | Run | Messages | Seconds | Messages/s |\n|---|---|---:|---:|---:|');
for (const r of rows) console.log(r);
