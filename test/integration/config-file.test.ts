// The declarative configuration file on a real database: apply creates, a second apply and an
// export's re-apply change nothing, a change applies exactly itself, a bad file writes nothing.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyConfigFile, type ApplyOptions } from '../../src/config-file/apply.js';
import { exportConfigFile } from '../../src/config-file/export.js';
import { ConfigFileError } from '../../src/config-file/issues.js';
import { readAccountState } from '../../src/config-file/state.js';
import { verifyPassword } from '../../src/platform/password.js';
import { isEncryptedSecret } from '../../src/providers/secrets.js';
import { createTestLocation, openTestDatabase, type TestDatabase } from './harness.js';

const KEY = 'a passphrase of the test suite';

const FILE = `
account:
  name: Acme Support
provider:
  type: vonage
  settings:
    apiKey: acme-key
    apiSecret: acme-secret-0123456789
numbers:
  - address: "+33757000101"
  - address: ACME
    sendRatePerSecond: 30
templates:
  - name: Callback
    body: Hello $firstname, we will call you back.
profiles:
  - name: Agents
    permissions: { messaging: true, direct: true, smart: true }
    maxInteractions: 3
    authorizedCountries: [FR, BE]
    numbers: [ACME]
    templates: [Callback]
queues:
  - name: Support
    number: "+33757000101"
    templates: [Callback]
    members: [ann@acme.test]
agents:
  - email: ann@acme.test
    name: Ann
    profile: Agents
  - email: boss@acme.test
    name: Boss
    role: admin
`;

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

const apply = (accountId: string, text: string, o: Partial<ApplyOptions> = {}) => applyConfigFile(t.db, { accountId, text, secretKey: KEY, ...o });
const snapshot = async (accountId: string) => JSON.stringify(await readAccountState(t.db, accountId));

async function issuesOf(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ConfigFileError) return e.issues.map((i) => `${i.path}: ${i.message}`);
    throw e;
  }
  throw new Error('expected a ConfigFileError');
}

