// A configuration file cannot leave a number with a national table its provider cannot send
// (the admin API refuses it too: national-tables.test.ts). Checked on the account as the file
// would leave it; a refused file writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyConfigFile } from '../../src/config-file/apply.js';
import { ConfigFileError } from '../../src/config-file/issues.js';
import { openTestDatabase, type TestDatabase } from './harness.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

const apply = (accountId: string, text: string) => applyConfigFile(t.db, { accountId, text, secretKey: null });
async function issues(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ConfigFileError) return e.issues.map((i) => `${i.path}: ${i.message}`);
    throw e;
  }
  throw new Error('expected a ConfigFileError');
}
const provider = (type: string, settings: string) => `provider:\n  type: ${type}\n  settings:\n${settings}`;
const VONAGE = provider('vonage', '    apiKey: key\n    apiSecret: secret-0123456789\n');
const SMPP = (extra = '') => provider('smpp', `    host: smsc.example.com\n    port: 2775\n    systemId: acme\n    password: secret\n${extra}`);
const numbers = (table: string) => `numbers:\n  - address: "+905320000001"\n    nationalLanguage: ${table}\n`;
const tables = (accountId: string) => t.db.selectFrom('sms_numbers').select(['address', 'national_language']).where('account_id', '=', accountId).execute();

describe('national tables in a configuration file', () => {
  it('refuses a number with a table the file’s provider cannot send, naming the line, and writes nothing', async () => {
    expect(await issues(apply('acc_cf_nat_1', VONAGE + numbers('turkish')))).toEqual([
      'numbers[0].nationalLanguage: vonage cannot send the turkish national table: remove it (nationalLanguage: null) or use a provider that can (SMPP with nationalLanguageShift)',
    ]);
    expect(await issues(apply('acc_cf_nat_1', SMPP('    nationalLanguageShift: false\n') + numbers('spanish')))).toEqual([expect.stringMatching(/^numbers\[0\]\.nationalLanguage: smpp cannot send the spanish national table/)]);
    expect(await tables('acc_cf_nat_1')).toEqual([]);
    await apply('acc_cf_nat_1', SMPP() + numbers('turkish'));
    expect(await tables('acc_cf_nat_1')).toEqual([{ address: '+905320000001', national_language: 'turkish' }]);
  });

  it('refuses a provider change that leaves a stored number with its table, naming it, until the file removes the table', async () => {
    await apply('acc_cf_nat_2', SMPP() + numbers('turkish'));
    expect(await issues(apply('acc_cf_nat_2', VONAGE))).toEqual([
      'provider.type: vonage cannot send the national table of +905320000001 (turkish): list these numbers with nationalLanguage: null, or keep a provider that can send it',
    ]);
    expect(await issues(apply('acc_cf_nat_2', SMPP('    nationalLanguageShift: false\n')))).toHaveLength(1);
    await apply('acc_cf_nat_2', VONAGE + numbers('null'));
    expect(await tables('acc_cf_nat_2')).toEqual([{ address: '+905320000001', national_language: null }]);
  });
});
