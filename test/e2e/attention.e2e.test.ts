// What needs the agent now, in Chromium against the real server: unread badges across two agents
// and two tabs of the same agent, read state that follows the agent to another tab and survives a
// reload, waiting time, the tab title, and announcements (sound, notification) that ask for the
// browser's permission only from a click.
//
// Headless Chromium shows every page as visible and focused, and cannot put a tab in the
// background, so an init script makes document.visibilityState, document.hidden and
// document.hasFocus() answer from a flag the test sets (and fires visibilitychange as a browser
// does): the Banner reads exactly these. The same script counts Notification.requestPermission
// calls and the notifications and tones created, calling the real ones.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { NUMBERS } from '../fixtures/world.js';
import { seriousViolations } from './axe.js';
import { eventually, launchBrowser, signIn } from './browser.js';
import { startE2eServer, type E2eServer } from './server.js';

const WATCH = `(() => {
  const A = (window.__attention = { requests: 0, notices: [], tones: 0, hidden: false });
  const Real = window.Notification;
  if (Real) {
    class Watched extends Real {
      constructor(title, options) {
        A.notices.push({ title, body: (options && options.body) || '' });
        super(title, options);
      }
      static get permission() { return Real.permission; }
      static requestPermission(cb) { A.requests++; return Real.requestPermission(cb); }
    }
    window.Notification = Watched;
  }
  Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get() { return A.hidden ? 'hidden' : 'visible'; } });
  Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get() { return A.hidden; } });
  Document.prototype.hasFocus = function () { return !A.hidden; };
  const Ctx = window.AudioContext;
  if (Ctx) {
    const real = Ctx.prototype.createOscillator;
    Ctx.prototype.createOscillator = function () { A.tones++; return real.call(this); };
  }
})();`;

interface Watch {
  requests: number;
  notices: { title: string; body: string }[];
  tones: number;
}

let server: E2eServer;
let browser: Browser;
let samContext: BrowserContext;
let coleContext: BrowserContext;
let tabA: Page;
let tabB: Page;
let cole: Page;

async function watchedContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  await context.addInitScript(WATCH);
  return context;
}

async function bannerPage(context: BrowserContext, login?: Parameters<typeof signIn>[1]): Promise<Page> {
  const page = await context.newPage();
  await page.goto(server.url);
  if (login) {
    await page.getByTestId('login-form').waitFor();
    await signIn(page, login);
  } else {
    // The same browser profile: the session cookie signs the second tab in.
    await page.locator('[data-testid=live-indicator][data-status=online]').waitFor({ timeout: 15_000 });
  }
  return page;
}

const watch = (page: Page) => page.evaluate<Watch>('(() => { const { requests, notices, tones } = window.__attention; return { requests, notices, tones }; })()');
const setHidden = (page: Page, hidden: boolean) => page.evaluate(`window.__attention.hidden = ${hidden}; document.dispatchEvent(new Event('visibilitychange'));`);
const row = (page: Page, list: 'open' | 'waiting', number: string) => page.getByTestId(`list-${list}`).getByTestId('list-row').filter({ hasText: number });
const unread = async (page: Page, list: 'open' | 'waiting', number: string) => {
  const r = row(page, list, number);
  return (await r.count()) === 0 ? null : Number(await r.first().getAttribute('data-unread'));
};

/** Whether Sam's read mark on his conversation with `number` has reached its last message. */
async function samsMarkIsAtLastMessage(number: string): Promise<boolean> {
  const r = await server.db
    .selectFrom('interactions as i')
    .innerJoin('interaction_reads as r', (j) => j.onRef('r.interaction_id', '=', 'i.id').on('r.agent_id', '=', server.logins.smartOnly.agentId))
    .select(['r.last_read_seq', (eb) => eb.selectFrom('messages as m').whereRef('m.interaction_id', '=', 'i.id').select((e) => e.fn.max('m.seq').as('top')).as('top')])
    .where('i.customer_number', '=', number)
    .where('i.status', '=', 'progressing')
    .executeTakeFirst();
  return r !== undefined && r.top !== null && Number(r.last_read_seq) >= Number(r.top);
}

/** Presses Tab until the focused element matches `selector` (keyboard only: no click, no focus()). */
async function tabTo(page: Page, selector: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate<boolean>(`!!document.activeElement && document.activeElement.matches(${JSON.stringify(selector)})`)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

async function noSeriousViolations(page: Page, where: string): Promise<void> {
  const v = await seriousViolations(page);
  expect(v, `${where}: ${JSON.stringify(v, null, 2)}`).toEqual([]);
}

const SHOTS = process.env.SCREENSHOT_DIR ?? path.resolve('.test-results/screenshots');

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
  samContext = await watchedContext();
  coleContext = await watchedContext();
  tabA = await bannerPage(samContext, server.logins.smartOnly);
  tabB = await bannerPage(samContext);
  cole = await bannerPage(coleContext, server.logins.colleague);
});

afterAll(async () => {
  await samContext?.close();
  await coleContext?.close();
  await browser?.close();
  await server?.close();
});