describe('config apply and export', () => {
  it('creates everything on a new account, then a second apply changes nothing', async () => {
    const first = await apply('acme', FILE);
    expect(first.changes).toEqual([
      'create account "acme"',
      'create provider "vonage"',
      'create numbers "+33757000101"',
      'create numbers "ACME"',
      'create templates "Callback"',
      'create profiles "Agents"',
      'create agents "ann@acme.test"',
      'create agents "boss@acme.test"',
      'create queues "Support"',
    ]);
    const s = await readAccountState(t.db, 'acme');
    expect(s.account?.name).toBe('Acme Support');
    expect(isEncryptedSecret(s.account?.providerConfig.apiSecret)).toBe(true);
    expect(s.account?.providerConfig.apiKey).toBe('acme-key');
    expect(s.numbers.find((n) => n.address === 'ACME')?.sendRatePerSecond).toBe(30);
    const profile = s.profiles[0]!;
    expect(profile).toMatchObject({ name: 'Agents', messaging: true, direct: true, smart: true, maxInteractions: 3, authorizedCountries: ['FR', 'BE'] });
    expect(profile.numberIds).toEqual([s.numbers.find((n) => n.address === 'ACME')!.id]);
    const ann = s.agents.find((a) => a.email === 'ann@acme.test')!;
    expect(ann).toMatchObject({ role: 'agent', profileId: profile.id, disabled: false });
    expect(s.queues[0]).toMatchObject({ name: 'Support', memberIds: [ann.id], templateIds: [s.templates[0]!.id] });
    expect(first.logins.map((l) => l.email)).toEqual(['ann@acme.test', 'boss@acme.test']);
    const row = await t.db.selectFrom('agents').select('password_hash').where('email', '=', 'ann@acme.test').executeTakeFirstOrThrow();
    expect(await verifyPassword(first.logins[0]!.password, row.password_hash)).toBe(true);

    const before = await snapshot('acme');
    const second = await apply('acme', FILE);
    expect(second).toEqual({ changes: [], written: false, logins: [] });
    expect(await snapshot('acme')).toBe(before);
    const hashAfter = await t.db.selectFrom('agents').select('password_hash').where('email', '=', 'ann@acme.test').executeTakeFirstOrThrow();
    expect(hashAfter.password_hash).toBe(row.password_hash);
  });

  it('export then apply is a no-op, secrets redacted in the export and kept by the apply', async () => {
    const text = await exportConfigFile(t.db, 'acme');
    expect(text).not.toContain('acme-secret');
    expect(text).toContain('apiSecret: •••• (encrypted)');
    const before = await snapshot('acme');
    expect((await apply('acme', text)).changes).toEqual([]);
    expect(await snapshot('acme')).toBe(before);
  });

  it('applies exactly what changed: a new template, a changed profile', async () => {
    const changed = FILE.replace('    maxInteractions: 3\n', '    maxInteractions: 5\n')
      .replace('    templates: [Callback]\nqueues', '    templates: [Callback, Closing]\nqueues')
      .replace('profiles:\n', '  - name: Closing\n    body: Thanks, this conversation is closed.\nprofiles:\n');
    const dry = await apply('acme', changed, { dryRun: true });
    const expected = ['create templates "Closing"', 'update profiles "Agents": maxInteractions, templates'];
    expect(dry.changes).toEqual(expected);
    expect(dry.written).toBe(false);
    expect((await readAccountState(t.db, 'acme')).templates.map((x) => x.name)).toEqual(['Callback']);

    const real = await apply('acme', changed);
    expect(real.changes).toEqual(expected);
    const s = await readAccountState(t.db, 'acme');
    expect(s.profiles[0]!.maxInteractions).toBe(5);
    expect(s.profiles[0]!.templateIds).toHaveLength(2);
    expect((await apply('acme', changed)).changes).toEqual([]);
  });

  it('a new secret replaces the stored one, sealed', async () => {
    const r = await apply('acme', FILE.replace('acme-secret-0123456789', 'rotated-secret-9876543210'));
    expect(r.changes).toContain('update provider "vonage": settings.apiSecret');
    const s = await readAccountState(t.db, 'acme');
    expect(isEncryptedSecret(s.account?.providerConfig.apiSecret)).toBe(true);
  });

  it('a partial file changes only its items; references may name what the account already has', async () => {
    const before = await readAccountState(t.db, 'acme');
    const partial = `
queues:
  - name: Escalations
    number: ACME
    members: [ann@acme.test, boss@acme.test]
`;
    expect((await apply('acme', partial)).changes).toEqual(['create queues "Escalations"']);
    const after = await readAccountState(t.db, 'acme');
    expect(after.queues.map((q) => q.name)).toEqual(['Escalations', 'Support']);
    expect(after.queues[0]!.memberIds).toHaveLength(2);
    expect(after.queues[0]!.templateIds).toEqual([]);
    expect({ ...after, queues: [] }).toEqual({ ...before, queues: [] });
    // A list left out keeps the links; an empty list clears them.
    expect((await apply('acme', partial.replace('    members: [ann@acme.test, boss@acme.test]\n', ''))).changes).toEqual([]);
    expect((await apply('acme', partial.replace('[ann@acme.test, boss@acme.test]', '[]'))).changes).toEqual(['update queues "Escalations": members']);
  });

  it('refuses a bad file naming each path, and writes nothing', async () => {
    const bad = FILE.replace('"+33757000101"\n  - address: ACME', '"+0612"\n  - address: ACME')
      .replace('[FR, BE]', '[FR, XX]')
      .replace('members: [ann@acme.test]', 'members: [nobody@acme.test]')
      .replace('role: admin', 'role: boss');
    const issues = await issuesOf(apply('fresh', bad));
    expect(issues).toEqual([expect.stringMatching(/^agents\[1\]\.role: /)]);
    const issues2 = await issuesOf(apply('fresh', bad.replace('role: boss', 'role: admin')));
    expect(issues2).toEqual([expect.stringMatching(/^numbers\[0\]\.address: must be an E\.164/), expect.stringMatching(/^profiles\[0\]\.authorizedCountries\[1\]: "XX"/)]);
    const fresh = FILE.replaceAll('acme.test', 'fresh.test');
    const issues3 = await issuesOf(apply('fresh', fresh.replace('members: [ann@fresh.test]', 'members: [nobody@fresh.test]').replace('type: vonage', 'type: carrier-pigeon')));
    expect(issues3).toEqual([expect.stringMatching(/^provider\.type: unknown provider type/), 'queues[0].members[0]: no agent "nobody@fresh.test" in the file or the account']);
    const issues4 = await issuesOf(apply('fresh', fresh.replace('apiKey: acme-key\n', '')));
    expect(issues4).toEqual([expect.stringMatching(/^provider\.settings\.apiKey: /)]);
    // ann@acme.test belongs to acme: another account cannot declare her.
    const issues5 = await issuesOf(apply('fresh', FILE));
    expect(issues5).toEqual([expect.stringMatching(/^agents\[0\]\.email: "ann@acme.test" belongs to an agent of another account/), expect.stringMatching(/^agents\[1\]\.email: /)]);
    expect(await t.db.selectFrom('accounts').select('id').where('id', '=', 'fresh').executeTakeFirst()).toBeUndefined();
    expect(await issuesOf(apply('fresh', 'numbers: [oops'))).toEqual([expect.stringMatching(/^line 1: /)]);
    expect(await issuesOf(apply('fresh', 'numbers:\n  - address: +33757000101\n'))).toEqual(['numbers[0].address: must be text: quote numbers, e.g. "+33757000001"']);
  });

  it('--dry-run on a new account writes nothing', async () => {
    const r = await apply('dry', FILE.replaceAll('acme.test', 'dry.test'), { dryRun: true });
    expect(r.changes).toHaveLength(9);
    expect(r.logins).toEqual([]);
    expect(await t.db.selectFrom('accounts').select('id').where('id', '=', 'dry').executeTakeFirst()).toBeUndefined();
    expect(await t.db.selectFrom('agents').select('id').where('email', 'like', '%@dry.test').execute()).toEqual([]);
  });
});

