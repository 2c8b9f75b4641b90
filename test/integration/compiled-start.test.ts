// The compiled server, as `npm start` runs it: `smsdesk serve` through bin/smsdesk.js, which runs
// dist/ (compiling it first when it is missing or older than the sources), answers /readyz.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureServerBuilt, serverBuildState, STAMP } from '../../scripts/server-build.mjs';
import { createTestLocation, type TestDatabaseLocation } from './harness.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('the build state', () => {
  let root: string;
  const at = (file: string, seconds: number) => {
    const p = path.join(root, file);
    mkdirSync(path.dirname(p), { recursive: true });
    if (!existsSync(p)) writeFileSync(p, '');
    utimesSync(p, seconds, seconds);
  };
  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'smsdesk-build-state-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is missing without a stamp, fresh after a build, stale once a source or the compiler settings change', () => {
    at('src/main/cli.ts', 1000);
    at('src/http/server.ts', 1000);
    at('tsconfig.json', 1000);
    for (const d of ['src/main', 'src/http', 'src']) utimesSync(path.join(root, d), 1000, 1000);
    expect(serverBuildState(root)).toBe('missing');
    at('dist/main/cli.js', 2000);
    at(`dist/${STAMP}`, 2000);
    expect(serverBuildState(root)).toBe('fresh');

    // A test file does not make the build stale: it is not compiled.
    at('src/http/server.test.ts', 3000);
    utimesSync(path.join(root, 'src/http'), 1000, 1000);
    expect(serverBuildState(root)).toBe('fresh');

    at('src/http/server.ts', 3000);
    expect(serverBuildState(root)).toBe('stale');
    at('src/http/server.ts', 1000);
    at('tsconfig.json', 3000);
    expect(serverBuildState(root)).toBe('stale');
    at('tsconfig.json', 1000);
    // A removed module changes its folder's time.
    utimesSync(path.join(root, 'src/main'), 3000, 3000);
    expect(serverBuildState(root)).toBe('stale');

    // A deployment that ships dist/ without the sources runs what it has.
    rmSync(path.join(root, 'src'), { recursive: true });
    expect(serverBuildState(root)).toBe('fresh');
    rmSync(path.join(root, 'dist', STAMP));
    expect(serverBuildState(root)).toBe('missing');
  });
});

describe('smsdesk serve from the compiled output', () => {
  let location: TestDatabaseLocation;
  beforeAll(async () => {
    // What the launcher does before running dist/ (compiles only when the sources are newer).
    expect(ensureServerBuilt(ROOT, () => {})).toBe(true);
    location = await createTestLocation({ fileBacked: true });
  }, 180_000);
  afterAll(async () => {
    await location?.dispose();
  });

  it('is in dist/ with source maps, starts, and answers /readyz', async () => {
    expect(serverBuildState(ROOT)).not.toBe('missing');
    expect(existsSync(path.join(ROOT, 'dist/main/cli.js.map'))).toBe(true);
    expect(existsSync(path.join(ROOT, 'dist/db/migrations/0001-initial.js'))).toBe(true);

    const env = {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      SMSDESK_DEMO: 'false',
      LOG_LEVEL: 'warn',
      ...(location.options.url ? { DATABASE_URL: location.options.url } : { DATA_DIR: location.options.dataDir }),
    };
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/smsdesk.js'), 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 120_000;
      let url: string | undefined;
      while (!(url = /Banner: (http:\/\/\S+?)\/\s/.exec(out)?.[1])) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the server did not start; output so far:\n${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      // The migrations it ran (compiled modules too) leave the schema current.
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready' });
      // Files found from dist/ as from src/: the Banner (web/dist, when built) and the API reference's own.
      const banner = await fetch(`${url}/`);
      if (existsSync(path.join(ROOT, 'web/dist/index.html'))) expect(banner.headers.get('content-type')).toMatch(/^text\/html/);
      await banner.arrayBuffer();
      const css = await fetch(`${url}/api/docs/static/swagger-ui.css`);
      expect(css.status).toBe(200);
      await css.arrayBuffer();
    } finally {
      child.kill('SIGTERM');
    }
    expect(await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), 15_000))])).toBe(0);
  }, 180_000);
});