const ALICE = '+33611220001';

it('nothing asks for the notification permission on load', async () => {
  for (const page of [tabA, tabB, cole]) {
    expect((await watch(page)).requests).toBe(0);
    expect(await page.evaluate<string>('Notification.permission')).toBe('default');
    expect(await page.title()).toBe('smsdesk');
  }
});

it('a customer’s reply raises the unread count in both tabs of the agent who holds it; reading it in one tab clears the other live and after a reload', async () => {
  await server.db.insertInto('contacts').values({ account_id: server.world.accountId, number: ALICE, name: 'Alice Martin' }).execute();
  await server.receive(ALICE, NUMBERS.support, 'My parcel has not arrived');
  await row(tabA, 'waiting', ALICE).waitFor();
  // Sam takes it in tab A (it opens there and is read), then puts it aside.
  await row(tabA, 'waiting', ALICE).getByTestId('take').click();
  await eventually(() => tabA.getByTestId('conversation-status').innerText(), (s) => /progress/i.test(s));
  await eventually(() => unread(tabA, 'open', ALICE), (n) => n === 0);
  await tabA.getByRole('button', { name: 'Hide conversation' }).click();

  await server.receive(ALICE, NUMBERS.support, 'Any news?');
  await server.receive(ALICE, NUMBERS.support, 'It was due yesterday, and I need it for a birthday party this weekend, so please tell me where it is.');
  for (const tab of [tabA, tabB]) {
    await eventually(() => unread(tab, 'open', ALICE), (n) => n === 2);
    const button = tab.getByRole('button', { name: /Alice Martin.*2 unread/ });
    await button.waitFor();
    // The contact's name, the number still shown, the last message cut at 80 characters, and the badge.
    await expect(row(tab, 'open', ALICE).innerText()).resolves.toContain(ALICE);
    const preview = await row(tab, 'open', ALICE).getByTestId('list-preview').innerText();
    expect(preview).toBe('It was due yesterday, and I need it for a birthday party this weekend, so please…');
    expect(await row(tab, 'open', ALICE).getByTestId('unread-badge').innerText()).toBe('2');
    await eventually(() => tab.title(), (t) => t === '(2) smsdesk');
  }
  await mkdir(SHOTS, { recursive: true });
  await tabA.screenshot({ path: path.join(SHOTS, 'attention-lists.png') });
  await noSeriousViolations(tabA, 'lists with unread badges');

  // Tab B opens it with the keyboard alone.
  await tabB.bringToFront();
  await tabTo(tabB, '[data-testid=list-open] [data-testid=list-row] button');
  for (let i = 0; i < 10 && !(await tabB.evaluate<boolean>('document.activeElement.closest("[data-testid=list-row]")?.textContent.includes("Alice Martin") ?? false')); i++) await tabB.keyboard.press('Tab');
  await tabB.keyboard.press('Enter');
  await tabB.getByTestId('conversation').waitFor();
  await eventually(() => unread(tabB, 'open', ALICE), (n) => n === 0);
  // Tab A was not touched: the read reaches it live.
  await eventually(() => unread(tabA, 'open', ALICE), (n) => n === 0);
  await eventually(() => tabA.title(), (t) => t === 'smsdesk');
  expect(await tabA.getByRole('button', { name: /unread/ }).count()).toBe(0);

  await tabA.reload();
  await tabA.locator('[data-testid=live-indicator][data-status=online]').waitFor({ timeout: 15_000 });
  await row(tabA, 'open', ALICE).waitFor();
  expect(await unread(tabA, 'open', ALICE)).toBe(0);
  expect(await tabA.title()).toBe('smsdesk');
});

it('a reply to the conversation on screen is read at once while the page is visible, and stays unread while it is hidden', async () => {
  // Tab B still shows Alice's conversation.
  await server.receive(ALICE, NUMBERS.support, 'Hello?');
  await tabB.getByTestId('conversation').getByText('Hello?').waitFor();
  // Marked read by tab B on the server (not only "still 0" in tab A, which may not have heard of the reply yet).
  await eventually(() => samsMarkIsAtLastMessage(ALICE), (done) => done);
  await eventually(() => unread(tabA, 'open', ALICE), (n) => n === 0);

  await setHidden(tabB, true);
  await server.receive(ALICE, NUMBERS.support, 'Still there?');
  await eventually(() => unread(tabA, 'open', ALICE), (n) => n === 1);
  await eventually(() => tabB.title(), (t) => t === '(1) smsdesk');
  // Back to the tab: what it shows is read, and tab A hears of it.
  await setHidden(tabB, false);
  await eventually(() => unread(tabA, 'open', ALICE), (n) => n === 0);
  await eventually(() => tabB.title(), (t) => t === 'smsdesk');
});

const BOB = '+33611220002';

