// Writing faster, in Chromium against the real server: the thread follows new messages (a button
// when the agent scrolled up), drafts survive a reload and Esc asks before losing one,
// Ctrl+Enter sends (the Smart confirmation still opens), system variables are filled with a
// preview and its credits before Replace, a long template list can be searched, senders show
// their labels, and what stops a message is said before writing. Keyboard only where an agent
// would use it; axe on each screen.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER, CUSTOMER_2, NUMBERS } from '../fixtures/world.js';
import { seriousViolations } from './axe.js';
import { eventually, expectFocus, focused, launchBrowser, openBanner, signIn, type AgentPage } from './browser.js';
import { startE2eServer, type E2eServer } from './server.js';

let server: E2eServer;
let browser: Browser;
let bea: AgentPage;
let page: Page;
const GREETING_ID = 'tpl_greeting';
const THREAD_CUSTOMER = '+33611112222';

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
  const { db, world } = server;
  const { profile_id } = await db.selectFrom('agents').select('profile_id').where('id', '=', world.agents.both).executeTakeFirstOrThrow();
  // Labels, a sender name customers cannot answer, a contact name, and a long template list.
  await db.updateTable('sms_numbers').set({ label: 'Direct line' }).where('id', '=', world.numbers.direct).execute();
  await db.updateTable('sms_numbers').set({ label: 'Support FR' }).where('id', '=', world.numbers.support).execute();
  await db.insertInto('sms_numbers').values({ id: 'num_acme', account_id: world.accountId, address: 'ACME' }).execute();
  await db.insertInto('profile_numbers').values({ profile_id: profile_id!, number_id: 'num_acme' }).execute();
  await db.insertInto('contacts').values({ account_id: world.accountId, number: CUSTOMER, name: 'Ann Lee' }).execute();
  const extra = [{ id: GREETING_ID, name: 'Greeting', body: 'Hello $customer_name, this is $agent_first_name. Ref $ref.' }];
  for (let i = 1; i <= 8; i++) extra.push({ id: `tpl_more_${i}`, name: `Notice ${i}`, body: `Notice number ${i}.` });
  await db.insertInto('templates').values(extra.map((t) => ({ ...t, account_id: world.accountId }))).execute();
  await db.insertInto('profile_templates').values(extra.map((t) => ({ profile_id: profile_id!, template_id: t.id }))).execute();
  await db.insertInto('opt_outs').values({ account_id: world.accountId, number: CUSTOMER_2, keyword: 'STOP', opted_out_at: new Date('2026-12-01T09:30:00Z') }).execute();

  bea = await openBanner(browser, server.url);
  page = bea.page;
  await signIn(page, server.logins.both);
});

afterAll(async () => {
  await bea?.context.close();
  await browser?.close();
  await server?.close();
});

/** Kept as test artifacts, like the other browser tests' screenshots. */
const SHOTS = process.env.SCREENSHOT_DIR ?? path.resolve('.test-results/screenshots');
async function shot(name: string): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

async function noSeriousViolations(where: string): Promise<void> {
  const v = await seriousViolations(page);
  expect(v, `${where}: ${JSON.stringify(v, null, 2)}`).toEqual([]);
}

/** New → SMS with the keyboard. */
async function openNewSms(): Promise<void> {
  await page.getByTestId('new-button').focus();
  await page.keyboard.press('Enter');
  await expectFocus(page, 'new-sms');
  await page.keyboard.press('Enter');
  await page.getByTestId('new-sms-dialog').waitFor();
  await expectFocus(page, 'recipient-input');
}

async function tabTo(testId: string): Promise<void> {
  for (let i = 0; i < 30 && (await focused(page)) !== testId; i++) await page.keyboard.press('Tab');
  await expectFocus(page, testId);
}

/** Direct from the routing choice, with the keyboard; the form moves focus to its heading when it opens. */
async function chooseDirect(): Promise<void> {
  await tabTo('routing-direct');
  await page.keyboard.press('Enter');
  await page.getByTestId('direct-form').waitFor();
  await eventually(() => focused(page), (f) => f === 'h3', 5_000);
}

const value = (testId: string) => page.getByTestId(testId).inputValue();
const text = (testId: string) => page.getByTestId(testId).first().innerText();

