// The configuration file's `contacts:` section: applied like the other sections (create, update,
// a second apply changes nothing, an export re-applies to nothing), checked line by line.
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

const apply = (text: string, dryRun = false) => applyConfigFile(t.db, { accountId: 'named', text, secretKey: null, dryRun });
const FILE = `
account:
  name: Named
contacts:
  - number: "+33612345678"
    name: Jane Doe
  - number: "+447400123456"
    name: "  John Smith "
`;

async function issuesOf(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ConfigFileError) return e.issues.map((i) => `${i.path}: ${i.message}`);
    throw e;
  }
  throw new Error('expected a ConfigFileError');
}

describe('contacts in the configuration file', () => {
  it('are created, then left alone, updated by name, exported and re-applied to nothing', async () => {
    expect((await apply(FILE, true)).changes).toEqual(['create account "named"', 'create contacts "+33612345678"', 'create contacts "+447400123456"']);
    expect(await t.db.selectFrom('contacts').select('number').execute()).toEqual([]);
    expect((await apply(FILE)).changes).toEqual(['create account "named"', 'create contacts "+33612345678"', 'create contacts "+447400123456"']);
    const rows = await t.db.selectFrom('contacts').select(['number', 'name', 'updated_by']).where('account_id', '=', 'named').orderBy('number').execute();
    expect(rows).toEqual([
      { number: '+33612345678', name: 'Jane Doe', updated_by: null },
      { number: '+447400123456', name: 'John Smith', updated_by: null },
    ]);
    expect((await apply(FILE)).changes).toEqual([]);
    expect((await apply(FILE.replace('Jane Doe', 'Jane D.'))).changes).toEqual(['update contacts "+33612345678": name']);

    const text = await exportConfigFile(t.db, 'named');
    expect(text).toContain('contacts:\n  - number: "+33612345678"\n    name: Jane D.\n');
    expect((await apply(text)).changes).toEqual([]);
    // Left out of a file: kept.
    expect((await apply('account:\n  name: Named\n')).changes).toEqual([]);
    expect(await t.db.selectFrom('contacts').select('number').where('account_id', '=', 'named').execute()).toHaveLength(2);
  });

  it('refuses a bad number, name or duplicate, naming each, and writes nothing', async () => {
    const bad = `
account:
  name: Named
contacts:
  - number: "0612345678"
    name: No country
  - number: "+33 6 98 76 54 32"
    name: Spaced
  - number: "+33698765432"
    name: "Line\\nbreak"
  - number: "+33698765432"
    name: "   "
  - number: "+33611111111"
    name: ${'x'.repeat(121)}
  - number: +33622222222
    name: Unquoted
`;
    const issues = await issuesOf(apply(bad));
    expect(issues).toEqual([expect.stringMatching(/^contacts\[5\]\.number: must be text/)]);
    const issues2 = await issuesOf(apply(bad.replace('+33622222222', '"+33622222222"')));
    expect(issues2).toEqual([
      'contacts[0].number: "0612345678" is not a phone number with its country code (e.g. "+33612345678")',
      'contacts[1].number: write it in E.164: "+33698765432"',
      'contacts[2].number: "+33698765432" is already named at contacts[1]',
      'contacts[2].name: holds a control character (a line break, a tab...)',
      'contacts[3].number: "+33698765432" is already named at contacts[1]',
      'contacts[3].name: is empty',
      'contacts[4].name: is longer than 120 characters',
    ]);
    expect(await t.db.selectFrom('contacts').select('number').where('number', '=', '+33622222222').execute()).toEqual([]);
  });
});