it('the other agent of the queue sees a waiting conversation with how long it has waited, ticking', async () => {
  await server.receive(BOB, NUMBERS.support, 'Can someone help me?');
  await row(cole, 'waiting', BOB).waitFor();
  expect(await unread(cole, 'waiting', BOB)).toBe(1);
  const waited = () => row(cole, 'waiting', BOB).getByTestId('waited').innerText();
  const first = await waited();
  expect(first).toMatch(/^Waiting for \d+ secs?$/);
  await eventually(() => cole.title(), (t) => t === '(1) smsdesk');
  // The list's clock ticks every 15 s: the wait grows without a reload.
  await eventually(waited, (w) => w !== first, 20_000);
  // Sam, a member too, sees it; his own marks are his own.
  await eventually(() => unread(tabA, 'waiting', BOB), (n) => n === 1);
});

it('alerts are turned on from the keyboard: the permission is asked from that key press only, then a notification and a chime announce what arrives while the Banner is not in front', async () => {
  await cole.bringToFront();
  await tabTo(cole, '[data-testid=attention-settings] > summary');
  await cole.keyboard.press('Enter');
  await tabTo(cole, '[data-testid=attention-sound]');
  await cole.keyboard.press('Space');
  await eventually(() => cole.isChecked('[data-testid=attention-sound]'), (c) => c);
  const afterSound = await watch(cole);
  expect(afterSound.tones).toBeGreaterThan(0); // the chime, so the agent hears what it will sound like
  expect(afterSound.requests).toBe(0);

  await cole.keyboard.press('Tab');
  await cole.keyboard.press('Space');
  // Headless Chromium answers the prompt "blocked": the Banner says so and leaves the box unticked.
  await cole.getByText('Notifications are blocked for this site in the browser’s settings.').waitFor();
  expect((await watch(cole)).requests).toBe(1);
  expect(await cole.isChecked('[data-testid=attention-notify]')).toBe(false);
  await noSeriousViolations(cole, 'alert settings');

  // The agent allows notifications in the browser's settings and ticks the box again.
  await coleContext.grantPermissions(['notifications'], { origin: server.url.replace(/\/$/, '') });
  await cole.keyboard.press('Space');
  await eventually(() => cole.isChecked('[data-testid=attention-notify]'), (c) => c);

  // Kept for this agent in this browser.
  await cole.reload();
  await cole.locator('[data-testid=live-indicator][data-status=online]').waitFor({ timeout: 15_000 });
  await cole.getByTestId('attention-settings').locator('summary').click();
  expect(await cole.isChecked('[data-testid=attention-sound]')).toBe(true);
  expect(await cole.isChecked('[data-testid=attention-notify]')).toBe(true);
  const reloaded = await watch(cole);
  expect(reloaded.requests).toBe(0);

  // In front: a new waiting conversation is not announced.
  const CARLA = '+33611220003';
  await server.receive(CARLA, NUMBERS.support, 'Hi, quick question');
  await row(cole, 'waiting', CARLA).waitFor();
  await new Promise((r) => setTimeout(r, 300));
  expect((await watch(cole)).notices).toEqual([]);

  // Not in front: it is.
  await setHidden(cole, true);
  const DAVID = '+33611220004';
  await server.receive(DAVID, NUMBERS.support, 'Is the shop open on Sunday?');
  const seen = await eventually(() => watch(cole), (w) => w.notices.length === 1);
  expect(seen.notices[0]).toEqual({ title: `New conversation waiting: ${DAVID}`, body: 'Is the shop open on Sunday?' });
  expect(seen.tones).toBeGreaterThan(reloaded.tones);

  // Cole takes David's conversation, puts it aside; David's reply while the Banner is hidden is announced too.
  await setHidden(cole, false);
  await row(cole, 'waiting', DAVID).getByTestId('take').click();
  await eventually(() => cole.getByTestId('conversation-status').innerText(), (s) => /progress/i.test(s));
  await cole.getByRole('button', { name: 'Hide conversation' }).click();
  await setHidden(cole, true);
  await server.receive(DAVID, NUMBERS.support, 'Thanks, and on Monday?');
  const replied = await eventually(() => watch(cole), (w) => w.notices.length === 2);
  expect(replied.notices[1]).toEqual({ title: `Reply from ${DAVID}`, body: 'Thanks, and on Monday?' });
  await setHidden(cole, false);

  // On a screen others can see, the agent hides the customer's words: the notification says only who wrote.
  expect(await cole.isChecked('[data-testid=attention-show-text]')).toBe(true);
  await cole.getByLabel('Show the message text in notifications').uncheck();
  await setHidden(cole, true);
  await server.receive(DAVID, NUMBERS.support, 'My card ends 4242');
  const hiddenText = await eventually(() => watch(cole), (w) => w.notices.length === 3);
  expect(hiddenText.notices[2]).toEqual({ title: `Reply from ${DAVID}`, body: 'Open the Banner to read the message.' });
  await setHidden(cole, false);

  // Sam turned nothing on: his tabs announced nothing and asked for nothing.
  for (const tab of [tabA, tabB]) expect(await watch(tab)).toMatchObject({ requests: 0, notices: [] });
});
