// The Banner's credit counter counts a national-table number's text as the account's provider will
// send it: with the table where the provider can signal it, as Unicode where it cannot (the server
// gives each sender's effective table). 640 Turkish characters: 5 credits, or 10 and refused.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openBanner, signIn, type AgentPage } from './browser.js';
import { startE2eServer, type E2eServer } from './server.js';

let server: E2eServer;
let browser: Browser;
let bea: AgentPage;
let page: Page;

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
  // The agent's only Direct sender gets the Turkish table; the account starts on the simulator, which can send it.
  await server.db.updateTable('sms_numbers').set({ national_language: 'turkish' }).where('id', '=', server.world.numbers.direct).execute();
  bea = await openBanner(browser, server.url);
  page = bea.page;
  await signIn(page, server.logins.both);
});

afterAll(async () => {
  await bea?.context.close();
  await browser?.close();
  await server?.close();
});

const text = (testId: string) => page.getByTestId(testId).first().innerText();

async function typeTurkish(): Promise<void> {
  await page.getByTestId('new-button').click();
  await page.getByTestId('new-sms').click();
  await page.getByTestId('new-sms-dialog').waitFor();
  await page.getByTestId('recipient-input').fill('+33 6 12 34 56 78');
  await page.locator('[data-testid=recipient-status][data-state=valid]').waitFor();
  await page.getByTestId('routing-direct').click();
  await page.getByTestId('direct-form').waitFor();
  await page.getByTestId('message-input').fill('ş'.repeat(640));
}

describe('the credit counter on a number with a national table', () => {
  it('counts with the Turkish table when the provider can send it: 5 credits', async () => {
    await typeTurkish();
    expect(await text('counter-credits')).toBe('Credits: 5 / 8');
    expect(await page.getByTestId('send-button').isDisabled()).toBe(false);
  });

  it('counts as Unicode when the provider cannot (Vonage): 10 credits, over the limit, Send disabled', async () => {
    await server.db
      .updateTable('accounts')
      .set({ provider_type: 'vonage', provider_config: JSON.stringify({ apiKey: 'key', apiSecret: 'secret' }) })
      .where('id', '=', server.world.accountId)
      .execute();
    await page.reload();
    await page.locator('[data-testid=live-indicator][data-status=online]').waitFor({ timeout: 15_000 });
    await typeTurkish();
    expect(await text('counter-credits')).toBe('Credits: 10 / 8');
    expect(await text('counter-length')).toMatch(/\(Unicode\)/);
    expect(await page.getByTestId('credit-counter').getAttribute('data-state')).toBe('error');
    expect(await page.getByTestId('send-button').isDisabled()).toBe(true);
  });
});
