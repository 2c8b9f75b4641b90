// The admin page's "Try it out" section in a real browser, with an agent's Banner open beside it:
// a customer's SMS typed by the administrator reaches the agent's waiting list, STOP opts the
// number out, the outcome chosen for the next sends is what the agent sees, and a voice call
// started for the agent offers "SMS".
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { NUMBERS } from '../fixtures/world.js';
import { eventually, launchBrowser, openBanner, signIn, type AgentPage } from './browser.js';
import { startE2eServer, type E2eServer } from './server.js';

let server: E2eServer;
let browser: Browser;
let admin: AgentPage;
let sam: AgentPage;
let page: Page;

beforeAll(async () => {
  server = await startE2eServer();
  await server.db.updateTable('agents').set({ role: 'admin' }).where('id', '=', server.logins.colleague.agentId).execute();
  browser = await launchBrowser();
  admin = await openBanner(browser, server.url);
  sam = await openBanner(browser, server.url);
  await signIn(admin.page, server.logins.colleague);
  await signIn(sam.page, server.logins.smartOnly);
  page = admin.page;
  await page.goto(`${server.url}/#/admin/simulator`);
  await page.getByRole('heading', { name: 'Try it out', level: 2 }).waitFor();
});

afterAll(async () => {
  await admin?.context.close();
  await sam?.context.close();
  await browser?.close();
  await server?.close();
});

const inbound = () => page.getByTestId('simulator-inbound');

it('a customer’s SMS typed here waits in the agent’s Banner, live; STOP opts the number out', async () => {
  await inbound().getByLabel('From').fill('+33 6 55 44 33 22');
  await inbound().getByLabel('To the account’s number').selectOption({ label: NUMBERS.support });
  await inbound().getByLabel('Message').fill('Hello, is my order ready?');
  await inbound().getByRole('button', { name: 'Receive this SMS' }).click();
  await inbound().getByText('Received: it waits in the queue that owns the number.').waitFor();
  await eventually(() => sam.page.getByTestId('list-waiting').innerText(), (t) => t.includes('+33655443322'));

  await inbound().getByLabel('From').fill('+33655443311');
  await inbound().getByLabel('Message').fill('STOP');
  await inbound().getByRole('button', { name: 'Receive this SMS' }).click();
  await inbound().getByText(/^Received/).waitFor();
  const opted = await server.db.selectFrom('opt_outs').select('number').where('account_id', '=', server.world.accountId).execute();
  expect(opted.map((o) => o.number)).toContain('+33655443311');
});

it('the outcome chosen for the next sends is the status the agent sees', async () => {
  const form = page.getByTestId('simulator-behaviour');
  await form.getByLabel('Outcome').selectOption('undelivered');
  await form.getByLabel('Report after (seconds)').fill('0.2');
  await form.getByRole('button', { name: 'Save' }).click();
  await form.getByText('Saved: the next sends follow it.').waitFor();

  // Sam takes the waiting conversation and answers: the simulator reports it undelivered.
  await sam.page.getByRole('button', { name: 'Take the conversation with +33655443322' }).click();
  await sam.page.getByTestId('message-input').fill('Yes, it is ready.');
  await sam.page.getByTestId('send-button').click();
  await sam.page.getByTestId('send-confirm-dialog').getByRole('button', { name: 'Send' }).click();
  const sent = sam.page.getByTestId('thread-message').filter({ hasText: 'Yes, it is ready.' });
  await eventually(() => sent.getByTestId('message-status').getAttribute('data-status'), (s) => s === 'undelivered', 15_000);
});

it('a voice call started here offers “SMS” in the agent’s Banner, and ends', async () => {
  const calls = page.getByTestId('demo-calls');
  await calls.getByLabel('For the agent').selectOption({ label: 'Sam Smart' });
  await calls.getByLabel('Customer’s number').fill('+33 6 77 88 99 00');
  await calls.getByRole('button', { name: 'Start the call' }).click();
  await calls.getByText('Call started for Sam Smart with +33677889900.').waitFor();
  await sam.page.getByTestId('list-calls').getByText('+33677889900').waitFor({ timeout: 10_000 });
  expect(await sam.page.getByTestId('call-sms').count()).toBe(1);

  await calls.getByRole('button', { name: 'End the call of Sam Smart with +33677889900' }).click();
  await calls.getByText('No call in progress.').waitFor();
  await eventually(() => sam.page.getByTestId('call-sms').count(), (n) => n === 0);
});
