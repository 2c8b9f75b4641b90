// Cold start to /readyz: from spawning the process to the first 200 from /readyz, the sources run
// through tsx (what `npm start` ran before the build, and what `npm run dev` runs) against the
// compiled output run by the launcher (what `npm start` runs now), alternately, so that the
// machine's other load weighs on both. Each start is a new process on an already migrated
// database; the builds (server and Banner) are made fresh first and are not measured.
//   BENCH_ROUNDS (default 7), BENCH_DB=postgres|pglite|both (default both)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ensureServerBuilt } from '../scripts/server-build.mjs';
import { webBuildState } from '../src/main/web-build.js';

const root = path.resolve(import.meta.dirname, '..');
const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
const which = process.env.BENCH_DB ?? 'both';
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const VARIANTS = {
  'tsx (sources)': [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'src/main/cli.ts'), 'serve'],
  'compiled (dist/)': [path.join(root, 'bin/smsdesk.js'), 'serve'],
} as const;
type Variant = keyof typeof VARIANTS;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Milliseconds from spawn to the first 200 from /readyz; the process is stopped afterwards. */
async function coldStart(variant: Variant, dbEnv: Record<string, string>): Promise<number> {
  const port = await freePort();
  const env = { ...process.env, ...dbEnv, PORT: String(port), HOST: '127.0.0.1', SMSDESK_DEMO: 'false', LOG_LEVEL: 'warn' };
  const t0 = performance.now();
  const child = spawn(process.execPath, [...VARIANTS[variant]], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${variant} exited:\n${out}`);
      if (performance.now() - t0 > 120_000) throw new Error(`${variant} not ready after 120 s:\n${out}`);
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status === 200, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    const ms = performance.now() - t0;
    if (/Building the Banner|compiling/i.test(out)) throw new Error(`${variant} built something during a measured start: rerun`);
    return ms;
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, min: s[0]!, max: s[s.length - 1]! };
};

async function measure(label: string, dbEnv: Record<string, string>): Promise<void> {
  // One unmeasured start of each: migrations applied, files in the page cache.
  for (const v of Object.keys(VARIANTS) as Variant[]) await coldStart(v, dbEnv);
  const times: Record<Variant, number[]> = { 'tsx (sources)': [], 'compiled (dist/)': [] };
  for (let i = 0; i < rounds; i++) {
    // Alternate which goes first, so neither always follows the other.
    const order: Variant[] = i % 2 === 0 ? ['tsx (sources)', 'compiled (dist/)'] : ['compiled (dist/)', 'tsx (sources)'];
    for (const v of order) times[v].push(await coldStart(v, dbEnv));
  }
  console.log(`\n${label}, ${rounds} starts each (ms from spawn to /readyz 200)`);
  console.log('| run by | median | min | max | each |');
  console.log('|---|---|---|---|---|');
  for (const v of Object.keys(VARIANTS) as Variant[]) {
    const s = stats(times[v]);
    console.log(`| ${v} | ${s.median.toFixed(0)} | ${s.min.toFixed(0)} | ${s.max.toFixed(0)} | ${times[v].map((t) => t.toFixed(0)).join(', ')} |`);
  }
  const ratio = stats(times['compiled (dist/)']).median / stats(times['tsx (sources)']).median;
  console.log(`compiled / tsx (medians): ${ratio.toFixed(2)}`);
}

console.log(`Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), ${new Date().toISOString()}`);
if (!ensureServerBuilt(root, (l) => console.log(l))) throw new Error('the server could not be compiled');
if (webBuildState(root) !== 'fresh') spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });

if (which === 'both' || which === 'postgres') {
  const name = `smsdesk_bench_startup_${process.pid}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  try {
    const u = new URL(ADMIN_URL);
    u.pathname = `/${name}`;
    await measure('PostgreSQL', { DATABASE_URL: u.toString() });
  } finally {
    await admin.query(`drop database ${name} with (force)`);
    await admin.end();
  }
}
if (which === 'both' || which === 'pglite') {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'smsdesk-bench-startup-'));
  try {
    await measure('Embedded PGlite (a folder on disk)', { DATA_DIR: dataDir });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
