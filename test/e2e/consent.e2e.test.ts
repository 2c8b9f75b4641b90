// Consent in a real browser: a reply that reads as an opt-out is flagged in the agent's
// conversation and one key press opts the customer out (an agent's opt-out, the message as
// evidence); an administrator adds, removes (with a reason) and imports opt-outs on the Opt-outs
// page, with the keyboard, and axe finds nothing serious on either page.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NUMBERS } from '../fixtures/world.js';
import { seriousViolations } from './axe.js';
import { eventually, launchBrowser, openBanner, signIn, type AgentPage } from './browser.js';
import { startE2eServer, type E2eServer } from './server.js';

let server: E2eServer;
let browser: Browser;
let bea: AgentPage;
let cole: AgentPage;
const CUSTOMER = '+33611009988';
const KEYWORD_CUSTOMER = '+33611009977';

async function expectAxeClean(page: Page): Promise<void> {
  const v = await seriousViolations(page);
  expect(v, JSON.stringify(v, null, 2)).toEqual([]);
}

const optOut = (number: string) => server.db.selectFrom('opt_outs').select(['source', 'by_customer']).where('account_id', '=', server.world.accountId).where('number', '=', number).executeTakeFirst();

beforeAll(async () => {
  server = await startE2eServer();
  await server.db.updateTable('agents').set({ role: 'admin' }).where('id', '=', server.logins.colleague.agentId).execute();
  browser = await launchBrowser();
  bea = await openBanner(browser, server.url);
  cole = await openBanner(browser, server.url);
  await signIn(bea.page, server.logins.both);
  await signIn(cole.page, server.logins.colleague);
});

afterAll(async () => {
  await bea?.context.close();
  await cole?.context.close();
  await browser?.close();
  await server?.close();
});

describe('a reply that reads as an opt-out', () => {
  it('is flagged in the conversation, and one key press opts the customer out with the message as evidence', async () => {
    const page = bea.page;
    await server.receive(CUSTOMER, NUMBERS.support, 'Please stop texting me, thanks');
    const take = page.getByTestId('list-waiting').getByTestId('take');
    await take.first().waitFor({ timeout: 15_000 });
    await take.first().click();
    await eventually(() => page.getByTestId('conversation-status').innerText(), (s) => /progress/i.test(s));
    const flag = page.getByTestId('optout-flag');
    await flag.waitFor();
    expect(await flag.innerText()).toContain('stop texting');
    await expectAxeClean(page);

    await flag.getByRole('button', { name: 'Opt this customer out' }).focus();
    await page.keyboard.press('Enter');
    await flag.waitFor({ state: 'detached' });
    expect(await optOut(CUSTOMER)).toEqual({ source: 'agent', by_customer: true });
    const [row] = await server.db.selectFrom('consent_changes').select(['source', 'actor', 'note', 'evidence', 'message_id']).where('number', '=', CUSTOMER).execute();
    expect(row).toMatchObject({ source: 'agent', actor: server.logins.both.agentId, note: 'Asked by SMS', evidence: { text: 'Please stop texting me, thanks' } });
    expect(row!.message_id).not.toBeNull();
    // The form says the customer can no longer be written to.
    await page.getByTestId('warning-opted-out').waitFor();
    await expectAxeClean(page);
  });
});