async function reloadBanner(): Promise<void> {
  await page.reload();
  await page.locator('[data-testid=live-indicator][data-status=online]').waitFor({ timeout: 15_000 });
}

describe('the New SMS dialog', () => {
  it('says a number opted out as soon as it is checked, before anything is written', async () => {
    await openNewSms();
    await page.keyboard.type(CUSTOMER_2);
    await page.getByTestId('warning-opted-out').waitFor();
    expect(await text('warning-opted-out')).toMatch(/^This number opted out on .*2026.*Nothing can be sent to it\. The customer sent “STOP”\.$/);
    await noSeriousViolations('New SMS with an opted-out number');
    await shot('writing-opted-out');
    await page.getByTestId('recipient-input').fill('');
    await page.getByTestId('warning-opted-out').waitFor({ state: 'detached' });
  });

  it('fills system variables, previews the text and its credits before Replace, and finds a template in a long list', async () => {
    await page.keyboard.type(CUSTOMER);
    await page.locator('[data-testid=recipient-status][data-state=valid]').waitFor();
    await chooseDirect();

    // The sender with its label; a sender name says customers cannot answer it.
    const options = await page.getByTestId('sender-select').locator('option').allInnerTexts();
    expect(options).toContain(`Direct line (${NUMBERS.direct})`);
    expect(await page.getByTestId('sender-no-reply').count()).toBe(0);
    await page.getByTestId('sender-select').selectOption('num_acme');
    expect(await text('sender-no-reply')).toBe('Customers cannot reply to a sender name.');
    await page.getByTestId('sender-select').selectOption({ label: `Direct line (${NUMBERS.direct})` });
    expect(await page.getByTestId('sender-no-reply').count()).toBe(0);

    // Eleven templates: a search field; Enter takes the first match without sending anything.
    await tabTo('template-search');
    await page.keyboard.type('greet');
    expect(await text('template-search-status')).toBe('1 of 11 templates shown.');
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('template-select').inputValue()).toBe(GREETING_ID);
    expect(await page.getByTestId('toast').count()).toBe(0);

    expect(await value('variable-customer_name')).toBe('Ann Lee');
    expect(await value('variable-agent_first_name')).toBe('Bea');
    expect(await page.getByTestId('variable-customer_name-filled').innerText()).toBe('filled for you');
    expect(await value('variable-ref')).toBe('');
    expect(await text('preview-text')).toBe('Hello Ann Lee, this is Bea. Ref $ref.');
    await page.getByTestId('variable-ref').focus();
    await page.keyboard.type('R-7');
    expect(await text('preview-text')).toBe('Hello Ann Lee, this is Bea. Ref R-7.');
    expect(await text('preview-credits')).toBe('1 credit · 36 characters');
    // The text itself changes only with Replace.
    expect(await value('message-input')).toBe('Hello $customer_name, this is $agent_first_name. Ref $ref.');
    await noSeriousViolations('Direct form with a template, its variables and the preview');
    await shot('writing-variables-preview');
    await tabTo('replace-variables');
    await page.keyboard.press('Enter');
    expect(await value('message-input')).toBe('Hello Ann Lee, this is Bea. Ref R-7.');
  });

  it('asks before Escape throws unsent text away; keeps the draft over a reload; Ctrl+Enter sends', async () => {
    await page.getByTestId('message-input').focus();
    await page.keyboard.press('Escape');
    await page.getByTestId('discard-confirm-dialog').waitFor();
    await noSeriousViolations('the discard question');
    // Escape on the question keeps writing: the dialog and its text stay.
    await page.keyboard.press('Escape');
    await page.getByTestId('discard-confirm-dialog').waitFor({ state: 'detached' });
    expect(await page.getByTestId('new-sms-dialog').count()).toBe(1);
    expect(await value('message-input')).toBe('Hello Ann Lee, this is Bea. Ref R-7.');

    await reloadBanner();
    await openNewSms();
    expect(await value('recipient-input')).toBe(CUSTOMER);
    await page.locator('[data-testid=recipient-status][data-state=valid]').waitFor();
    await chooseDirect();
    expect(await value('message-input')).toBe('Hello Ann Lee, this is Bea. Ref R-7.');
    expect(await page.getByTestId('template-select').inputValue()).toBe(GREETING_ID);

    await page.getByTestId('message-input').focus();
    await page.keyboard.press('Control+Enter');
    // The number has a contact name: the confirmation says who, the number beside the name.
    await page.getByTestId('toast').filter({ hasText: `SMS sent to Ann Lee (${CUSTOMER}).` }).waitFor();
    await page.getByTestId('new-sms-dialog').waitFor({ state: 'detached' });
    const row = await server.db.selectFrom('messages').select(['body', 'from_address']).where('to_address', '=', CUSTOMER).where('interaction_id', 'is', null).executeTakeFirstOrThrow();
    expect(row).toEqual({ body: 'Hello Ann Lee, this is Bea. Ref R-7.', from_address: NUMBERS.direct });

    // Sent: the draft is gone; with nothing written, Escape closes at once as before.
    await openNewSms();
    expect(await value('recipient-input')).toBe('');
    await page.keyboard.press('Escape');
    await page.getByTestId('new-sms-dialog').waitFor({ state: 'detached' });
    expect(await page.getByTestId('discard-confirm-dialog').count()).toBe(0);
  });

  it('Discard forgets the draft', async () => {
    await openNewSms();
    await page.keyboard.type(CUSTOMER);
    await page.locator('[data-testid=recipient-status][data-state=valid]').waitFor();
    await chooseDirect();
    await page.getByTestId('message-input').focus();
    await page.keyboard.type('Not this one');
    await page.keyboard.press('Escape');
    await page.getByTestId('discard-confirm-dialog').waitFor();
    // The question opens on Discard: Enter confirms.
    expect(await page.evaluate<string>('document.activeElement?.textContent ?? ""')).toBe('Discard');
    await page.keyboard.press('Enter');
    await page.getByTestId('new-sms-dialog').waitFor({ state: 'detached' });
    await openNewSms();
    expect(await value('recipient-input')).toBe('');
    await page.keyboard.press('Escape');
    await page.getByTestId('new-sms-dialog').waitFor({ state: 'detached' });
  });
});

