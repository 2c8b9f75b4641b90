// Opt-outs in the configuration file (PGlite and PostgreSQL): the file adds opt-outs to the
// ledger with source `config`, never lifts one (a customer's STOP stands whatever the file
// says), and exports back only its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyConfigFile } from '../../src/config-file/apply.js';
import { exportConfigFile } from '../../src/config-file/export.js';
import { ConfigFileError } from '../../src/config-file/issues.js';
import { openTestDatabase, type TestDatabase } from './harness.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

const ACCOUNT = 'cfg-optouts';
const apply = (text: string, dryRun = false) => applyConfigFile(t.db, { accountId: ACCOUNT, text, secretKey: null, dryRun });
const FILE = `
account:
  name: Opt-outs
optOuts:
  - number: "+33612345678"
    note: Complaint to the DPO
  - number: "+447400123456"
`;

describe('opt-outs in the configuration file', () => {
  it('are added with source config and recorded in the ledger, then left alone', async () => {
    expect((await apply(FILE)).changes).toEqual(['create account "cfg-optouts"', 'create optOuts "+33612345678"', 'create optOuts "+447400123456"']);
    const rows = await t.db.selectFrom('opt_outs').select(['number', 'source', 'by_customer']).where('account_id', '=', ACCOUNT).orderBy('number').execute();
    expect(rows).toEqual([
      { number: '+33612345678', source: 'config', by_customer: false },
      { number: '+447400123456', source: 'config', by_customer: false },
    ]);
    const ledger = await t.db.selectFrom('consent_changes').select(['number', 'action', 'source', 'note']).where('account_id', '=', ACCOUNT).orderBy('number').execute();
    expect(ledger).toEqual([
      { number: '+33612345678', action: 'opt_out', source: 'config', note: 'Complaint to the DPO' },
      { number: '+447400123456', action: 'opt_out', source: 'config', note: null },
    ]);
    expect((await apply(FILE)).changes).toEqual([]);
  });

  it('never lifts an opt-out: a number the file leaves out keeps it, a customer’s STOP stands', async () => {
    await t.db.insertInto('opt_outs').values({ account_id: ACCOUNT, number: '+33698765432', keyword: 'STOP', source: 'keyword', by_customer: true }).execute();
    expect((await apply('account:\n  name: Opt-outs\noptOuts: []\n')).changes).toEqual([]);
    expect((await apply('account:\n  name: Opt-outs\noptOuts:\n  - number: "+33698765432"\n')).changes).toEqual([]);
    const kept = await t.db.selectFrom('opt_outs').select(['number', 'source']).where('account_id', '=', ACCOUNT).orderBy('number').execute();
    expect(kept).toEqual([
      { number: '+33612345678', source: 'config' },
      { number: '+33698765432', source: 'keyword' },
      { number: '+447400123456', source: 'config' },
    ]);
  });

  it('exports only its own opt-outs', async () => {
    const text = await exportConfigFile(t.db, ACCOUNT);
    expect(text).toContain('optOuts:');
    expect(text).toContain('"+33612345678"');
    expect(text).not.toContain('+33698765432');
  });

  it('names a bad number', async () => {
    try {
      await apply('account:\n  name: Opt-outs\noptOuts:\n  - number: "0612"\n');
      throw new Error('expected a ConfigFileError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigFileError);
      expect((e as ConfigFileError).issues.map((i) => i.path)).toEqual(['optOuts[0].number']);
    }
  });
});
