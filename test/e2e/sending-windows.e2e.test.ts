// A sending window in a real browser against the real server: the agent (in New York) types a
// French number and sees the customer's local time; the Direct SMS is refused outside the
// profile's window with the next allowed time in both times; with the keyboard the agent sends
// it at that time instead, and it is scheduled for that instant. The same in a Smart
// conversation under its queue's window. Axe clean at the refusals.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { localDateTime, nextAllowed, recipientZones, type SendingWindow } from '../../src/domain/compliance/index.js';
import { CUSTOMER, CUSTOMER_2 } from '../fixtures/world.js';
import { seriousViolations } from './axe.js';
import { eventually, expectFocus, focused, launchBrowser } from './browser.js';
import { startE2eServer, type E2eServer } from './server.js';

let server: E2eServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let window: SendingWindow;

const AGENT_ZONE = 'America/New_York';

beforeAll(async () => {
  server = await startE2eServer();
  // Closed all of today in Paris, open from the next Paris midnight.
  const today = localDateTime('Europe/Paris', Date.now()).weekday;
  window = { days: [1, 2, 3, 4, 5, 6, 7].filter((d) => d !== today), start: '00:00', end: '24:00', skipPublicHolidays: false, scope: 'all' };
  const agent = await server.db.selectFrom('agents').select('profile_id').where('id', '=', server.logins.both.agentId).executeTakeFirstOrThrow();
  await server.db.updateTable('profiles').set({ sending_window: JSON.stringify(window) }).where('id', '=', agent.profile_id ?? '').execute();
  browser = await launchBrowser();
  context = await browser.newContext({ locale: 'en-GB', timezoneId: AGENT_ZONE, viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  await page.goto(server.url);
  await page.getByTestId('login-form').waitFor();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

async function tabTo(p: Page, testId: string, max = 80): Promise<void> {
  for (let i = 0; i < max && (await focused(p)) !== testId; i++) await p.keyboard.press('Tab');
  await expectFocus(p, testId);
}

const dateTime = (at: Date, zone: string) =>
  new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: zone }).format(at);

it('shows the customer’s time, refuses outside the window with the next time in both times, and sends at that time with the keyboard', async () => {
  const login = server.logins.both;
  await page.keyboard.type(login.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(login.password);
  await page.keyboard.press('Enter');
  await page.locator('[data-testid=live-indicator][data-status=online]').waitFor({ timeout: 15_000 });

  await tabTo(page, 'new-button');
  await page.keyboard.press('Enter');
  await expectFocus(page, 'new-sms');
  await page.keyboard.press('Enter');
  await page.getByTestId('new-sms-dialog').waitFor();
  await page.keyboard.type(CUSTOMER);
  await page.locator('[data-testid=recipient-status][data-state=valid]').waitFor();
  const clock = await page.getByTestId('customer-local-time').innerText();
  expect(clock).toMatch(/^Customer’s local time: \d\d:\d\d \(Paris\)\.$/);

  await tabTo(page, 'routing-direct', 10);
  await page.keyboard.press('Enter');
  await page.getByTestId('direct-form').waitFor();
  await tabTo(page, 'message-input', 10);
  await page.keyboard.type('Your parcel is ready for pickup.');
  await tabTo(page, 'send-button', 10);
  await page.keyboard.press('Enter');

  const refusal = page.locator('[data-testid=field-error][data-code=OUTSIDE_SENDING_WINDOW]');
  await refusal.waitFor();
  const next = new Date(nextAllowed(window, recipientZones(CUSTOMER, 'FR'), Date.now())!);
  const words = await refusal.innerText();
  expect(words).toContain('Outside the sending window');
  expect(words).toContain(`Next allowed time: ${dateTime(next, AGENT_ZONE)} your time, ${dateTime(next, 'Europe/Paris')} the customer’s time (Paris).`);
  expect(await page.getByTestId('send-at-button').innerText()).toBe(`Send at ${dateTime(next, AGENT_ZONE)}`);
  expect(await server.db.selectFrom('messages').select('id').where('account_id', '=', server.world.accountId).execute()).toEqual([]);
  const v = await seriousViolations(page);
  expect(v, JSON.stringify(v, null, 2)).toEqual([]);

  await tabTo(page, 'send-at-button', 10);
  await page.keyboard.press('Enter');
  await page.getByTestId('new-sms-dialog').waitFor({ state: 'detached' });
  await page.getByTestId('toast').filter({ hasText: `scheduled for ${dateTime(next, AGENT_ZONE)}` }).waitFor();
  const scheduled = await server.db.selectFrom('scheduled_messages').select(['send_at', 'recipient', 'status']).where('account_id', '=', server.world.accountId).execute();
  expect(scheduled).toEqual([{ send_at: next, recipient: CUSTOMER, status: 'scheduled' }]);
});

it('in a Smart conversation, refuses outside the queue’s window and schedules at the next allowed time', async () => {
  await server.db.updateTable('queues').set({ sending_window: JSON.stringify(window) }).where('id', '=', server.world.queues.support).execute();
  await tabTo(page, 'new-button');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.getByTestId('new-sms-dialog').waitFor();
  await page.keyboard.type(CUSTOMER_2);
  await page.locator('[data-testid=recipient-status][data-state=valid]').waitFor();
  await page.getByTestId('routing-smart').click();
  await page.getByTestId('queue-select').selectOption({ label: 'Support' });
  await page.getByTestId('start-button').click();
  await page.getByTestId('conversation').waitFor();

  await page.getByTestId('message-input').fill('Your ticket is solved.');
  await page.getByTestId('send-button').click();
  await page.getByTestId('send-confirm-dialog').getByRole('button', { name: 'Send' }).click();
  const refusal = page.locator('[data-testid=field-error][data-code=OUTSIDE_SENDING_WINDOW]');
  await refusal.waitFor();
  const next = new Date(nextAllowed(window, recipientZones(CUSTOMER_2, 'FR'), Date.now())!);
  expect(await refusal.innerText()).toContain(`${dateTime(next, 'Europe/Paris')} the customer’s time (Paris)`);
  const v = await seriousViolations(page);
  expect(v, JSON.stringify(v, null, 2)).toEqual([]);

  await tabTo(page, 'send-at-button');
  await page.keyboard.press('Enter');
  await eventually(() => page.getByTestId('draft-status').innerText(), (s) => s === `Message scheduled for ${dateTime(next, AGENT_ZONE)}.`);
  expect(await page.getByTestId('message-input').inputValue()).toBe('');
  const scheduled = await server.db.selectFrom('scheduled_messages').select(['send_at', 'status']).where('recipient', '=', CUSTOMER_2).execute();
  expect(scheduled).toEqual([{ send_at: next, status: 'scheduled' }]);
});
