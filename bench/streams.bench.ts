// Live streams at contact-center scale: N agents' SSE streams held open over real HTTP by a
// load generator in another process, events committed at a set rate through the product's
// write path (appendEvent, then the events wake-up: a NOTIFY from this process, as another
// instance's commit would send), and four measures: commit → client latency (p50/p95/p99),
// delivery exactness (every stream gets exactly what it may see, once), memory per idle
// stream (server RSS and heap after a full collection) and server CPU per event with 100
// streams vs with 100 + thousands of other accounts' idle streams.
//   npx tsx bench/streams.bench.ts [--accounts 100] [--agents 100] [--rate 1000] [--seconds 20]
//                                  [--servers 1] [--cpu-rate 200] [--cpu-seconds 10]
// PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres); a
// database is created for the run and dropped after. Needs `ulimit -n` above the stream count
// in each process (the server and the load generator each hold one descriptor per stream).
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { execSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { eventRow } from '../src/app/record.js';
import { openDatabase, type SmsdeskDatabase } from '../src/db/open-database.js';
import { createWakeBus, EVENTS_CHANNEL, type WakeBus } from '../src/db/wake-bus.js';
import { hashSecret, newSecret } from '../src/platform/secret-token.js';
import type { BenchEvent, StreamSpec } from './load/streams-client.js';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const ACCOUNTS = arg('accounts', 100);
const AGENTS = arg('agents', 100);
const RATE = arg('rate', 1000);
const SECONDS = arg('seconds', 20);
const SERVERS = arg('servers', 1);
const CPU_RATE = arg('cpu-rate', 200);
const CPU_SECONDS = arg('cpu-seconds', 10);
const CLIENTS = arg('clients', 2);
const QUEUES = 5;
const ADMIN = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const here = path.dirname(new URL(import.meta.url).pathname);

async function admin(q: string): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN });
  await c.connect();
  try {
    await c.query(q);
  } finally {
    await c.end();
  }
}