describe('the Opt-outs page', () => {
  it('adds, removes with a reason and imports opt-outs with the keyboard', async () => {
    const page = cole.page;
    await server.receive(KEYWORD_CUSTOMER, NUMBERS.support, 'STOP');
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Opt-outs', exact: true }).click();
    await page.getByRole('heading', { name: 'Opt-outs', level: 2 }).waitFor();
    await page.getByTestId('opt-outs-table').getByText(KEYWORD_CUSTOMER).waitFor();
    await expectAxeClean(page);

    // Add one.
    const add = page.getByTestId('opt-out-add');
    await add.getByLabel('Number (international format)').focus();
    await page.keyboard.type('+33622334455');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Asked by letter');
    await page.keyboard.press('Enter');
    await add.getByText('+33622334455 is opted out.').waitFor();
    expect(await optOut('+33622334455')).toEqual({ source: 'admin', by_customer: false });
    await page.getByTestId('opt-outs-table').getByText('+33622334455').waitFor();

    // Remove it: the row's button fills the number and takes the focus to the reason; no reason is refused.
    await page.getByRole('button', { name: 'Remove the opt-out of +33622334455' }).click();
    const remove = page.getByTestId('opt-out-remove');
    expect(await remove.getByLabel('Number', { exact: true }).inputValue()).toBe('+33622334455');
    const reasonId = await remove.getByLabel('Reason (required)').getAttribute('id');
    expect(await page.evaluate<string>('document.activeElement ? document.activeElement.id : ""')).toBe(reasonId);
    await page.keyboard.press('Enter');
    await remove.locator('[aria-invalid=true]').waitFor();
    expect(await optOut('+33622334455')).toBeDefined();
    await page.keyboard.type('Entered by mistake');
    await page.keyboard.press('Enter');
    await remove.getByText('+33622334455 may receive SMS again.').waitFor();
    expect(await optOut('+33622334455')).toBeUndefined();
    await expectAxeClean(page);

    // Import a file that tries to lift the customer's own STOP.
    const imp = page.getByTestId('opt-out-import');
    await imp.getByLabel('CSV file').setInputFiles({ name: 'crm.csv', mimeType: 'text/csv', buffer: Buffer.from(`number,action\n${KEYWORD_CUSTOMER},start\n+33622334466,stop\nnot a number,stop\n`) });
    await imp.getByRole('button', { name: 'Import' }).focus();
    await page.keyboard.press('Enter');
    const rows = imp.getByTestId('opt-out-import-rows');
    await rows.waitFor();
    expect(await rows.getByRole('row').allInnerTexts()).toEqual([
      expect.stringMatching(/Line/),
      expect.stringMatching(new RegExp(`2\\s+\\${KEYWORD_CUSTOMER}\\s+Refused: the customer opted out themself`)),
      expect.stringMatching(/3\s+\+33622334466\s+Opted out/),
      expect.stringMatching(/4\s+Not read \(INVALID_NUMBER\)/),
    ]);
    expect(await optOut(KEYWORD_CUSTOMER)).toEqual({ source: 'keyword', by_customer: true });
    await expectAxeClean(page);
    expect(await page.getByTestId('consent-export-csv').getAttribute('href')).toBe('/api/admin/consent-changes/export?format=csv');
  });

  it('sets a number’s keywords: an extra STOP word and the automatic STOP confirmation', async () => {
    const page = cole.page;
    const form = page.getByTestId('keyword-settings');
    await form.getByLabel('SMS number').selectOption(server.world.numbers.support);
    const stop = form.getByRole('group', { name: 'STOP (opt out)' });
    await stop.getByLabel('Answer automatically (a message, debited)').check();
    await stop.getByLabel('Extra keywords, separated by commas').fill('BASTA, ÇA SUFFIT');
    await form.getByRole('button', { name: 'Save the keywords' }).focus();
    await page.keyboard.press('Enter');
    await form.getByText('Keywords saved.').waitFor();
    const row = await server.db.selectFrom('sms_numbers').select('consent_keywords').where('id', '=', server.world.numbers.support).executeTakeFirstOrThrow();
    expect(row.consent_keywords).toMatchObject({ autoAnswer: { stop: true, start: false }, extra: { stop: ['BASTA', 'ÇA SUFFIT'] } });
    await expectAxeClean(page);

    await server.receive('+33611009966', NUMBERS.support, 'ça suffit');
    const answer = await eventually(
      () => server.db.selectFrom('messages').select(['body', 'direction']).where('to_address', '=', '+33611009966').where('direction', '=', 'out').executeTakeFirst(),
      (m) => m !== undefined,
    );
    expect(answer!.body).toContain('START');
    expect(await optOut('+33611009966')).toEqual({ source: 'keyword', by_customer: true });
  });
});
