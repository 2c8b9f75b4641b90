// Sending windows and message categories in the configuration file, on a real database: applied,
// exported and applied again with no change; a window the domain refuses is an issue on its
// field and writes nothing; null removes a window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyConfigFile, type ApplyOptions } from '../../src/config-file/apply.js';
import { exportConfigFile } from '../../src/config-file/export.js';
import { ConfigFileError } from '../../src/config-file/issues.js';
import { readAccountState } from '../../src/config-file/state.js';
import { openTestDatabase, type TestDatabase } from './harness.js';

const KEY = 'a passphrase of the window tests';

const FILE = `
account:
  name: Windows
numbers:
  - address: "+33757000201"
templates:
  - name: Promo
    body: Our sale starts today.
    category: MARKETING
  - name: Notice
    body: Your parcel is ready.
profiles:
  - name: Agents
    permissions: { messaging: true, direct: true }
    templates: [Promo, Notice]
    sendingWindow:
      days: [6, 1, 2, 3, 4, 5]
      start: "08:00"
      end: "20:00"
      scope: marketing
queues:
  - name: Sales
    number: "+33757000201"
    category: MARKETING
    sendingWindow: { days: [1, 2, 3, 4, 5], start: "09:00", end: "21:00", skipPublicHolidays: false }
`;

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

const apply = (text: string, o: Partial<ApplyOptions> = {}) => applyConfigFile(t.db, { accountId: 'windows', text, secretKey: KEY, ...o });

async function issuesOf(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ConfigFileError) return e.issues.map((i) => `${i.path}: ${i.message}`);
    throw e;
  }
  throw new Error('expected a ConfigFileError');
}

describe('sending windows in the configuration file', () => {
  it('applies windows and categories, and a second apply and an export’s re-apply change nothing', async () => {
    await apply(FILE);
    const s = await readAccountState(t.db, 'windows');
    expect(s.profiles[0]!.sendingWindow).toEqual({ days: [1, 2, 3, 4, 5, 6], start: '08:00', end: '20:00', skipPublicHolidays: true, scope: 'marketing' });
    expect(s.queues[0]).toMatchObject({ category: 'MARKETING', sendingWindow: { days: [1, 2, 3, 4, 5], start: '09:00', end: '21:00', skipPublicHolidays: false, scope: 'all' } });
    expect(Object.fromEntries(s.templates.map((x) => [x.name, x.category]))).toEqual({ Promo: 'MARKETING', Notice: 'NOTIFICATION' });
    expect((await apply(FILE)).changes).toEqual([]);

    const exported = await exportConfigFile(t.db, 'windows');
    expect(exported).toContain('sendingWindow:');
    expect(exported).toContain('category: MARKETING');
    expect((await apply(exported)).changes).toEqual([]);
  });

  it('reports a window the domain refuses on its field, and writes nothing', async () => {
    const bad = FILE.replace('end: "20:00"', 'end: "07:00"').replace('days: [1, 2, 3, 4, 5], start: "09:00"', 'days: [], start: "9h"');
    expect(await issuesOf(apply(bad))).toEqual([
      'profiles[0].sendingWindow.end: must be after the start (a window does not run past midnight)',
      'queues[0].sendingWindow.days: must list at least one day (1 = Monday … 7 = Sunday)',
      'queues[0].sendingWindow.start: must be a time HH:MM (00:00 to 23:59; the end may be 24:00)',
    ]);
    expect((await readAccountState(t.db, 'windows')).profiles[0]!.sendingWindow?.end).toBe('20:00');
  });

  it('changes exactly what changed, and null removes a window', async () => {
    const changed = FILE.replace('    category: MARKETING\n    sendingWindow: {', '    category: NOTIFICATION\n    sendingWindow: {').replace(/ {4}sendingWindow:\n {6}days: \[6, 1, 2, 3, 4, 5\]\n {6}start: "08:00"\n {6}end: "20:00"\n {6}scope: marketing\n/, '    sendingWindow: null\n');
    expect((await apply(changed)).changes).toEqual(['update profiles "Agents": sendingWindow', 'update queues "Sales": category']);
    const s = await readAccountState(t.db, 'windows');
    expect(s.profiles[0]!.sendingWindow).toBeNull();
    expect(s.queues[0]!.category).toBe('NOTIFICATION');
    // The queue's window, unchanged in the file, stays.
    expect(s.queues[0]!.sendingWindow?.start).toBe('09:00');
  });
});
