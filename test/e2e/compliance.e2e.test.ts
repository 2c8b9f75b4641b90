// Erasure and retention in a real browser against a new installation (test/e2e/admin-server.ts): the retention
// setting and the job's last run are shown; an administrator erases a customer with the keyboard only, a wrong
// confirmation is refused on the page, the summary says what went; axe finds nothing serious.
//
// Accessible names this page gives, which the tests below rely on:
//   nav link and h2 "Erasure and retention"; h3 "Retention", a table captioned "Last runs of the retention job";
//   h3 "Erase a customer", fields "Customer’s number (international format)" and "Type the number again to
//   confirm", button "Erase this customer", a table captioned "What was erased".
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_ID, startAdminE2eServer, type AdminE2eServer } from './admin-server.js';
import { seriousViolations } from './axe.js';
import { eventually, focused, launchBrowser, openBanner, type AgentPage } from './browser.js';

const CUSTOMER = '+33612345678';
const TEXT = 'My parcel code is 4471, please call me';
const NAME = 'Camille Effacée';

let server: AdminE2eServer;
let browser: Browser;
let admin: AgentPage;
let page: Page;

beforeAll(async () => {
  server = await startAdminE2eServer();
  // A customer the account knows: a contact name, a message they sent, their STOP.
  const db = server.db;
  await db.insertInto('sms_numbers').values({ id: 'num_e2e_erase', account_id: ACCOUNT_ID, address: '+33757000001' }).execute();
  await db.insertInto('contacts').values({ account_id: ACCOUNT_ID, number: CUSTOMER, name: NAME }).execute();
  await db
    .insertInto('messages')
    .values({ id: 'msg_e2e_erase', account_id: ACCOUNT_ID, direction: 'in', status: 'received', sms_number_id: 'num_e2e_erase', from_address: CUSTOMER, to_address: '+33757000001', body: TEXT, encoding: 'GSM-7', units: TEXT.length, segments: 1, credits: 0 })
    .execute();
  await db.insertInto('opt_outs').values({ account_id: ACCOUNT_ID, number: CUSTOMER, keyword: 'STOP' }).execute();
  browser = await launchBrowser();
  admin = await openBanner(browser, server.url);
  page = admin.page;
  await page.locator('input[type=email]').fill(server.admin.email);
  await page.locator('input[type=password]').fill(server.admin.password);
  await page.getByTestId('login-submit').click();
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('navigation', { name: 'Administration' }).waitFor();
});

afterAll(async () => {
  await admin?.context.close();
  await browser?.close();
  await server?.close();
});

/** Presses Tab until the element with this test id has the focus (the page's keyboard order). */
async function tabTo(testId: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if ((await focused(page)) === testId) return;
  }
  throw new Error(`${testId} was not reached with Tab (focus on ${await focused(page)})`);
}

describe('the erasure and retention page', () => {
  it('shows the retention setting and the job’s last run, and erases a customer with the keyboard only', async () => {
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Erasure and retention', exact: true }).click();
    await page.getByRole('heading', { name: 'Erasure and retention', level: 2 }).waitFor();
    // The server's default, and the run the server made at start.
    expect(await page.getByTestId('retention-setting').innerText()).toContain('365 days');
    await eventually(() => page.getByRole('table', { name: 'Last runs of the retention job' }).getByRole('row').count(), (n) => n >= 2);
    expect(await seriousViolations(page)).toEqual([]);

    // A confirmation that is not the same number: refused on the page, nothing erased.
    await tabTo('erase-number');
    await page.keyboard.type(CUSTOMER);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('erase-confirmation');
    await page.keyboard.type('+33612345679');
    await page.keyboard.press('Enter');
    await page.getByText('the number typed to confirm is not the number to erase').waitFor();
    expect(await server.db.selectFrom('contacts').select('name').where('number', '=', CUSTOMER).execute()).toEqual([{ name: NAME }]);
    expect(await seriousViolations(page)).toEqual([]);

    // The right confirmation, then Enter.
    await page.getByLabel('Type the number again to confirm', { exact: true }).focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(CUSTOMER);
    await page.keyboard.press('Enter');
    const result = page.getByRole('table', { name: 'What was erased' });
    await result.waitFor();
    expect(await page.getByTestId('admin-status').innerText()).toMatch(/^Customer erased\. Messages: 1; /);
    expect((await result.getByRole('row', { name: /Messages \(texts and number\)/ }).innerText()).replace(/\s+/g, ' ')).toContain('1');
    expect((await result.getByRole('row', { name: /Opt-outs kept as a hash/ }).innerText()).replace(/\s+/g, ' ')).toContain('1');
    expect(await page.getByLabel('Customer’s number (international format)', { exact: true }).inputValue()).toBe('');
    expect(await seriousViolations(page)).toEqual([]);

    // What the database keeps of them: the message without text or number, the opt-out as a hash.
    const message = await server.db.selectFrom('messages').select(['body', 'from_address']).where('id', '=', 'msg_e2e_erase').executeTakeFirstOrThrow();
    expect(message).toEqual({ body: null, from_address: '+33 erased' });
    const optOuts = await server.db.selectFrom('opt_outs').select('number').where('account_id', '=', ACCOUNT_ID).execute();
    expect(optOuts).toEqual([{ number: expect.stringMatching(/^erased:[0-9a-f]{64}$/) }]);
    expect(await server.db.selectFrom('contacts').select('name').where('number', '=', CUSTOMER).execute()).toEqual([]);
  });

  it('lists the erasure in the audit trail, with the hash and not the number', async () => {
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Audit trail', exact: true }).click();
    const first = page.getByTestId('audit-entry').first();
    await eventually(() => first.innerText(), (t) => t.includes('Customer erased'));
    const text = await first.innerText();
    expect(text).toContain(server.admin.name);
    expect(text).toMatch(/erased:[0-9a-f]{8}/);
    expect(text).not.toContain('612345678');
  });
});
