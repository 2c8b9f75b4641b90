// `smsdesk demo-call` as a newcomer runs it: a voice call for a demo agent, listed, then ended,
// so that "SMS from a voice call" can be tried without a telephony integration.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open-database.js';
import { createTestLocation, type TestDatabaseLocation } from './harness.js';

let location: TestDatabaseLocation;
let env: NodeJS.ProcessEnv;
const smsdesk = (...args: string[]) => spawnSync(process.execPath, [path.resolve('bin/smsdesk.js'), ...args], { env, encoding: 'utf8', timeout: 60_000 });

beforeAll(async () => {
  location = await createTestLocation({ fileBacked: true });
  env = { ...process.env, ...(location.options.url ? { DATABASE_URL: location.options.url } : { DATA_DIR: location.options.dataDir }) };
  expect(smsdesk('seed-demo').status).toBe(0);
});
afterAll(async () => {
  await location?.dispose();
});

async function voiceCalls() {
  const database = await openDatabase({ url: location.options.url, dataDir: location.options.dataDir });
  try {
    return await database.db.selectFrom('interactions').select(['id', 'agent_id', 'status', 'customer_number']).where('kind', '=', 'voice').execute();
  } finally {
    await database.close();
  }
}

it('starts a call for an agent by email, lists it, and ends it', async () => {
  const started = smsdesk('demo-call', '--agent', 'alice@demo.smsdesk.test', '--number', '+33 6 12 34 56 78');
  expect(started.status, started.stderr).toBe(0);
  const id = /^Call (\S+) started for Alice Martin with \+33612345678/.exec(started.stdout)?.[1];
  expect(id).toBeDefined();
  expect(await voiceCalls()).toEqual([{ id, agent_id: 'agent-alice', status: 'active', customer_number: '+33612345678' }]);

  const listed = smsdesk('demo-call', '--list');
  expect(listed.stdout).toContain(`${id}  Alice Martin  +33612345678`);

  const ended = smsdesk('demo-call', '--end', id!);
  expect(ended.stdout.trim()).toBe(`Call ${id} ended.`);
  expect((await voiceCalls())[0]?.status).toBe('ended');
});

it('says what is wrong, and exits 2: no such agent, a number that is not international, missing options', () => {
  const nobody = smsdesk('demo-call', '--agent', 'nobody@demo.smsdesk.test', '--number', '+33612345678');
  expect(nobody.status).toBe(2);
  expect(nobody.stderr).toContain('no agent with the email nobody@demo.smsdesk.test');
  const national = smsdesk('demo-call', '--agent', 'alice@demo.smsdesk.test', '--number', '0612345678');
  expect(national.status).toBe(2);
  expect(national.stderr).toContain('international format');
  expect(smsdesk('demo-call').status).toBe(2);
});
