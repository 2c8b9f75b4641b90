// Who is this customer, in the browser: a reply to a Direct SMS shows that SMS above it; the
// contact name set beside a conversation heads it; the New SMS dialog tells who holds the
// number and how the last Direct SMS went; all of it by keyboard, and axe clean.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDirect } from '../../src/app/send-direct.js';
import { systemClock, uuidV7Generator } from '../../src/platform/system.js';
import { seriousViolations } from './axe.js';
import { eventually, expectFocus, focused, launchBrowser, openBanner, signIn, type AgentPage } from './browser.js';
import { NUMBERS } from '../fixtures/world.js';
import { AUTO_REPLY, startE2eServer, type E2eServer } from './server.js';

let server: E2eServer;
let browser: Browser;
let bea: AgentPage;
let sam: AgentPage;
const CUSTOMER = '+33611002233';

/** Tab (forwards) until the element with this test id has focus: the keyboard-only way there. */
async function tabTo(page: Page, testId: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await focused(page)) === testId) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${testId} was not reached with Tab; focus is on ${await focused(page)}`);
}

/** Kept as a test artifact (the README shows a copy from docs/screenshots). */
async function shoot(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR ?? path.resolve('.test-results/screenshots');
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

async function expectAxeClean(page: Page): Promise<void> {
  const v = await seriousViolations(page);
  expect(v, JSON.stringify(v, null, 2)).toEqual([]);
}

beforeAll(async () => {
  server = await startE2eServer();
  // Bea sends Direct SMS from the Support number too: the customer's reply lands in the Support queue.
  const { profile_id } = await server.db.selectFrom('agents').select('profile_id').where('id', '=', server.logins.both.agentId).executeTakeFirstOrThrow();
  await server.db.insertInto('profile_numbers').values({ profile_id: profile_id!, number_id: server.world.numbers.support }).execute();
  browser = await launchBrowser();
  bea = await openBanner(browser, server.url);
  sam = await openBanner(browser, server.url);
  await signIn(bea.page, server.logins.both);
  await signIn(sam.page, server.logins.smartOnly);
  await server.db.updateTable('agents').set({ role: 'admin' }).where('id', '=', server.logins.colleague.agentId).execute();
});

afterAll(async () => {
  await bea?.context.close();
  await sam?.context.close();
  await browser?.close();
  await server?.close();
});

describe('who is this customer', () => {
  it('a reply to a Direct SMS shows that SMS above it; the contact name set by keyboard heads the conversation', async () => {
    const deps = { db: server.db, clock: systemClock, ids: uuidV7Generator(), wake: () => undefined };
    await sendDirect(deps, { accountId: server.world.accountId, agentId: server.logins.both.agentId }, { recipient: CUSTOMER, senderId: server.world.numbers.support, text: 'Your parcel is ready at the desk' });
    // The simulator delivers it and the customer answers: a waiting conversation in Support.
    const view = bea.page.getByTestId('list-waiting').getByRole('button', { name: new RegExp(`View the waiting conversation with .*\\${CUSTOMER}`) });
    await view.first().waitFor({ timeout: 15_000 });
    await view.first().click();

    const conversation = bea.page.getByTestId('conversation');
    await conversation.getByTestId('thread-message').filter({ hasText: AUTO_REPLY }).waitFor();
    const replied = conversation.getByTestId('in-reply-to');
    await replied.waitFor();
    expect(await replied.innerText()).toMatch(/In reply to the SMS sent by Bea Both/);
    expect(await replied.innerText()).toContain('Your parcel is ready at the desk');
    // Above the reply it answers.
    const order = await conversation.locator('[data-testid=in-reply-to], [data-testid=thread-message][data-direction=in]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(order.slice(0, 2)).toEqual(['in-reply-to', 'thread-message']);

    // Keyboard only: open the timeline panel, edit the name, save with Enter.
    await tabTo(bea.page, 'timeline-panel-toggle');
    await bea.page.keyboard.press('Enter');
    expect(await bea.page.getByTestId('timeline-panel-toggle').getAttribute('aria-expanded')).toBe('true');
    await tabTo(bea.page, 'edit-contact-name');
    await bea.page.keyboard.press('Enter');
    await expectFocus(bea.page, 'contact-name-input');
    // Esc leaves the editor, not the conversation.
    await bea.page.keyboard.type('Someone else');
    await bea.page.keyboard.press('Escape');
    await expectFocus(bea.page, 'edit-contact-name');
    expect(await conversation.count()).toBe(1);
    await bea.page.keyboard.press('Enter');
    await expectFocus(bea.page, 'contact-name-input');
    await bea.page.keyboard.type('  Jane Doe ');
    await bea.page.keyboard.press('Enter');
    await eventually(() => conversation.getByRole('heading', { level: 2 }).innerText(), (h) => h === `Conversation with Jane Doe (${CUSTOMER})`);
    expect(await conversation.getByTestId('contact-name-value').innerText()).toBe('Jane Doe');
    const stored = await server.db.selectFrom('contacts').select(['name', 'updated_by']).where('number', '=', CUSTOMER).executeTakeFirstOrThrow();
    expect(stored).toEqual({ name: 'Jane Doe', updated_by: server.logins.both.agentId });

    // The timeline beside it: the waiting conversation and Bea's own Direct SMS, with its text and status.
    const entries = conversation.getByTestId('timeline-entry');
    await eventually(() => entries.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind'))), (k) => k.includes('conversation') && k.includes('direct'));
    const direct = conversation.locator('[data-testid=timeline-entry][data-kind=direct]');
    expect(await direct.innerText()).toContain('Direct SMS from you');
    expect(await direct.innerText()).toContain('Your parcel is ready at the desk');
    await eventually(() => direct.getByTestId('timeline-direct-status').getAttribute('data-status'), (s) => s === 'delivered');
    expect(await conversation.locator('[data-testid=timeline-entry][data-kind=conversation]').innerText()).toMatch(/Conversation waiting in Support/);
    await expectAxeClean(bea.page);
    await shoot(bea.page, 'timeline');
  });

  it('the New SMS dialog tells who holds the number and how the last Direct SMS went, by keyboard', async () => {
    // Sam takes the waiting conversation: he holds the number now.
    // The button's accessible name says who, the number beside the name.
    const take = sam.page.getByRole('button', { name: `Take the conversation with Jane Doe (${CUSTOMER})`, exact: true });
    await take.first().waitFor({ timeout: 10_000 });
    await take.first().click();
    await eventually(() => sam.page.getByTestId('conversation-status').innerText(), (s) => /progress/i.test(s));
    // Sam sees the name Bea gave, in his conversation's heading.
    await eventually(() => sam.page.getByTestId('conversation').getByRole('heading', { level: 2 }).innerText(), (h) => h.includes('Jane Doe') && h.includes(CUSTOMER));

    const page = bea.page;
    await page.getByTestId('new-button').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('new-sms').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('new-sms-dialog').waitFor();
    await expectFocus(page, 'recipient-input');
    await page.keyboard.type(CUSTOMER);
    const summary = page.getByTestId('timeline-summary');
    await summary.waitFor();
    await eventually(() => summary.getByTestId('timeline-holder').innerText(), (s) => s === 'Open conversation in Support with Sam Smart');
    expect(await summary.getByTestId('timeline-last-direct').innerText()).toMatch(/^Last Direct SMS .+, delivered$/);
    expect(await summary.getByTestId('contact-name-value').innerText()).toBe('Jane Doe');

    await tabTo(page, 'timeline-toggle');
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('timeline-toggle').getAttribute('aria-expanded')).toBe('true');
    const kinds = await summary.getByTestId('timeline-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual(['conversation', 'direct']);
    await shoot(page, 'new-sms-timeline');
    expect(await summary.locator('[data-testid=timeline-entry][data-kind=conversation]').innerText()).toMatch(/Conversation in Support with Sam Smart\s*1 message\b/);
    await expectAxeClean(page);

    // A number never written to.
    await page.getByTestId('recipient-input').fill('+33699887766');
    await eventually(() => summary.getByTestId('timeline-holder').innerText(), (s) => s === 'No open conversation with this number.');
    expect(await summary.getByTestId('timeline-last-direct').innerText()).toBe('No Direct SMS sent to this number yet.');
    expect(await summary.getByText('No name yet').count()).toBe(1);
    await page.keyboard.press('Escape');
    await page.getByTestId('new-sms-dialog').waitFor({ state: 'detached' });

    // The customer opts out: Sam's timeline shows it as it happened, live.
    const panel = sam.page.getByTestId('conversation').getByTestId('timeline-panel');
    await panel.getByTestId('timeline-panel-toggle').click();
    await panel.getByTestId('timeline-entry').first().waitFor();
    // With the panel open at 1280×900, the reply box and its Send button stay in view.
    const viewport = sam.page.viewportSize()!;
    const send = await sam.page.getByTestId('conversation').getByTestId('send-button').boundingBox();
    expect(send).not.toBeNull();
    expect(send!.y).toBeGreaterThanOrEqual(0);
    expect(send!.y + send!.height).toBeLessThanOrEqual(viewport.height);
    expect(send!.x + send!.width).toBeLessThanOrEqual(viewport.width);
    // Not clipped by a scrolling box either: what is drawn at its centre is the button.
    const hit = await sam.page.evaluate<boolean>(`document.elementFromPoint(${send!.x + send!.width / 2}, ${send!.y + send!.height / 2})?.closest('[data-testid=send-button]') != null`);
    expect(hit).toBe(true);
    await server.receive(CUSTOMER, NUMBERS.support, 'STOP');
    await eventually(() => panel.locator('[data-testid=timeline-entry][data-kind=consent]').allInnerTexts(), (t) => t.length === 1 && t[0]!.includes('Opted out (STOP)'));
    await panel.getByTestId('timeline-opted-out').waitFor();
  });

  it('an earlier conversation with the customer opens from the timeline, by keyboard', async () => {
    const page = sam.page;
    const conversation = page.getByTestId('conversation');
    await conversation.getByTestId('close-conversation').click();
    await page.getByTestId('close-confirm-dialog').getByRole('button', { name: 'Close and archive' }).click();
    await eventually(() => conversation.getByTestId('conversation-status').innerText(), (s) => /closed/i.test(s));
    // The toast names the customer too, the number beside the name.
    await page.getByTestId('toast').filter({ hasText: `Conversation with Jane Doe (${CUSTOMER}) closed.` }).waitFor();
    // The customer writes again: a new waiting conversation.
    await server.receive(CUSTOMER, NUMBERS.support, 'START');
    const view = page.getByTestId('list-waiting').getByRole('button', { name: `View the waiting conversation with Jane Doe (${CUSTOMER})`, exact: true });
    await view.first().waitFor({ timeout: 10_000 });
    await view.first().click();
    await eventually(() => conversation.getByTestId('conversation-status').innerText(), (s) => /waiting/i.test(s));
    const waitingId = await conversation.getByTestId('thread-message').first().getAttribute('data-message-id');

    await tabTo(page, 'timeline-panel-toggle');
    await page.keyboard.press('Enter');
    // Only the earlier one is offered: the one on screen is already open.
    await eventually(() => conversation.getByTestId('timeline-open').count(), (n) => n === 1);
    await tabTo(page, 'timeline-open');
    expect(await page.evaluate<string>('document.activeElement.getAttribute("aria-label")')).toBe('Open this conversation in Support');
    await page.keyboard.press('Enter');
    await eventually(() => conversation.getByTestId('conversation-status').innerText(), (s) => /closed/i.test(s));
    await conversation.getByTestId('thread-message').filter({ hasText: AUTO_REPLY }).waitFor();
    expect(await conversation.getByTestId('thread-message').first().getAttribute('data-message-id')).not.toBe(waitingId);
    await expectAxeClean(page);
  });

  it('an administrator imports contact names from CSV, reads which lines were refused and why, and finds a name', async () => {
    const cole = await openBanner(browser, server.url);
    try {
      const page = cole.page;
      await signIn(page, server.logins.colleague);
      await page.getByRole('link', { name: 'Administration' }).click();
      await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Contacts', exact: true }).click();
      await page.getByRole('heading', { name: 'Contacts', level: 2 }).waitFor();
      // Bea's name for the customer is already there.
      await eventually(() => page.getByTestId('contacts-table').innerText(), (s) => s.includes('Jane Doe') && s.includes('Bea Both'));

      // Keyboard only: into the CSV field, type the file, Tab to Import, Enter.
      await tabTo(page, 'contacts-csv');
      await page.keyboard.type('number,name\n+44 7400 123456,"Smith, John"\n0612345678,No country code\n');
      await tabTo(page, 'contacts-import-submit');
      await page.keyboard.press('Enter');
      await eventually(() => page.getByTestId('contacts-import').getByTestId('admin-status').innerText(), (s) => s === '1 accepted (1 new, 0 renamed, 0 unchanged), 1 refused.');
      const refused = page.getByTestId('contacts-refused');
      expect(await refused.innerText()).toContain('Not a phone number with its country code.');
      expect(await refused.innerText()).toContain('0612345678,No country code');
      await eventually(() => page.getByTestId('contacts-table').innerText(), (s) => s.includes('Smith, John') && s.includes('+447400123456'));
      await expectAxeClean(page);

      await page.getByTestId('contacts-search').fill('smith');
      await page.keyboard.press('Enter');
      await eventually(() => page.getByTestId('contacts-table').locator('tbody tr').count(), (n) => n === 1);
      expect(await page.getByTestId('contacts-table').innerText()).toContain('Smith, John');
    } finally {
      await cole.context.close();
    }
  });
});