/** A child on an IPC channel: ask(m) sends m with a sequence number and resolves with the reply. */
function child(script: string, env: Record<string, string>, execArgv: string[] = []) {
  const proc: ChildProcess = fork(path.join(here, 'load', script), [], { env: { ...process.env, ...env }, execArgv: ['--import', 'tsx', ...execArgv], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let seq = 0;
  const waiting = new Map<number, (m: Record<string, unknown>) => void>();
  const ready = new Promise<Record<string, unknown>>((resolve, reject) => {
    proc.once('exit', (c) => reject(new Error(`${script} exited (${c})`)));
    proc.on('message', (m: Record<string, unknown>) => {
      if (m.ready) resolve(m);
      else if (typeof m.seq === 'number') {
        waiting.get(m.seq)?.(m);
        waiting.delete(m.seq);
      }
    });
  });
  return {
    proc,
    ready,
    ask<T = Record<string, unknown>>(m: Record<string, unknown>): Promise<T> {
      const s = ++seq;
      return new Promise((resolve) => {
        waiting.set(s, resolve as (m: Record<string, unknown>) => void);
        proc.send({ ...m, seq: s });
      });
    },
  };
}

interface World {
  readonly accounts: string[];
  /** agents[a][i], queues[a][q]: ids. */
  readonly agents: string[][];
  readonly queues: string[][];
  readonly sids: string[][];
  /** The queues each agent is a member of (indexes). */
  readonly memberOf: (i: number) => number[];
}

async function seed(database: SmsdeskDatabase): Promise<World> {
  const db = database.db;
  // Every agent in one queue, every fourth in a second one: queues of 20 to 40 members.
  const memberOf = (i: number) => (i % 4 === 0 ? [i % QUEUES, (i + 1) % QUEUES] : [i % QUEUES]);
  const w: World = { accounts: [], agents: [], queues: [], sids: [], memberOf };
  for (let a = 0; a < ACCOUNTS; a++) {
    const accountId = randomUUID();
    w.accounts.push(accountId);
    await db.insertInto('accounts').values({ id: accountId, name: `Bench ${a}` }).execute();
    const agents = Array.from({ length: AGENTS }, () => randomUUID());
    const queues = Array.from({ length: QUEUES }, () => randomUUID());
    const sids = agents.map(() => newSecret());
    w.agents.push(agents);
    w.queues.push(queues);
    w.sids.push(sids);
    await db.insertInto('agents').values(agents.map((id, i) => ({ id, account_id: accountId, email: `a${a}-${i}@bench.example`, name: `Agent ${a}-${i}` }))).execute();
    await db.insertInto('queues').values(queues.map((id, q) => ({ id, account_id: accountId, name: `Queue ${q}` }))).execute();
    await db.insertInto('queue_members').values(agents.flatMap((id, i) => memberOf(i).map((q) => ({ queue_id: queues[q]!, agent_id: id })))).execute();
    // Sessions written as a login writes them, without 10,000 logins through the throttle.
    await db.insertInto('sessions').values(agents.map((id, i) => ({ id_hash: hashSecret(sids[i]!), account_id: accountId, agent_id: id, csrf_token: newSecret() }))).execute();
  }
  return w;
}

/**
 * Commits `rate` events per second for `seconds`: every 10 ms, the events due in one insert (as
 * the dispatcher and the webhooks record theirs in batches), rows built by the product's
 * eventRow, then the events wake-up. `t` is taken when the insert is sent, not when the event
 * was due: a writer that falls behind is reported as such, not counted as delivery latency.
 */
async function emit(database: SmsdeskDatabase, wake: WakeBus, w: World, run: string, rate: number, seconds: number, pick: (n: number) => BenchEvent): Promise<BenchEvent[]> {
  const written: BenchEvent[] = [];
  const total = Math.round(rate * seconds);
  const begin = performance.now();
  let failed = 0;
  for (let n = 0; n < total; ) {
    const wait = begin + (n * 1000) / rate - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const due = Math.min(total, Math.max(n + 1, Math.floor(((performance.now() - begin) * rate) / 1000) + 1));
    const batch: BenchEvent[] = [];
    for (; n < due; n++) batch.push(pick(n));
    const t = performance.timeOrigin + performance.now();
    const rows = batch.map((e) =>
      eventRow({
        accountId: w.accounts[e.account]!,
        agentId: e.agent >= 0 ? w.agents[e.account]![e.agent]! : null,
        queueId: e.queue >= 0 ? w.queues[e.account]![e.queue]! : null,
        type: e.agent >= 0 ? 'bench.agent' : e.queue >= 0 ? 'bench.queue' : 'bench.account',
        payload: { bench: run, n: e.n, t },
      }),
    );
    try {
      await database.db.insertInto('events').values(rows).execute();
      written.push(...batch);
      wake.wake();
    } catch {
      failed += batch.length;
    }
  }
  const took = (performance.now() - begin) / 1000;
  if (failed) console.log(`  ${failed} event inserts failed`);
  if (took > seconds * 1.1) console.log(`  the writer fell behind: ${total} events took ${took.toFixed(1)} s`);
  return written;
}

/** A third account-wide, a third to one of the account's queues, a third to one agent. */
function mixed(accounts: number, salt: number) {
  return (n: number): BenchEvent => {
    const x = (n * 2654435761 + salt) >>> 0;
    const account = x % accounts;
    const kind = n % 3;
    return { n, account, agent: kind === 2 ? (x >>> 8) % AGENTS : -1, queue: kind === 1 ? (x >>> 8) % QUEUES : -1 };
  };
}

type Mem = { rss: number; heapUsed: number; external: number; connections: number };
type Cpu = { user: number; system: number; delivered: number };
type Check = { expected: number; delivered: number; missing: number; extra: number; duplicates: number; ended: number; cpuMs: number; latencies: number[] };

function pct(sorted: readonly number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

const fmt = (ms: number) => (Number.isFinite(ms) ? ms.toFixed(1) : '-');
const kb = (b: number) => (b / 1024).toFixed(1);

async function main(): Promise<void> {
  const name = `smsdesk_bench_${randomBytes(4).toString('hex')}`;
  await admin(`create database ${name}`);
  const url = new URL(ADMIN);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 10 });
  const wake = createWakeBus(database, EVENTS_CHANNEL);
  const servers: ReturnType<typeof child>[] = [];
  const clients: ReturnType<typeof child>[] = [];
  try {
    const t0 = performance.now();
    const w = await seed(database);
    console.log(`seeded ${ACCOUNTS} accounts x ${AGENTS} agents in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const env = { DATABASE_URL: url.toString(), HOST: '127.0.0.1', PORT: '0', SMSDESK_DEMO: 'false', LOG_LEVEL: 'warn' };
    for (let s = 0; s < SERVERS; s++) servers.push(child('streams-server.ts', env, ['--expose-gc']));
    const ports = (await Promise.all(servers.map((s) => s.ready))).map((r) => Number(new URL(String(r.url)).port));
    for (let k = 0; k < CLIENTS; k++) clients.push(child('streams-client.ts', {}));
    await Promise.all(clients.map((c) => c.ready));
    let turn = 0;
    // Streams spread over the servers by agent, as a balancer would spread them.
    const spec = (a: number, i: number): StreamSpec => ({ port: ports[(a * AGENTS + i) % ports.length]!, sid: w.sids[a]![i]!, account: a, agent: i, queues: w.memberOf(i) });
    const mem = () => Promise.all(servers.map((s) => s.ask<Mem>({ ask: 'mem' })));
    const cpu = () => Promise.all(servers.map((s) => s.ask<Cpu>({ ask: 'cpu' })));
    const cpuMs = (a: Cpu[], b: Cpu[]) => b.reduce((t, x, k) => t + (x.user + x.system - a[k]!.user - a[k]!.system) / 1000, 0);
    const sum = (m: Mem[], k: 'rss' | 'heapUsed' | 'external') => m.reduce((t, x) => t + x[k], 0);

    const open = async (list: StreamSpec[]) => {
      const parts: StreamSpec[][] = clients.map(() => []);
      for (const s of list) parts[turn++ % clients.length]!.push(s);
      const all = await Promise.all(clients.map((c, k) => c.ask<{ opened: number; failed: number; ms: number }>({ ask: 'open', streams: parts[k], concurrency: 50 })));
      const r = { opened: all.reduce((t, x) => t + x.opened, 0), failed: all.reduce((t, x) => t + x.failed, 0), ms: Math.max(...all.map((x) => x.ms)) };
      console.log(`  opened ${r.opened} streams (${r.failed} failed) in ${(r.ms / 1000).toFixed(1)} s`);
      return r;
    };
    const measureRun = async (label: string, rate: number, seconds: number, pick: (n: number) => BenchEvent) => {
      const run = randomBytes(4).toString('hex');
      await Promise.all(clients.map((c) => c.ask({ ask: 'reset', run })));
      const before = await cpu();
      const events = await emit(database, wake, w, run, rate, seconds, pick);
      // Until nothing more arrives for 3 s (the slow poll is 1 s), at most 60 s: what is still
      // missing then is lost, not late.
      const drainStart = performance.now();
      let last = -1;
      let still = 0;
      while (still < 3 && performance.now() - drainStart < 60_000) {
        await new Promise((r) => setTimeout(r, 1000));
        const n = (await Promise.all(clients.map((c) => c.ask<{ delivered: number }>({ ask: 'count' })))).reduce((t, x) => t + x.delivered, 0);
        still = n === last ? still + 1 : 0;
        last = n;
      }
      const drained = (performance.now() - drainStart) / 1000 - 3;
      const after = await cpu();
      const parts = await Promise.all(clients.map((c) => c.ask<Check>({ ask: 'check', events })));
      const lat = parts.flatMap((p) => p.latencies).sort((a, b) => a - b);
      const add = (k: 'expected' | 'delivered' | 'missing' | 'extra' | 'duplicates' | 'ended') => parts.reduce((t, p) => t + p[k], 0);
      const check = { expected: add('expected'), delivered: add('delivered'), missing: add('missing'), extra: add('extra'), duplicates: add('duplicates'), ended: add('ended'), p50: pct(lat, 50), p95: pct(lat, 95), p99: pct(lat, 99), max: lat.at(-1) ?? NaN };
      const ms = cpuMs(before, after);
      const clientMs = parts.reduce((t, p) => t + p.cpuMs, 0);
      console.log(`${label}: ${events.length} events, last delivery ${Math.max(0, drained).toFixed(0)} s after the last commit, delivered ${check.delivered}/${check.expected} expected (missing ${check.missing}, extra ${check.extra}, duplicates ${check.duplicates}); latency p50 ${fmt(check.p50)} p95 ${fmt(check.p95)} p99 ${fmt(check.p99)} max ${fmt(check.max)} ms; server CPU ${ms.toFixed(0)} ms = ${((ms * 1000) / events.length).toFixed(0)} µs/event; load generators' CPU so far ${(clientMs / 1000).toFixed(1)} s`);
      return { events: events.length, check, cpuMs: ms };
    };
    const idleCpu = async (seconds: number) => {
      const a = await cpu();
      await new Promise((r) => setTimeout(r, seconds * 1000));
      return cpuMs(a, await cpu());
    };

    console.log(`machine: nproc ${os.cpus().length}, ${os.cpus()[0]?.model}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    try {
      console.log(`PostgreSQL: ${execSync(`psql "${ADMIN}" -Atc "show server_version"`, { encoding: 'utf8' }).trim()}`);
    } catch {
      // psql missing: the version is in the bench notes
    }
    const m0 = await mem();
    // 1. The 100 streams of account 0 alone: CPU per event for that account's events.
    await open(Array.from({ length: AGENTS }, (_, i) => spec(0, i)));
    const idleSmall = await idleCpu(CPU_SECONDS);
    const small = await measureRun(`account 0 alone (${AGENTS} streams)`, CPU_RATE, CPU_SECONDS, mixed(1, 7));
    const m1 = await mem();
    // 2. Every other account's streams: memory per idle stream.
    const rest: StreamSpec[] = [];
    for (let a = 1; a < ACCOUNTS; a++) for (let i = 0; i < AGENTS; i++) rest.push(spec(a, i));
    await open(rest);
    await new Promise((r) => setTimeout(r, 3000));
    const m2 = await mem();
    const added = rest.length;
    console.log(`memory: ${m2.map((m) => m.connections).join('+')} streams; per idle stream RSS ${kb((sum(m2, 'rss') - sum(m1, 'rss')) / added)} KB, heap ${kb((sum(m2, 'heapUsed') - sum(m1, 'heapUsed')) / added)} KB, external ${kb((sum(m2, 'external') - sum(m1, 'external')) / added)} KB (server RSS ${(sum(m0, 'rss') / 2 ** 20).toFixed(0)} MB idle, ${(sum(m2, 'rss') / 2 ** 20).toFixed(0)} MB with streams)`);
    // 3. The same events of account 0 with every other account's streams connected.
    const idleLarge = await idleCpu(CPU_SECONDS);
    const large = await measureRun(`account 0 with ${added} other accounts' streams`, CPU_RATE, CPU_SECONDS, mixed(1, 7));
    console.log(`idle server CPU over ${CPU_SECONDS} s (heartbeats and re-checks): ${idleSmall.toFixed(0)} ms with ${AGENTS} streams, ${idleLarge.toFixed(0)} ms with ${AGENTS + added}`);
    const net = (r: { cpuMs: number; events: number }, idle: number) => (((r.cpuMs - idle) * 1000) / r.events).toFixed(0);
    console.log(`CPU per event net of idle: ${net(small, idleSmall)} µs with ${AGENTS} streams, ${net(large, idleLarge)} µs with ${AGENTS + added}`);
    // 4. The full mix over every account.
    await measureRun(`mixed over ${ACCOUNTS} accounts, ${RATE}/s for ${SECONDS} s`, RATE, SECONDS, mixed(ACCOUNTS, 13));
  } finally {
    await Promise.all(clients.map((c) => c.ask({ ask: 'close' }).catch(() => undefined)));
    await Promise.all(
      servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            if (s.proc.exitCode !== null) return resolve();
            s.proc.once('exit', () => resolve());
            s.proc.send({ ask: 'stop', seq: 0 });
            setTimeout(() => (s.proc.kill('SIGKILL'), resolve()), 15_000).unref();
          }),
      ),
    );
    await wake.close();
    await database.close();
    await admin(`drop database if exists ${name} with (force)`);
  }
}

await main();
process.exit(0);
