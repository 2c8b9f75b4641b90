// A number's keyword settings in the configuration file (PGlite and PostgreSQL): applied and read
// back by the administration's own reader, applied again and exported with no change (also when
// an administrator set them), changed field by field, reset by null, and refused on their field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keywordSettings, setKeywordSettings } from '../../src/app/consent/keyword-settings.js';
import { applyConfigFile } from '../../src/config-file/apply.js';
import { exportConfigFile } from '../../src/config-file/export.js';
import { ConfigFileError } from '../../src/config-file/issues.js';
import { readAccountState } from '../../src/config-file/state.js';
import { DEFAULT_KEYWORD_SETTINGS, matchKeyword } from '../../src/domain/consent/index.js';
import { openTestDatabase, type TestDatabase } from './harness.js';

const ACCOUNT = 'cfg-keywords';
const FR = '+33757000301';
const UK = '+447700900301';

const FILE = `
account:
  name: Keywords
numbers:
  - address: "${FR}"
    keywords:
      enabled: { help: false }
      extra:
        stop: [Basta, "NE PLUS ÉCRIRE"]
      autoAnswer: { stop: true, start: true }
      language: en
      texts:
        stop: Vous ne recevrez plus nos SMS. START pour revenir.
  - address: "${UK}"
agents:
  - email: root@keywords.test
    name: Root
    role: admin
`;

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

const apply = (text: string) => applyConfigFile(t.db, { accountId: ACCOUNT, text, secretKey: null });

async function numbers() {
  const s = await readAccountState(t.db, ACCOUNT);
  const by = new Map(s.numbers.map((n) => [n.address, n]));
  const admin = s.agents.find((a) => a.role === 'admin')!;
  return { fr: by.get(FR)!, uk: by.get(UK)!, actor: { accountId: ACCOUNT, agentId: admin.id } };
}

async function issuesOf(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ConfigFileError) return e.issues.map((i) => `${i.path}: ${i.message}`);
    throw e;
  }
  throw new Error('expected a ConfigFileError');
}

describe('keyword settings in the configuration file', () => {
  it('applies them as the administration reads them; a number without them keeps the defaults', async () => {
    await apply(FILE);
    const { fr, uk, actor } = await numbers();
    const view = await keywordSettings({ db: t.db }, actor, fr.id);
    expect(view.settings).toEqual({
      enabled: { stop: true, start: true, help: false },
      extra: { stop: ['Basta', 'NE PLUS ÉCRIRE'], start: [], help: [] },
      autoAnswer: { stop: true, start: true, help: false },
      language: 'en',
      texts: { stop: 'Vous ne recevrez plus nos SMS. START pour revenir.' },
    });
    // The setting wins over the number's country (+33 answers in French by default).
    expect(view.language).toBe('en');
    // The reader of inbound messages uses the same settings: the extra word opts out, HELP is text.
    expect(matchKeyword('ne plus ecrire !', view.settings)?.family).toBe('stop');
    expect(matchKeyword('HELP', view.settings)).toBeNull();
    expect(uk.keywords).toEqual(DEFAULT_KEYWORD_SETTINGS);
    const column = await t.db.selectFrom('sms_numbers').select('consent_keywords').where('id', '=', uk.id).executeTakeFirstOrThrow();
    expect(column.consent_keywords).toBeNull();
  });

  it('changes nothing when applied again, nor when its export is applied, also after an administrator set them', async () => {
    expect((await apply(FILE)).changes).toEqual([]);
    let exported = await exportConfigFile(t.db, ACCOUNT);
    expect(exported).toContain('keywords:');
    expect(exported).toContain('Basta');
    expect(exported).toContain('language: en');
    expect((await apply(exported)).changes).toEqual([]);

    const { uk, actor } = await numbers();
    await setKeywordSettings({ db: t.db }, actor, uk.id, { extra: { help: ['INFOS'] }, autoAnswer: { help: true }, language: 'en', texts: { help: 'Call 0800 000 000.' } });
    exported = await exportConfigFile(t.db, ACCOUNT);
    expect(exported).toContain('Call 0800 000 000.');
    expect((await apply(exported)).changes).toEqual([]);
    // The file that does not name the UK number's keywords leaves the administrator's alone.
    expect((await apply(FILE)).changes).toEqual([]);
    expect((await numbers()).uk.keywords.texts).toEqual({ help: 'Call 0800 000 000.' });
  });

  it('updates only the number whose settings changed; null restores the defaults', async () => {
    const changed = FILE.replace('autoAnswer: { stop: true, start: true }', 'autoAnswer: { stop: true }').replace(`  - address: "${UK}"\n`, `  - address: "${UK}"\n    keywords: null\n`);
    expect((await apply(changed)).changes).toEqual([`update numbers "${FR}": keywords`, `update numbers "${UK}": keywords`]);
    const { fr, uk } = await numbers();
    expect(fr.keywords.autoAnswer).toEqual({ stop: true, start: false, help: false });
    expect(fr.keywords.extra.stop).toEqual(['Basta', 'NE PLUS ÉCRIRE']);
    expect(uk.keywords).toEqual(DEFAULT_KEYWORD_SETTINGS);
    expect(await exportConfigFile(t.db, ACCOUNT)).not.toContain('Call 0800');
    expect((await apply(changed)).changes).toEqual([]);
  });

  it('names each problem on its field and writes nothing', async () => {
    const bad = FILE.replace('stop: [Basta, "NE PLUS ÉCRIRE"]', `stop: [Basta, "?!"]\n        start: ["${'A'.repeat(41)}"]`)
      .replace('autoAnswer: { stop: true, start: true }', 'autoAnswer: { stop: yes-please }')
      .replace('language: en', 'language: de')
      .replace(`  - address: "${UK}"\n`, `  - address: "${UK}"\n    keywords: { answers: true }\n`);
    const issues = await issuesOf(apply(bad));
    expect(issues.map((i) => i.split(':')[0])).toEqual([
      'numbers[0].keywords.extra.start[0]',
      'numbers[0].keywords.autoAnswer.stop',
      'numbers[0].keywords.language',
      'numbers[1].keywords',
    ]);
    expect(issues[3]).toContain('answers');
    // The shape is right, but a keyword has nothing left once read as the customer would write it.
    const empty = FILE.replace('stop: [Basta, "NE PLUS ÉCRIRE"]', 'stop: [Basta, "?!"]');
    expect(await issuesOf(apply(empty))).toEqual(['numbers[0].keywords.extra.stop[1]: "?!" is not a keyword: nothing is left once quotes and a final punctuation mark are dropped']);
    expect((await numbers()).fr.keywords.extra.stop).toEqual(['Basta', 'NE PLUS ÉCRIRE']);
  });
});