describe('the webhook address token in a file', () => {
  const HOOKS = `
provider:
  type: vonage
  settings:
    apiKey: hooks-key
    apiSecret: hooks-secret-0123456789
    statusCallbackUrl: https://desk.example.com/webhooks/vonage/hooks/{webhookToken}/status
`;
  const tokenOf = async (id: string) => (await t.db.selectFrom('accounts').select('webhook_token').where('id', '=', id).executeTakeFirstOrThrow()).webhook_token;

  it('is the account’s own where a file says {webhookToken}, is never exported, and survives apply', async () => {
    await apply('hooks', HOOKS);
    const token = await tokenOf('hooks');
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    await apply('hooks-b', HOOKS.replaceAll('/hooks/', '/hooks-b/'));
    expect(await tokenOf('hooks-b')).not.toBe(token);
    const stored = (await readAccountState(t.db, 'hooks')).account?.providerConfig;
    expect(stored?.statusCallbackUrl).toBe(`https://desk.example.com/webhooks/vonage/hooks/${token}/status`);

    const text = await exportConfigFile(t.db, 'hooks');
    expect(text).not.toContain(token);
    expect(text).toContain('statusCallbackUrl: https://desk.example.com/webhooks/vonage/hooks/{webhookToken}/status');
    const before = await snapshot('hooks');
    expect((await apply('hooks', text)).changes).toEqual([]);
    expect(await snapshot('hooks')).toBe(before);
    expect((await apply('hooks', HOOKS.replace('hooks-key', 'hooks-key-2'))).changes).toEqual(['update provider "vonage": settings.apiKey']);
    expect(await tokenOf('hooks')).toBe(token);
  });
});

describe('smsdesk commands in a child process', () => {
  it('create-admin, config apply, config export, seed-demo', async () => {
    const location = await createTestLocation({ fileBacked: true });
    const dir = await mkdtemp(path.join(tmpdir(), 'smsdesk-cf-'));
    try {
      // As on a production host: the commands need no server setting such as PUBLIC_URL.
      const env = { ...process.env, ...(location.options.url ? { DATABASE_URL: location.options.url } : { DATA_DIR: location.options.dataDir, DATABASE_URL: '' }), SMSDESK_SECRET_KEY: KEY, NODE_ENV: 'production' };
      const run = (...args: string[]) => spawnSync(process.execPath, [path.resolve('bin/smsdesk.js'), ...args], { env, encoding: 'utf8', timeout: 60_000 });

      const admin = run('create-admin', '--email', 'Root@Acme.test', '--name', 'Root', '--account', 'acme');
      expect(admin.stderr).toBe('');
      expect(admin.stdout).toMatch(/Account "acme" created/);
      expect(admin.stdout).toMatch(/Password \(shown once, not stored in clear\): \S{16}/);

      const file = path.join(dir, 'acme.yaml');
      await writeFile(file, FILE);
      const dry = run('config', 'apply', file, '--dry-run');
      expect(dry.stdout).toContain('9 changes planned for account "acme" (dry run: nothing written).');
      const applied = run('config', 'apply', file);
      expect(applied.status).toBe(0);
      expect(applied.stdout).toContain('9 changes applied to account "acme".');
      expect(applied.stdout).toMatch(/ann@acme\.test\s+\S{16}/);
      expect(run('config', 'apply', file).stdout).toContain('0 changes applied');

      const exported = run('config', 'export');
      expect(exported.stdout).toContain('email: root@acme.test');
      await writeFile(file, exported.stdout);
      expect(run('config', 'apply', file).stdout).toContain('0 changes applied');

      expect(run('seed-demo').stdout).toContain('already has an account');
    } finally {
      await rm(dir, { recursive: true, force: true });
      await location.dispose();
    }
  }, 120_000);
});
