// The HTTP API against the use-case layer it wraps, side by side in one run, on PostgreSQL and
// PGlite: Direct sends with 50 concurrent callers; then inbound webhooks at 500/s to the
// agent's live stream (latency from the webhook request to the event reaching the agent).
// The load comes from another process (bench/load/http-load.ts), as a client's would.
// Run: npx tsx bench/api.bench.ts   (PostgreSQL from TEST_DATABASE_URL or 127.0.0.1:5432)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import pg from 'pg';
import { sendDirect } from '../src/app/send-direct.js';
import type { AgentProfile } from '../src/app/load-facts.js';
import { TtlCache } from '../src/app/ttl-cache.js';
import { openDatabase, IN_MEMORY, type SmsdeskDatabase } from '../src/db/open-database.js';
import { createWakeBus, EVENTS_CHANNEL, OUTBOX_CHANNEL } from '../src/db/wake-bus.js';
import { hashPassword } from '../src/platform/password.js';
import { createHttpApp } from '../src/main/http-app.js';
import { createProviderCache } from '../src/main/provider-cache.js';
import { createProviderFactory } from '../src/main/provider-factory.js';
import { createWebhookGateway } from '../src/main/webhook-gateway.js';
import { uuidV7Generator, systemClock } from '../src/platform/system.js';
import { buildWorld, CUSTOMER, NUMBERS } from '../test/fixtures/world.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CALLERS = 50;
/** Use-case and API phases alternate this many times; rates and latencies are their means. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const INBOUND_PER_S = 500;
const PGLITE_SUSTAINED_PER_S = 200;

interface Inbound {
  readonly total: number;
  readonly received: number;
  readonly achieved: number;
  readonly p50: number;
  readonly p99: number;
  readonly answerP50: number;
  readonly answerP99: number;
  readonly failures: number;
}
const SECRET = 'whsec_bench_0123456789abcdef0123456789abcdef';
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function pct(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

async function closedLoop(workers: number, seconds: number, op: () => Promise<void>): Promise<{ rate: number; p50: number; p99: number; errors: number }> {
  const lat: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          await op();
          lat.push(performance.now() - t);
        } catch {
          errors++;
        }
      }
    }),
  );
  lat.sort((a, b) => a - b);
  return { rate: lat.length / seconds, p50: pct(lat, 50), p99: pct(lat, 99), errors };
}

function mean(ms: readonly Measured[]): Measured {
  const avg = (f: (m: Measured) => number) => ms.reduce((a, m) => a + f(m), 0) / ms.length;
  return { rate: avg((m) => m.rate), p50: avg((m) => m.p50), p99: avg((m) => m.p99), errors: ms.reduce((a, m) => a + m.errors, 0) };
}

interface Measured {
  rate: number;
  p50: number;
  p99: number;
  errors: number;
}

/** Runs the load generator in its own process and returns what it printed. */
function load(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./load/http-load.ts', import.meta.url)), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(out.trim().split('\n').pop() ?? '') : reject(new Error(`load generator exited ${code}`))));
  });
}

