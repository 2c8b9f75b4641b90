#!/usr/bin/env node
// The one test command: lint, type-check, then every test tier that can run here.
// A tier whose service is missing is skipped with a plain explanation on a developer's
// machine, and fails the run in CI (CI=true), where every tier must run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const root = path.resolve(new URL('..', import.meta.url).pathname);
const resultsDir = path.join(root, '.test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

// `npm test -- --tiers=unit,integration` runs some tiers only (CI runs the unit and
// integration tiers again on the second supported Node line); the default is every tier.
const TIERS = ['checks', 'unit', 'integration', 'browser'];
const tiersArg = process.argv.find((a) => a.startsWith('--tiers='));
const tiers = new Set(tiersArg ? tiersArg.slice('--tiers='.length).split(',').filter(Boolean) : TIERS);
for (const t of tiers) {
  if (!TIERS.includes(t)) {
    console.error(`Unknown tier "${t}": choose among ${TIERS.join(', ')}.`);
    process.exit(2);
  }
}
console.log(`Node ${process.version}; tiers: ${[...tiers].join(', ')}`);

const totals = { passed: 0, failed: 0, skipped: 0 };
const skippedTiers = [];
let failedSteps = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } });
  if (r.status !== 0) failedSteps.push(label);
  return r.status === 0;
}

function vitest(label, project, env = {}, config = null) {
  const out = path.join(resultsDir, `${label.replace(/\W+/g, '-')}.json`);
  const select = config ? ['--config', config] : ['--project', project];
  const ok = run(label, 'npx', ['vitest', 'run', ...select, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], env);
  if (existsSync(out)) {
    const j = JSON.parse(readFileSync(out, 'utf8'));
    totals.passed += j.numPassedTests ?? 0;
    totals.failed += j.numFailedTests ?? 0;
    totals.skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
    if ((j.numTotalTests ?? 0) === 0) failedSteps.push(`${label} (ran no test)`);
  } else if (ok) {
    failedSteps.push(`${label} (no results written)`);
  }
}

function canConnect(host, port) {
  return new Promise((resolve) => {
    const s = net.connect({ host, port, timeout: 1500 });
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
    s.once('timeout', () => { s.destroy(); resolve(false); });
  });
}

function skipOrFail(tier, why, how) {
  if (ci) {
    console.error(`\n!!! ${tier}: ${why}. CI must run every tier.`);
    failedSteps.push(`${tier} (not available in CI)`);
  } else {
    console.log(`\n--- SKIPPED ${tier}: ${why}. To enable: ${how}`);
    skippedTiers.push(tier);
  }
}

if (tiers.has('checks')) {
  run('lint', 'npx', ['eslint', '.']);
  run('type-check', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
  run('imports follow the layers, without cycles', 'node', ['scripts/check-imports.mjs']);
  run('type-check (domain, browser-safe)', 'npx', ['tsc', '-p', 'src/domain/tsconfig.json', '--noEmit']);
  if (existsSync(path.join(root, 'web/tsconfig.json'))) run('type-check (Banner)', 'npx', ['tsc', '-p', 'web/tsconfig.json', '--noEmit']);
}
if (tiers.has('unit')) {
  vitest('unit tests', 'unit');
  if (existsSync(path.join(root, 'web/vitest.config.ts'))) vitest('Banner unit tests', null, {}, 'web/vitest.config.ts');
}

const hasIntegration = existsSync(path.join(root, 'test/integration')) &&
  spawnSync('sh', ['-c', 'ls test/integration/*.test.ts >/dev/null 2>&1'], { cwd: root }).status === 0;
if (hasIntegration && tiers.has('integration')) {
  // The `smsdesk` commands the tests start run the compiled server (dist/): compile it once here
  // rather than inside the first test that needs it.
  run('build the server', 'node', ['scripts/server-build.mjs', '--if-stale']);
  vitest('integration tests on PGlite (embedded)', 'integration', { SMSDESK_TEST_DB: 'pglite' });
  const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const u = new URL(pgUrl);
  if (await canConnect(u.hostname, Number(u.port || 5432))) {
    vitest('integration tests on PostgreSQL', 'integration', { SMSDESK_TEST_DB: 'postgres', TEST_DATABASE_URL: pgUrl });
  } else {
    skipOrFail('integration tests on PostgreSQL', `no PostgreSQL answers at ${u.host}`,
      'start PostgreSQL (trust auth for user postgres) or set TEST_DATABASE_URL');
  }
}

if (existsSync(path.join(root, 'test/e2e/vitest.config.ts')) && tiers.has('browser')) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(chromium)) {
    if (run('build the Banner', 'npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'])) {
      vitest('browser tests (Chromium)', null, {}, 'test/e2e/vitest.config.ts');
    }
  } else {
    skipOrFail('browser tests', `no Chromium at ${chromium}`, 'apt-get install -y chromium (Debian) or set CHROMIUM_PATH');
  }
}

console.log('\n=== summary ===');
if (skippedTiers.length) console.log(`skipped tiers: ${skippedTiers.join('; ')}`);
if (failedSteps.length) console.log(`failed steps: ${failedSteps.join('; ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length ? 1 : 0);