describe('a conversation', () => {
  const scroll = () =>
    page.getByTestId('thread-scroll').evaluate((el) => ({ top: el.scrollTop, height: el.scrollHeight, client: el.clientHeight, atBottom: el.scrollHeight - el.scrollTop - el.clientHeight <= 48 }));

  /** As a reader would: the thread scrolled to its top, and its scroll event handled (a frame later). */
  async function scrollToTop(): Promise<void> {
    await page.getByTestId('thread-scroll').evaluate((el) => {
      el.scrollTop = 0;
    });
    await eventually(scroll, (s) => s.top === 0);
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
  }

  it('opens at the newest message, follows new ones, and offers a button when the agent scrolled up', async () => {
    for (let i = 1; i <= 30; i++) await server.receive(THREAD_CUSTOMER, NUMBERS.support, `Message number ${i} from the customer, long enough to take a line.`);
    const take = page.getByRole('button', { name: `Take the conversation with ${THREAD_CUSTOMER}` });
    await take.waitFor({ timeout: 10_000 });
    await take.focus();
    await page.keyboard.press('Enter');
    await eventually(() => text('conversation-status'), (s) => s === 'In progress');
    await page.getByTestId('thread-message').filter({ hasText: 'Message number 30 ' }).waitFor();
    const opened = await scroll();
    expect(opened.height).toBeGreaterThan(opened.client);
    expect(opened.atBottom).toBe(true);
    // The sender with its label.
    expect(await page.getByTestId('conversation').getByTestId('sender-text').innerText()).toBe(`Support FR (${NUMBERS.support})`);

    // Scrolled up to read: an arrival does not move the thread, a button says so.
    await scrollToTop();
    await server.receive(THREAD_CUSTOMER, NUMBERS.support, 'Are you reading?');
    await page.getByTestId('new-messages').waitFor({ timeout: 10_000 });
    expect((await scroll()).top).toBe(0);
    await page.getByTestId('new-messages').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('new-messages').waitFor({ state: 'detached' });
    expect((await scroll()).atBottom).toBe(true);
    // The history scrolls with the keyboard too.
    await page.getByTestId('thread-scroll').focus();
    await page.keyboard.press('Home');
    await eventually(scroll, (s) => s.top === 0);
    await page.keyboard.press('End');
    await eventually(scroll, (s) => s.atBottom);

    // At the bottom, the thread follows.
    await server.receive(THREAD_CUSTOMER, NUMBERS.support, 'One more thing');
    await page.getByTestId('thread-message').filter({ hasText: 'One more thing' }).waitFor({ timeout: 10_000 });
    await eventually(scroll, (s) => s.atBottom);
    expect(await page.getByTestId('new-messages').count()).toBe(0);
    await scrollToTop();
    await server.receive(THREAD_CUSTOMER, NUMBERS.support, 'Still there?');
    await page.getByTestId('new-messages').waitFor({ timeout: 10_000 });
    await shot('writing-new-messages');
    await page.getByTestId('new-messages').click();
    await eventually(scroll, (s) => s.atBottom);
    await noSeriousViolations('a long conversation');
  });

  it('keeps the draft over a reload; Ctrl+Enter opens the confirmation, then sends', async () => {
    await page.getByTestId('message-input').focus();
    await page.keyboard.type('Half-written answer');
    await reloadBanner();
    const row = page.getByTestId('list-open').getByTestId('list-row').filter({ hasText: THREAD_CUSTOMER }).getByRole('button').first();
    await row.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('smart-message-form').waitFor();
    expect(await value('message-input')).toBe('Half-written answer');
    expect(await text('draft-status')).toBe('Your unsent draft was restored.');

    await page.getByTestId('message-input').focus();
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('send-confirm-dialog').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('thread-message').filter({ hasText: 'Half-written answer' }).waitFor({ timeout: 10_000 });
    await eventually(() => value('message-input'), (v) => v === '');
    await eventually(scroll, (s) => s.atBottom);

    await reloadBanner();
    await page.getByTestId('list-open').getByTestId('list-row').filter({ hasText: THREAD_CUSTOMER }).getByRole('button').first().click();
    await page.getByTestId('smart-message-form').waitFor();
    expect(await value('message-input')).toBe('');
  });

  it('says the customer opted out as soon as their STOP arrives', async () => {
    expect(await page.getByTestId('conversation-warnings').getByTestId('warning-opted-out').count()).toBe(0);
    await server.receive(THREAD_CUSTOMER, NUMBERS.support, 'STOP');
    await page.getByTestId('conversation-warnings').getByTestId('warning-opted-out').waitFor({ timeout: 10_000 });
    await noSeriousViolations('a conversation whose customer opted out');
  });

  it('comes first at phone width', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const conv = await page.getByTestId('conversation').boundingBox();
    const lists = await page.locator('.lists').boundingBox();
    expect(conv && lists && conv.y < lists.y).toBe(true);
    expect(await page.getByTestId('message-input').isVisible()).toBe(true);
    // Nothing wider than the screen: the lists' one-line previews once widened the page sideways.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await noSeriousViolations('a conversation at phone width');
    await shot('writing-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});

describe('full slots', () => {
  it('are said in the New SMS dialog before a Smart SMS is written, not for a Direct one', async () => {
    for (const n of ['+33600000001', '+33600000002', '+33600000003']) await server.startCall(server.logins.both.agentId, n);
    await openNewSms();
    await page.keyboard.type(CUSTOMER);
    await page.getByTestId('warning-slot-full').waitFor({ timeout: 10_000 });
    expect(await text('warning-slot-full')).toMatch(/open conversations, your profile’s maximum/);
    // The Smart form: the queue's sender with its label, and a queue without number said at once.
    await tabTo('routing-smart');
    await page.keyboard.press('Enter');
    await page.getByTestId('smart-start-form').waitFor();
    expect(await page.getByTestId('warning-slot-full').count()).toBe(1);
    await page.getByTestId('queue-select').selectOption({ label: 'Support' });
    expect(await text('queue-sender')).toBe(`Messages leave from Support FR (${NUMBERS.support}).`);
    await page.getByTestId('queue-select').selectOption(server.world.queues.unconfigured);
    expect(await text('warning-queue-no-number')).toBe('The queue Unconfigured has no SMS number: a conversation cannot start from it.');
    await noSeriousViolations('the Smart form with full slots and a queue without number');
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByTestId('recipient-input').waitFor();
    await chooseDirect();
    expect(await page.getByTestId('warning-slot-full').count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.getByTestId('new-sms-dialog').waitFor({ state: 'detached' });
  });

  it('a missing provider is said as soon as the number is checked, and in a conversation', async () => {
    await server.db.updateTable('accounts').set({ provider_type: null }).where('id', '=', server.world.accountId).execute();
    await openNewSms();
    await page.keyboard.type(CUSTOMER);
    await page.getByTestId('warning-no-provider').waitFor({ timeout: 10_000 });
    expect(await text('warning-no-provider')).toMatch(/^No SMS provider is configured on the account/);
    await page.keyboard.press('Escape');
    await page.getByTestId('new-sms-dialog').waitFor({ state: 'detached' });
    // Opened again (it was on screen), the conversation checks its customer's number afresh.
    await page.getByRole('button', { name: 'Hide conversation' }).click();
    await page.getByTestId('conversation').waitFor({ state: 'detached' });
    await page.getByTestId('list-open').getByTestId('list-row').filter({ hasText: THREAD_CUSTOMER }).getByRole('button').first().click();
    await page.getByTestId('conversation-warnings').getByTestId('warning-no-provider').waitFor({ timeout: 10_000 });

    // Closing the conversation drops its unsent draft: nothing can be sent there any more.
    const drafts = () => page.evaluate<string[]>("Object.keys(localStorage).filter((k) => k.startsWith('smsdesk.draft.'))");
    await page.getByTestId('message-input').focus();
    await page.keyboard.type('Left unsent');
    await eventually(drafts, (keys) => keys.some((k) => k.includes('.conv.')));
    await page.getByTestId('close-conversation').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('close-confirm-dialog').waitFor();
    await page.keyboard.press('Enter');
    await eventually(() => text('conversation-status'), (st) => st === 'Closed (archived)');
    expect((await drafts()).filter((k) => k.includes('.conv.'))).toEqual([]);
  });
});

describe('sender labels from the administration page', () => {
  it('an administrator labels a number with the keyboard; the agent’s next Direct SMS shows it', async () => {
    await server.db.updateTable('agents').set({ role: 'admin' }).where('id', '=', server.logins.colleague.agentId).execute();
    const admin = await openBanner(browser, server.url);
    try {
      const p = admin.page;
      await signIn(p, server.logins.colleague);
      await p.getByRole('link', { name: 'Administration' }).click();
      await p.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'SMS numbers', exact: true }).click();
      const edit = p.getByRole('button', { name: `Edit ${NUMBERS.direct}` });
      await edit.focus();
      await p.keyboard.press('Enter');
      await p.getByRole('heading', { name: `Edit ${NUMBERS.direct}` }).waitFor();
      const label = p.getByLabel('Label', { exact: true });
      await label.focus();
      await p.keyboard.press('ControlOrMeta+a');
      await p.keyboard.type('Front desk');
      await p.keyboard.press('Enter');
      const row = p.getByRole('row', { name: new RegExp(NUMBERS.direct.replace('+', '\\+')) });
      await eventually(() => row.innerText(), (t) => t.includes('Front desk'));
      const v = await seriousViolations(p);
      expect(v, JSON.stringify(v, null, 2)).toEqual([]);
    } finally {
      await admin.context.close();
    }
    const stored = await server.db.selectFrom('sms_numbers').select('label').where('id', '=', server.world.numbers.direct).executeTakeFirstOrThrow();
    expect(stored.label).toBe('Front desk');

    await page.keyboard.press('Escape'); // the Direct form of the test before, empty: closes at once
    await page.getByTestId('new-sms-dialog').waitFor({ state: 'detached' });
    await openNewSms();
    await page.keyboard.type(CUSTOMER);
    await page.locator('[data-testid=recipient-status][data-state=valid]').waitFor();
    await chooseDirect();
    expect(await page.getByTestId('sender-select').locator('option').allInnerTexts()).toContain(`Front desk (${NUMBERS.direct})`);
    await page.keyboard.press('Escape');
    await page.getByTestId('new-sms-dialog').waitFor({ state: 'detached' });
  });
});
