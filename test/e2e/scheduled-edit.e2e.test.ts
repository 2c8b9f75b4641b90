// Editing scheduled messages and Send later in a conversation, in a real browser against the real
// server: the agent edits a scheduled Direct SMS's text and time from the keyboard (the live
// counter shows the new credits, the list and the database row change, the balance moves by the
// difference), is told when it changed or went meanwhile, schedules a conversation message with
// Send later and finds it under Scheduled SMS, and takes back a conversation send with the Undo
// bar. Axe clean.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { creditBalance } from '../../src/db/credits.js';
import { CUSTOMER_2, UK_CUSTOMER } from '../fixtures/world.js';
import { seriousViolations } from './axe.js';
import { eventually, expectFocus, focused, launchBrowser, openBanner, signIn, type AgentPage } from './browser.js';
import { startE2eServer, type E2eServer } from './server.js';

let server: E2eServer;
let browser: Browser;
let bea: AgentPage;
let page: Page;

beforeAll(async () => {
  server = await startE2eServer();
  // An undo window on Bea's profile: Send waits 20 s; a time given with Send later is used as is.
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

const pad = (n: number) => String(n).padStart(2, '0');
/** The browser's datetime-local value for an instant (the browser and this process share the zone). */
function localInput(at: Date): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}
const hoursMinutes = (at: Date) => `${pad(at.getHours())}:${pad(at.getMinutes())}`;
/** A whole minute, as the datetime-local input keeps it. */
const inMinutes = (ms: number) => new Date(Math.floor((Date.now() + ms) / 60_000) * 60_000);

const balance = () => creditBalance(server.db, server.world.accountId);
const row = (text: string) => page.getByTestId('scheduled-row').filter({ hasText: text });

async function scheduleDirect(text: string, at: Date): Promise<void> {
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
  await page.getByTestId('send-later').locator('summary').focus();
  await page.keyboard.press('Enter');
  await tabTo(page, 'send-later-input', 5);
  await page.getByTestId('send-later-input').fill(localInput(at));
  await tabTo(page, 'schedule-button', 15);
  await page.keyboard.press('Enter');
  await page.getByTestId('new-sms-dialog').waitFor({ state: 'detached' });
}

async function openScheduled(): Promise<void> {
  await tabTo(page, 'open-scheduled');
  await page.keyboard.press('Enter');
  await page.getByTestId('scheduled-view').waitFor();
}

it('edits the text and the time of a scheduled Direct SMS from the keyboard: new credits, new row, balance moved', async () => {
  const start = await balance();
  const first = inMinutes(2 * 3_600_000);
  await scheduleDirect('Your appointment is at ten.', first);
  expect(await balance()).toBe(start - 1);
  await openScheduled();
  const before = row('Your appointment is at ten.');
  await before.waitFor();
  const id = (await before.getAttribute('data-id'))!;
  expect(await before.getByTestId('scheduled-credits').innerText()).toBe('1 credit');

  await tabTo(page, 'scheduled-edit-button');
  await page.keyboard.press('Enter');
  // The form opens on the text, which keeps what was scheduled.
  await expectFocus(page, 'scheduled-edit-text');
  const form = page.getByTestId('scheduled-edit');
  expect(await form.getByTestId('counter-credits').innerText()).toBe('Credits: 1 / 8');
  await page.keyboard.press('Control+End');
  const added = ' Please arrive ten minutes early, bring your card and the letter we sent you.'.repeat(2);
  await page.keyboard.type(added);
  const newText = `Your appointment is at ten.${added}`;
  expect(await page.getByTestId('scheduled-edit-text').inputValue()).toBe(newText);
  // The live counter: the longer text takes two credits.
  expect(await form.getByTestId('counter-credits').innerText()).toBe('Credits: 2 / 8');
  await tabTo(page, 'scheduled-edit-time', 10);
  const later = inMinutes(5 * 3_600_000 + 17 * 60_000);
  await page.getByTestId('scheduled-edit-time').fill(localInput(later));
  await noSeriousViolations(page, 'Scheduled SMS with the edit form open');
  await tabTo(page, 'scheduled-edit-save', 15);
  await page.keyboard.press('Enter');
  await page.getByTestId('toast').filter({ hasText: 'changed' }).waitFor();
  await form.waitFor({ state: 'detached' });
  // The keyboard is back on the row's Edit button.
  await expectFocus(page, 'scheduled-edit-button');

  const after = page.locator(`[data-testid=scheduled-row][data-id="${id}"]`);
  await eventually(() => after.getByTestId('scheduled-body').innerText(), (s) => s === newText.trim());
  expect(await after.getByTestId('scheduled-credits').innerText()).toBe('2 credits');
  expect(await after.innerText()).toContain(hoursMinutes(later));
  const stored = await server.db.selectFrom('scheduled_messages').select(['body', 'send_at', 'credits', 'version', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
  expect(stored).toMatchObject({ body: newText, credits: 2, version: 1, status: 'scheduled' });
  expect(new Date(stored.send_at).getTime()).toBe(later.getTime());
  expect(await balance()).toBe(start - 2);
});

it('tells the agent when the message changed meanwhile, and saves only when they replace it on purpose', async () => {
  const r = row('Your appointment is at ten.');
  const id = (await r.getAttribute('data-id'))!;
  await r.getByTestId('scheduled-edit-button').focus();
  await page.keyboard.press('Enter');
  await expectFocus(page, 'scheduled-edit-text');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('See you at ten.');
  // Another window edits it meanwhile (the Banner is not told: its edit still carries version 1).
  await server.db.updateTable('scheduled_messages').set({ body: 'Changed elsewhere.', version: 2 }).where('id', '=', id).execute();
  await tabTo(page, 'scheduled-edit-save', 15);
  await page.keyboard.press('Enter');
  const notice = page.getByTestId('scheduled-edit-changed');
  await notice.waitFor();
  expect(await notice.innerText()).toContain('“Changed elsewhere.”');
  expect((await server.db.selectFrom('scheduled_messages').select('body').where('id', '=', id).executeTakeFirstOrThrow()).body).toBe('Changed elsewhere.');
  // What the agent typed is kept; Save now replaces the other version, knowingly.
  expect(await page.getByTestId('scheduled-edit-text').inputValue()).toBe('See you at ten.');
  expect(await page.getByTestId('scheduled-edit-save').innerText()).toBe('Replace with my version');
  await noSeriousViolations(page, 'changed meanwhile');
  await expectFocus(page, 'scheduled-edit-save');
  await page.keyboard.press('Enter');
  await page.getByTestId('scheduled-edit').waitFor({ state: 'detached' });
  const stored = await server.db.selectFrom('scheduled_messages').select(['body', 'version', 'credits']).where('id', '=', id).executeTakeFirstOrThrow();
  expect(stored).toMatchObject({ body: 'See you at ten.', version: 3, credits: 1 });
  await row('See you at ten.').waitFor();
});

it('tells the agent when the message went meanwhile: nothing is saved, Escape closes an edit', async () => {
  const r = row('See you at ten.');
  const id = (await r.getAttribute('data-id'))!;
  await r.getByTestId('scheduled-edit-button').focus();
  await page.keyboard.press('Enter');
  await expectFocus(page, 'scheduled-edit-text');
  await page.keyboard.press('Escape');
  await page.getByTestId('scheduled-edit').waitFor({ state: 'detached' });
  await expectFocus(page, 'scheduled-edit-button');

  await page.keyboard.press('Enter');
  await expectFocus(page, 'scheduled-edit-text');
  await page.keyboard.type(' Thanks!');
  await server.db.updateTable('scheduled_messages').set({ status: 'cancelled', ended_at: new Date() }).where('id', '=', id).execute();
  await tabTo(page, 'scheduled-edit-save', 15);
  await page.keyboard.press('Enter');
  await page.getByTestId('toast').filter({ hasText: 'no longer waits' }).waitFor();
  await page.getByTestId('scheduled-empty').waitFor();
  expect((await server.db.selectFrom('scheduled_messages').select('body').where('id', '=', id).executeTakeFirstOrThrow()).body).toBe('See you at ten.');
});

async function startConversation(): Promise<void> {
  await tabTo(page, 'new-button');
  await page.keyboard.press('Enter');
  await expectFocus(page, 'new-sms');
  await page.keyboard.press('Enter');
  await page.getByTestId('new-sms-dialog').waitFor();
  await page.keyboard.type(CUSTOMER_2);
  await page.locator('[data-testid=recipient-status][data-state=valid]').waitFor();
  await page.getByTestId('routing-smart').click();
  await page.getByTestId('queue-select').selectOption({ label: 'Support' });
  await page.getByTestId('start-button').click();
  await page.getByTestId('conversation').waitFor();
}

it('after Send in a conversation with an undo window, the Undo bar takes the message back from the keyboard', async () => {
  const start = await balance();
  await startConversation();
  await tabTo(page, 'message-input', 20);
  await page.keyboard.type('Please ignore my last message.');
  await tabTo(page, 'send-button', 20);
  await page.keyboard.press('Enter');
  await page.getByTestId('send-confirm-dialog').waitFor();
  await page.getByTestId('send-confirm-dialog').getByRole('button', { name: 'Send' }).press('Enter');
  const offer = page.getByTestId('undo-offer');
  await offer.waitFor();
  expect(await offer.innerText()).toMatch(/goes in \d+ s/);
  const id = (await offer.getAttribute('data-id'))!;
  expect((await server.db.selectFrom('scheduled_messages').select(['origin', 'interaction_id']).where('id', '=', id).executeTakeFirstOrThrow()).origin).toBe('undo');
  expect(await balance()).toBe(start - 1);
  await noSeriousViolations(page, 'Undo bar in a conversation');

  await tabTo(page, 'undo-button');
  await page.keyboard.press('Enter');
  await page.getByTestId('toast').filter({ hasText: 'undone' }).waitFor();
  await offer.waitFor({ state: 'detached' });
  expect(await balance()).toBe(start);
  expect((await server.db.selectFrom('scheduled_messages').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('cancelled');
  expect(await server.db.selectFrom('messages').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
});

it('schedules a conversation message with Send later from the keyboard, and lists it under Scheduled SMS', async () => {
  const start = await balance();
  // In the conversation of the test before.
  await tabTo(page, 'message-input', 20);
  await page.keyboard.type('Your ticket will be closed tonight.');
  await page.getByTestId('send-later').locator('summary').focus();
  await page.keyboard.press('Enter');
  await tabTo(page, 'send-later-input', 5);
  const at = inMinutes(3 * 3_600_000);
  await page.getByTestId('send-later-input').fill(localInput(at));
  await noSeriousViolations(page, 'conversation with Send later open');
  await tabTo(page, 'schedule-button', 15);
  await page.keyboard.press('Enter');
  await eventually(() => page.getByTestId('draft-status').innerText(), (s) => s.startsWith('Message scheduled for') && s.includes(hoursMinutes(at)));
  expect(await page.getByTestId('message-input').inputValue()).toBe('');
  expect(await balance()).toBe(start - 1);
  const stored = await server.db.selectFrom('scheduled_messages').select(['id', 'send_at', 'status', 'interaction_id', 'origin']).where('body', '=', 'Your ticket will be closed tonight.').executeTakeFirstOrThrow();
  expect(stored).toMatchObject({ status: 'scheduled', origin: 'schedule' });
  expect(stored.interaction_id).not.toBeNull();
  expect(new Date(stored.send_at).getTime()).toBe(at.getTime());

  await openScheduled();
  const r = row('Your ticket will be closed tonight.');
  await r.waitFor();
  expect(await r.getAttribute('data-id')).toBe(stored.id);
  expect(await r.innerText()).toContain(CUSTOMER_2);
  expect(await r.innerText()).toContain(hoursMinutes(at));
});
