// A conversation longer than a page, in Chromium against the real server: it opens on its newest
// messages; reaching the top (Home, from the keyboard) loads the page before without moving what
// the agent reads; the "Earlier messages" button is reached with Tab; live messages still arrive
// at the end. Axe on the loaded thread.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NUMBERS } from '../fixtures/world.js';
import { seriousViolations } from './axe.js';
import { eventually, expectFocus, focused, launchBrowser, openBanner, signIn, type AgentPage } from './browser.js';
import { startE2eServer, type E2eServer } from './server.js';

let server: E2eServer;
let browser: Browser;
let agent: AgentPage;
let page: Page;
const CUSTOMER = '+33611116000';
const COUNT = 600;
/** web/src/api/endpoints.ts THREAD_PAGE. */
const PAGE = 200;
const body = (n: number) => `Message ${n} of the long conversation.`;

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
  const { db, world } = server;
  await db
    .insertInto('interactions')
    .values({ id: 'long-thread', account_id: world.accountId, kind: 'sms', status: 'progressing', agent_id: world.agents.both, queue_id: world.queues.support, customer_number: CUSTOMER, sms_number_id: world.numbers.support })
    .execute();
  const start = Date.parse('2026-12-01T08:00:00Z');
  await db
    .insertInto('messages')
    .values(
      Array.from({ length: COUNT }, (_, i) => ({
        id: `long-${String(i + 1).padStart(3, '0')}`,
        account_id: world.accountId,
        interaction_id: 'long-thread',
        direction: i % 3 === 0 ? ('out' as const) : ('in' as const),
        status: i % 3 === 0 ? ('delivered' as const) : ('received' as const),
        from_address: i % 3 === 0 ? NUMBERS.support : CUSTOMER,
        to_address: i % 3 === 0 ? CUSTOMER : NUMBERS.support,
        body: body(i + 1),
        encoding: 'GSM-7' as const,
        units: body(i + 1).length,
        segments: 1,
        credits: 0,
        created_at: new Date(start + i * 60_000),
      })),
    )
    .execute();
  agent = await openBanner(browser, server.url);
  page = agent.page;
  await signIn(page, server.logins.both);
});

afterAll(async () => {
  await agent?.context.close();
  await browser?.close();
  await server?.close();
});

const scroll = () =>
  page.getByTestId('thread-scroll').evaluate((el) => ({ top: el.scrollTop, height: el.scrollHeight, client: el.clientHeight, atBottom: el.scrollHeight - el.scrollTop - el.clientHeight <= 48 }));
const shown = () => page.getByTestId('thread-message').count();
const message = (n: number) => page.locator(`[data-testid=thread-message][data-message-id=long-${String(n).padStart(3, '0')}]`);
/** Where a message sits from the top of the thread's visible box. */
const shownTop = (n: number) =>
  message(n).evaluate((el) => {
    const box = el.closest('[data-testid=thread-scroll]')!;
    return el.getBoundingClientRect().top - box.getBoundingClientRect().top;
  });
/** Where it would sit with the thread scrolled to its very top. */
const topFromStart = (n: number) =>
  message(n).evaluate((el) => {
    const box = el.closest('[data-testid=thread-scroll]')!;
    return el.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
  });

describe('a conversation longer than a page', () => {
  it('opens on its newest messages, loads earlier ones at the top without moving the thread, and still follows live ones', async () => {
    const row = page.getByTestId('list-open').getByTestId('list-row').filter({ hasText: CUSTOMER }).getByRole('button').first();
    await row.waitFor({ timeout: 10_000 });
    await row.focus();
    await page.keyboard.press('Enter');
    await message(COUNT).waitFor({ timeout: 10_000 });
    expect(await shown()).toBe(PAGE);
    expect(await message(COUNT - PAGE + 1).count()).toBe(1);
    expect(await message(COUNT - PAGE).count()).toBe(0);
    await eventually(scroll, (s) => s.atBottom);
    expect(await page.getByTestId('earlier-messages').innerText()).toMatch(/Earlier messages/);

    // From the keyboard: Home reaches the top, where the page before loads; the message the agent reached stays where it was.
    const firstShown = COUNT - PAGE + 1;
    const expectedTop = await topFromStart(firstShown);
    await page.getByTestId('thread-scroll').focus();
    await page.keyboard.press('Home');
    await eventually(shown, (n) => n === 2 * PAGE);
    expect(await message(COUNT - 2 * PAGE + 1).count()).toBe(1);
    expect(Math.abs((await shownTop(firstShown)) - expectedTop)).toBeLessThanOrEqual(2);
    expect((await scroll()).top).toBeGreaterThan(0);
    await expectFocus(page, 'thread-scroll');
    await noSeriousViolations('a long conversation with an earlier page loaded');

    // The button is next with Tab (reaching it shows the top, so the last page may already be on its way); Enter asks too.
    await page.keyboard.press('Tab');
    expect(['earlier-messages', 'thread-scroll']).toContain(await focused(page));
    await page.keyboard.press('Enter');
    await eventually(shown, (n) => n === COUNT);
    await message(1).waitFor();
    // Nothing before the first message: the button goes, and the keyboard stays in the thread.
    await page.getByTestId('earlier-messages').waitFor({ state: 'detached' });
    await eventually(() => focused(page), (f) => f === 'thread-scroll', 5_000);

    // Live messages still arrive at the end: the agent reading above is told, and taken there.
    await server.receive(CUSTOMER, NUMBERS.support, 'A new message after all that history');
    await page.getByTestId('new-messages').waitFor({ timeout: 10_000 });
    await page.getByTestId('new-messages').click();
    await eventually(scroll, (s) => s.atBottom);
    expect(await page.getByTestId('thread-message').last().innerText()).toContain('A new message after all that history');
    expect(await shown()).toBe(COUNT + 1);
  });
});

async function noSeriousViolations(where: string): Promise<void> {
  const v = await seriousViolations(page);
  expect(v, `${where}: ${JSON.stringify(v, null, 2)}`).toEqual([]);
}
