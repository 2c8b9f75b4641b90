// The first commands a newcomer types, run as they would run them: `smsdesk analyze` with
// nothing to analyse, and `npm start` at a terminal (through a pseudo-terminal, so standard
// output is a TTY as it is for a person).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirLockedError } from '../../src/db/lock-file.js';
import { openDatabase } from '../../src/db/open-database.js';
import { hashPassword } from '../../src/platform/password.js';
import { DEMO_LOGINS } from '../../src/main/demo-seed.js';
import { createTestLocation, type TestDatabaseLocation } from './harness.js';

const BIN = path.resolve('bin/smsdesk.js');
const run = (args: string[], input?: string) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000, ...(input !== undefined ? { input } : {}) });

describe('smsdesk analyze', () => {
  it('with no text prints its usage on standard error and exits 2', () => {
    const r = run(['analyze'], '');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^Usage: smsdesk analyze/);
    expect(r.stdout).toBe('');
  });

  it('counts a text given as arguments, or each line of standard input with "-"', () => {
    const r = run(['analyze', 'Hello', 'there']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/GSM-7/);
    const piped = run(['analyze', '-'], 'first\nçà va ✓\n');
    expect(piped.status).toBe(0);
    expect(piped.stdout).toMatch(/GSM-7[\s\S]*UCS-2/);
  });
});

describe('npm start at a terminal', () => {
  let location: TestDatabaseLocation;
  beforeAll(async () => {
    location = await createTestLocation({ fileBacked: true });
  });
  afterAll(async () => {
    await location?.dispose();
  });

  /** Starts `smsdesk serve` on a pseudo-terminal, returns its output up to the end of the greeting, then stops it. */
  async function startOutput(): Promise<string[]> {
    const env = {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      SMSDESK_DEMO: 'true',
      LOG_LEVEL: 'info',
      ...(location.options.url ? { DATABASE_URL: location.options.url } : { DATA_DIR: location.options.dataDir }),
    };
    const child = spawn('script', ['-qefc', `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} serve`, '/dev/null'], { env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    try {
      const deadline = Date.now() + 90_000;
      // The greeting ends with the demo logins (or the note that they are not shown) and a blank line.
      while (!/smsdesk is running[\s\S]*(password|not shown)[^\n]*\r?\n\r?\n/.test(out)) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no greeting; output so far:\n${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      await new Promise((r) => setTimeout(r, 300)); // a log line written just after it
    } finally {
      process.kill(-child.pid!, 'SIGINT');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
    }
    return out.split(/\r?\n/);
  }

  /** `script` can exit before the server it ran has closed the embedded database: wait for the folder to be free. */
  async function openWhenFree() {
    const deadline = Date.now() + 15_000;
    for (;;) {
      try {
        return await openDatabase({ url: location.options.url, dataDir: location.options.dataDir });
      } catch (e) {
        if (!(e instanceof DataDirLockedError) || Date.now() > deadline) throw e;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  it('prints no JSON line among its friendly output, and the demo passwords only while they are the demo’s', async () => {
    const first = await startOutput();
    expect(first.filter((l) => l.trimStart().startsWith('{'))).toEqual([]);
    expect(first.some((l) => /INFO\s+smsdesk started/.test(l))).toBe(true);
    for (const l of DEMO_LOGINS) expect(first.join('\n')).toContain(`password ${l.password}`);

    // The administrator changes Alice's password: the next start does not announce the old one.
    const database = await openWhenFree();
    try {
      await database.db.updateTable('agents').set({ password_hash: await hashPassword('a new secret of Alice') }).where('email', '=', DEMO_LOGINS[0]!.email).execute();
    } finally {
      await database.close();
    }
    const second = (await startOutput()).join('\n');
    expect(second).not.toContain(DEMO_LOGINS[0]!.password);
    expect(second).toContain(`password ${DEMO_LOGINS[1]!.password}`);
    expect(second).toContain('1 demo login no longer has the demo password');
  }, 240_000);
});