async function openBench(kind: 'postgres' | 'pglite'): Promise<{ database: SmsdeskDatabase; drop: () => Promise<void> }> {
  if (kind === 'pglite') return { database: await openDatabase({ dataDir: IN_MEMORY }), drop: async () => undefined };
  const name = `smsdesk_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 20 });
  return {
    database,
    drop: async () => {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

async function pgAvailable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 1500 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

async function run(kind: 'postgres' | 'pglite'): Promise<string[]> {
  const { database, drop } = await openBench(kind);
  const events = createWakeBus(database, EVENTS_CHANNEL);
  const outbox = createWakeBus(database, OUTBOX_CHANNEL);
  // As the server composes it (src/main/serve.ts): profiles cached for 5 s.
  const deps = { db: database.db, clock: systemClock, ids: uuidV7Generator(), wake: () => (events.wake(), outbox.wake()), profiles: new TtlCache<AgentProfile>(5_000) };
  const w = await buildWorld(database.db, { credits: 50_000_000 });
  const actor = { accountId: w.accountId, agentId: w.agents.both };
  const input = { recipient: CUSTOMER, senderId: w.numbers.direct, text: 'Your appointment is confirmed for tomorrow at 10:30.' };
  const rows: string[] = [];
  const inboundOnly = process.env.BENCH_ONLY === 'inbound';

  await database.db.updateTable('accounts').set({ provider_type: 'http-json', provider_config: JSON.stringify({ url: 'http://127.0.0.1:9/unused', webhookSecret: SECRET }) }).where('id', '=', w.accountId).execute();
  await database.db.updateTable('agents').set({ password_hash: await hashPassword('pw') }).where('id', 'in', [w.agents.both, w.agents.smartOnly]).execute();
  const providers = createProviderCache(database.db, createProviderFactory(null));
  const app = await createHttpApp({
    deps,
    wakeSource: events,
    webhooks: createWebhookGateway(deps, providers),
    migrationsCurrent: async () => true,
    sendsPerMinute: 10_000_000,
  });
  await app.app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.app.server.address() as AddressInfo).port;
  const login = async (id: string) => {
    const email = (await database.db.selectFrom('agents').select('email').where('id', '=', id).executeTakeFirstOrThrow()).email;
    const r = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'pw' }) });
    return { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: ((await r.json()) as { csrfToken: string }).csrfToken };
  };
  const s = await login(w.agents.both);
  if (!inboundOnly) {
    // Alternating rounds, the use cases then the API, so that a change in the machine's other load
    // during the run weighs on both sides alike.
    await closedLoop(CALLERS, 1, async () => void (await sendDirect(deps, actor, input))); // warm-up
    const ucs: Measured[] = [];
    const apis: Measured[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      ucs.push(await closedLoop(CALLERS, SECONDS, async () => void (await sendDirect(deps, actor, input))));
      apis.push(JSON.parse(await load(['send', String(port), s.cookie, s.csrf, String(SECONDS), String(CALLERS), JSON.stringify(input)])) as Measured);
    }
    const uc = mean(ucs);
    const api = mean(apis);
    const perRound = ucs.map((u, i) => `${((100 * apis[i]!.rate) / u.rate).toFixed(0)}%`).join(', ');
    rows.push(`| ${kind} | use cases, ${CALLERS} callers (in process) | ${uc.rate.toFixed(0)} | ${uc.p50.toFixed(1)} | ${uc.p99.toFixed(1)} | ${uc.errors} |`);
    rows.push(`| ${kind} | HTTP API, ${CALLERS} keep-alive connections (load from another process) | ${api.rate.toFixed(0)} | ${api.p50.toFixed(1)} | ${api.p99.toFixed(1)} | ${api.errors} |`);
    rows.push(`| ${kind} | **API / use cases** (rounds: ${perRound}) | **${((100 * api.rate) / uc.rate).toFixed(0)}%** | | | |`);
  }

  // Inbound webhooks at a fixed rate, and the time until the event reaches an agent's stream.
  // The embedded database is also measured at a rate it can sustain, for sizing.
  if (process.env.BENCH_ONLY !== 'send') {
    const member = await login(w.agents.smartOnly);
    const { webhook_token: token } = await database.db.selectFrom('accounts').select('webhook_token').where('id', '=', w.accountId).executeTakeFirstOrThrow();
    for (const rate of kind === 'pglite' ? [INBOUND_PER_S, PGLITE_SUSTAINED_PER_S] : [INBOUND_PER_S]) {
      const inb = JSON.parse(await load(['inbound', String(port), member.cookie, w.accountId, token, SECRET, String(rate), String(SECONDS), NUMBERS.support])) as Inbound;
      rows.push(`| ${kind} | webhook's own answer at ${rate}/s | | ${inb.answerP50.toFixed(1)} | ${inb.answerP99.toFixed(1)} | ${inb.failures} |`);
      rows.push(`| ${kind} | webhook → agent's stream at ${rate}/s (sent ${inb.achieved.toFixed(0)}/s; ${inb.received} of ${inb.total} received) | | ${inb.p50.toFixed(1)} | ${inb.p99.toFixed(1)} | ${inb.failures} |`);
    }
  }

  await app.close();
  await providers.close();
  await events.close();
  await outbox.close();
  await database.close();
  await drop();
  return rows;
}

const rows = ['| database | scenario | requests/s | p50 ms | p99 ms | errors |', '|---|---|---:|---:|---:|---:|'];
const kinds = (await pgAvailable()) ? (['postgres', 'pglite'] as const) : (['pglite'] as const);
for (const kind of kinds.filter((k) => !process.env.BENCH_DB || k === process.env.BENCH_DB)) rows.push(...(await run(kind)));
console.log(`\nAPI benchmark: ${new Date().toISOString()}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}, ${SECONDS} s per scenario\n`);
console.log(rows.join('\n'));
