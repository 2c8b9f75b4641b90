// Scheduled sends and the undo window in a real browser against the real server: an agent
// schedules a Direct SMS for later, finds it under Scheduled SMS and cancels it (credits back);
// with an undo window on their profile, Send shows an Undo bar with a countdown, reached and
// pressed with the keyboard, and the message never goes. Axe clean.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { creditBalance } from '../../src/db/credits.js';
import { UK_CUSTOMER } from '../fixtures/world.js';
import { seriousViolations } from './axe.js';
import { expectFocus, focused, launchBrowser, openBanner, signIn, type AgentPage } from './browser.js';
import { startE2eServer, type E2eServer } from './server.js';

let server: E2eServer;
let browser: Browser;
let bea: AgentPage;
let page: Page;

beforeAll(async () => {
  server = await startE2eServer();
  // Bea's profile has an undo window of 20 s; a scheduled time given by the agent is used as is.
  const { profile_id } = await server.db.selectFrom('agents').select('profile_id').where('id', '=', server.logins.both.agentId).executeTakeFirstOrThrow();
  await server.db.updateTable('profiles').set({ undo_seconds: 20 }).where('id', '=', profile_id!).execute();
  browser = await launchBrowser();
  bea = await openBanner(browser, server.url);
  page = bea.page;
  await signIn(page, server.logins.both);
});

afterAll(async () => {
  await bea?.context.close();
  await browser?.close();
  await server?.close();
});

async function noSeriousViolations(p: Page, where: string): Promise<void> {
  const v = await seriousViolations(p);
  expect(v, `${where}: ${JSON.stringify(v, null, 2)}`).toEqual([]);
}

async function tabTo(p: Page, testId: string, max = 80): Promise<void> {
  for (let i = 0; i < max && (await focused(p)) !== testId; i++) await p.keyboard.press('Tab');
  await expectFocus(p, testId);
}

/** The browser's datetime-local value for an instant (the browser and this process share the zone). */
function localInput(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

async function writeDirect(text: string): Promise<void> {
  await tabTo(page, 'new-button');
  await page.keyboard.press('Enter');
  await expectFocus(page, 'new-sms');
  await page.keyboard.press('Enter');
  await page.getByTestId('new-sms-dialog').waitFor();
  await page.keyboard.type(UK_CUSTOMER);
  await page.locator('[data-testid=recipient-status][data-state=valid]').waitFor();
  await tabTo(page, 'routing-direct', 10);
  await page.keyboard.press('Enter');
  await page.getByTestId('direct-form').waitFor();
  await tabTo(page, 'message-input', 10);
  await page.keyboard.type(text);
}

it('schedules a Direct SMS for later, lists it under Scheduled SMS and cancels it with its credits', async () => {
  const start = await creditBalance(server.db, server.world.accountId);
  await writeDirect('Your appointment is confirmed.');
  // Send later: opened and filled from the keyboard.
  await page.getByTestId('send-later').locator('summary').focus();
  await page.keyboard.press('Enter');
  await tabTo(page, 'send-later-input', 5);
  const at = new Date(Date.now() + 2 * 3_600_000);
  await page.getByTestId('send-later-input').fill(localInput(at));
  await noSeriousViolations(page, 'Direct SMS with Send later open');
  // Tab walks the date's and the time's parts first.
  await tabTo(page, 'schedule-button', 15);
  await page.keyboard.press('Enter');
  await page.getByTestId('new-sms-dialog').waitFor({ state: 'detached' });
  expect(await creditBalance(server.db, server.world.accountId)).toBe(start - 1);

  await tabTo(page, 'open-scheduled');
  await page.keyboard.press('Enter');
  const row = page.getByTestId('scheduled-row').filter({ hasText: 'Your appointment is confirmed.' });
  await row.waitFor();
  expect(await row.innerText()).toContain(UK_CUSTOMER);
  const stored = await server.db.selectFrom('scheduled_messages').select(['send_at', 'status', 'origin']).where('id', '=', (await row.getAttribute('data-id'))!).executeTakeFirstOrThrow();
  expect(stored.status).toBe('scheduled');
  expect(stored.origin).toBe('schedule');
  expect(Math.abs(new Date(stored.send_at).getTime() - at.getTime())).toBeLessThan(60_000);
  await noSeriousViolations(page, 'Scheduled SMS');

  await tabTo(page, 'scheduled-cancel');
  await page.keyboard.press('Enter');
  await page.getByTestId('toast').filter({ hasText: 'cancelled' }).waitFor();
  await page.getByTestId('scheduled-empty').waitFor();
  await page.locator('[data-testid=scheduled-ended-row][data-status=cancelled]').first().waitFor();
  expect(await creditBalance(server.db, server.world.accountId)).toBe(start);
});

it('after Send, an Undo bar counts down; Undo from the keyboard takes the message back with its credits', async () => {
  const start = await creditBalance(server.db, server.world.accountId);
  await writeDirect('Sorry, wrong customer.');
  await tabTo(page, 'send-button', 10);
  await page.keyboard.press('Enter');
  await page.getByTestId('new-sms-dialog').waitFor({ state: 'detached' });
  const offer = page.getByTestId('undo-offer');
  await offer.waitFor();
  expect(await offer.innerText()).toMatch(/goes in \d+ s/);
  const id = (await offer.getAttribute('data-id'))!;
  expect(await creditBalance(server.db, server.world.accountId)).toBe(start - 1);
  await noSeriousViolations(page, 'Undo bar');

  await tabTo(page, 'undo-button');
  await page.keyboard.press('Enter');
  await page.getByTestId('toast').filter({ hasText: 'undone' }).waitFor();
  await offer.waitFor({ state: 'detached' });
  expect(await creditBalance(server.db, server.world.accountId)).toBe(start);
  expect((await server.db.selectFrom('scheduled_messages').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('cancelled');
  expect(await server.db.selectFrom('messages').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
});
