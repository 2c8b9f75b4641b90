// The server and the CLI compiled to dist/ (tsconfig.build.json). `npm run build` calls this
// file; the `smsdesk` launcher (bin/smsdesk.js, so `npm start` too) calls ensureServerBuilt, so
// a fresh clone or a checkout whose sources changed is compiled before it runs, as the Banner is.
//   node scripts/server-build.mjs             build now; fails on a type error
//   node scripts/server-build.mjs --if-stale  build only when missing or older than the sources
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What dist/ is compiled from, besides src/ (its .ts files, test files aside). */
const CONFIG_FILES = ['tsconfig.json', 'tsconfig.build.json'];
/** Written last, with the time the build started: a source saved during a build counts as newer. */
export const STAMP = '.built';
const LOCK = '.dist-lock';
/** A lock older than this was left by a build that died. */
const LOCK_STALE_MS = 5 * 60_000;

function newestSource(dir) {
  if (!existsSync(dir)) return 0;
  // A directory's own time changes when a file is added or removed: a deleted module counts too.
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * 'fresh', 'stale' or 'missing'. A deployment that ships dist/ without src/ is fresh by
 * definition: there is nothing to compare with.
 * @param {string} root
 * @returns {'fresh' | 'stale' | 'missing'}
 */
export function serverBuildState(root) {
  const stamp = path.join(root, 'dist', STAMP);
  if (!existsSync(stamp) || !existsSync(path.join(root, 'dist/main/cli.js'))) return 'missing';
  if (!existsSync(path.join(root, 'src'))) return 'fresh';
  const built = statSync(stamp).mtimeMs;
  const newest = Math.max(newestSource(path.join(root, 'src')), ...CONFIG_FILES.map((f) => (existsSync(path.join(root, f)) ? statSync(path.join(root, f)).mtimeMs : 0)));
  return newest > built ? 'stale' : 'fresh';
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** One build at a time per checkout (several `smsdesk` commands may start at once); false when another build finished meanwhile. */
function takeLock(root) {
  const lock = path.join(root, LOCK);
  const deadline = Date.now() + LOCK_STALE_MS;
  for (;;) {
    try {
      mkdirSync(lock);
      return true;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    let age = 0;
    try {
      age = Date.now() - statSync(lock).mtimeMs;
    } catch {
      continue; // released between the two calls
    }
    if (age > LOCK_STALE_MS || Date.now() > deadline) {
      rmSync(lock, { recursive: true, force: true });
      continue;
    }
    sleep(200);
    if (!existsSync(lock) && serverBuildState(root) === 'fresh') return false;
  }
}

/**
 * Compiles src/ into dist/ through a directory of its own, then swaps it in, so a process
 * starting meanwhile never loads half a build.
 * @param {string} root
 * @param {{ strict?: boolean, say?: (line: string) => void }} [options]
 *   strict: a type error fails the build (`npm run build`); otherwise the JavaScript is used
 *   anyway, as running the sources through a loader would, and the errors are shown.
 * @returns {boolean} whether dist/ now holds a build
 */
export function buildServer(root, { strict = true, say = (line) => console.error(line) } = {}) {
  const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
  if (!existsSync(tsc)) {
    say('TypeScript is not installed here (a production install omits it): run `npm ci && npm run build` where it is, then ship dist/.');
    return false;
  }
  if (!takeLock(root)) return true;
  const next = path.join(root, `.dist-${process.pid}`);
  const started = new Date();
  try {
    rmSync(next, { recursive: true, force: true });
    // The compiler's messages go to standard error: a command's own output (an export) stays clean.
    const r = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--outDir', next, '--pretty', 'false'], { cwd: root, stdio: ['ignore', 2, 2] });
    // 2: emitted despite type errors; anything else without output is a failure.
    const emitted = r.status === 0 || (r.status === 2 && existsSync(path.join(next, 'main/cli.js')));
    if (!emitted || (strict && r.status !== 0)) {
      say(r.status === 2 ? 'The server does not type-check (see above): not built.' : 'Compiling the server failed (see above).');
      rmSync(next, { recursive: true, force: true });
      return false;
    }
    if (r.status === 2) say('The server has type errors (see above): running what was compiled anyway.');
    writeFileSync(path.join(next, STAMP), `${started.toISOString()}\n`);
    utimesSync(path.join(next, STAMP), started, started);
    const old = path.join(root, `.dist-old-${process.pid}`);
    const dist = path.join(root, 'dist');
    if (existsSync(dist)) renameSync(dist, old);
    renameSync(next, dist);
    rmSync(old, { recursive: true, force: true });
    return true;
  } finally {
    rmSync(next, { recursive: true, force: true });
    rmSync(path.join(root, LOCK), { recursive: true, force: true });
  }
}

/**
 * Builds when dist/ is missing or older than the sources. Returns whether a build is there to run.
 * @param {string} root
 * @param {(line: string) => void} say
 */
export function ensureServerBuilt(root, say) {
  const state = serverBuildState(root);
  if (state === 'fresh') return true;
  say(state === 'missing' ? 'Compiling the server (first start, a few seconds)...' : 'The server changed since it was compiled: compiling it again...');
  if (buildServer(root, { strict: false, say })) return true;
  if (state === 'stale') {
    say('Running the previous build.');
    return true;
  }
  return false;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const ok = process.argv.includes('--if-stale') ? ensureServerBuilt(root, (line) => console.error(line)) : buildServer(root, { strict: true });
  process.exit(ok ? 0 : 1);
}
