// "What happened to what I sent" in a real browser against the real server (dispatcher and
// simulator): an agent sends a Direct SMS that the simulator fails, opens Sent SMS, sees the
// status turn failed live with the plain reason and the provider's code (English and French),
// and sends it again: a new message, a new debit, the two linked. Keyboard only, axe clean.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { creditBalance } from '../../src/db/credits.js';
import { UK_CUSTOMER } from '../fixtures/world.js';
import { seriousViolations } from './axe.js';
import { eventually, expectFocus, focused, launchBrowser, openBanner, signIn, type AgentPage } from './browser.js';
import { SIMULATOR, startE2eServer, type E2eServer } from './server.js';

let server: E2eServer;
let browser: Browser;
let bea: AgentPage;
let page: Page;

const TEXT = 'Your parcel is at the depot.';

beforeAll(async () => {
  server = await startE2eServer();
  // Every send of this file fails after acceptance, reported by the simulator as a carrier would.
  await server.db.updateTable('accounts').set({ provider_config: JSON.stringify({ ...SIMULATOR, outcome: 'failed', autoReply: null }) }).where('id', '=', server.world.accountId).execute();
  browser = await launchBrowser();
  bea = await openBanner(browser, server.url);
  page = bea.page;
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

const SHOTS = process.env.SCREENSHOT_DIR ?? path.resolve('.test-results/screenshots');

const rows = (p: Page) => p.getByTestId('sent-view').getByTestId('sent-row');

it('an agent sends a Direct SMS with the keyboard, opens Sent SMS and sees it fail live with the plain reason and the code', async () => {
  const login = server.logins.both;
  await page.keyboard.type(login.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(login.password);
  await page.keyboard.press('Enter');
  await page.locator('[data-testid=live-indicator][data-status=online]').waitFor({ timeout: 15_000 });
  const start = await creditBalance(server.db, server.world.accountId);

  // The Sent view first: the message appears in it live, then fails live.
  await tabTo(page, 'open-sent');
  await page.keyboard.press('Enter');
  await page.getByTestId('sent-view').getByText('You have not sent a Direct SMS yet.').waitFor();
  expect(await page.getByTestId('open-sent').getAttribute('aria-pressed')).toBe('true');

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
  await page.keyboard.type(TEXT);
  await tabTo(page, 'send-button', 10);
  await page.keyboard.press('Enter');
  await page.getByTestId('new-sms-dialog').waitFor({ state: 'detached' });

  const first = rows(page).filter({ hasText: TEXT }).first();
  await first.waitFor();
  await eventually(() => first.getAttribute('data-status'), (s) => s === 'failed', 15_000);
  const reason = first.getByTestId('sent-reason');
  await reason.waitFor();
  expect(await reason.getAttribute('data-reason')).toBe('blocked_by_carrier');
  expect(await reason.innerText()).toContain('Blocked by the customer’s carrier or by the customer.');
  expect(await first.getByTestId('sent-code').innerText()).toContain('provider code SIM_UNDELIVERABLE');
  expect(await first.getByTestId('sent-credits').innerText()).toBe('1 credit');
  expect(await first.getByTestId('message-status').innerText()).toBe('Failed');
  expect(await first.innerText()).toContain(UK_CUSTOMER);
  expect(await creditBalance(server.db, server.world.accountId)).toBe(start - 1);
  await noSeriousViolations(page, 'Sent SMS with a failure');
});

it('says the same reason in French, with the code', async () => {
  const fr = await openBanner(browser, server.url, 'fr-FR');
  try {
    await signIn(fr.page, server.logins.both);
    await fr.page.getByTestId('open-sent').click();
    const row = rows(fr.page).filter({ hasText: TEXT }).first();
    await row.getByTestId('sent-reason').waitFor();
    expect(await row.getByTestId('sent-reason').innerText()).toContain('Bloqué par l’opérateur du client ou par le client.');
    expect(await row.getByTestId('sent-code').innerText()).toContain('code fournisseur SIM_UNDELIVERABLE');
    expect(await row.getByTestId('message-status').innerText()).toBe('Échec');
    expect(await row.getByTestId('send-again').innerText()).toBe('Renvoyer');
    await noSeriousViolations(fr.page, 'SMS envoyés');
  } finally {
    await fr.context.close();
  }
});

it('sends it again with the keyboard: confirmed, debited again, and the two linked', async () => {
  const start = await creditBalance(server.db, server.world.accountId);
  const first = rows(page).filter({ hasText: TEXT }).first();
  const firstId = await first.getAttribute('data-id');
  await tabTo(page, 'send-again');
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('resend-confirm-dialog');
  await dialog.waitFor();
  expect(await dialog.innerText()).toContain(`The same text goes to ${UK_CUSTOMER} as a new message, debited again: 1 credit.`);
  await noSeriousViolations(page, 'Send again confirmation');
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached' });
  await page.getByTestId('toast').filter({ hasText: `Sent again to ${UK_CUSTOMER}.` }).waitFor();

  // The new message is on top, says what it repeats, and has the focus.
  const again = rows(page).first();
  await eventually(() => again.getAttribute('data-id'), (id) => id !== firstId);
  const againId = (await again.getAttribute('data-id')) ?? '';
  await eventually(() => focused(page), (f) => f === 'sent-row');
  expect(await page.evaluate<string>('document.activeElement.id')).toBe(`sent-${againId}`);
  await again.getByTestId('sent-show-first').waitFor();
  const stored = await server.db.selectFrom('messages').select(['resend_of', 'body', 'to_address']).where('id', '=', againId).executeTakeFirstOrThrow();
  expect(stored).toEqual({ resend_of: firstId, body: TEXT, to_address: UK_CUSTOMER });
  expect(await creditBalance(server.db, server.world.accountId)).toBe(start - 1);

  // The first no longer offers Send again: it links to its resend instead.
  const firstRow = page.locator(`[data-testid=sent-row][data-id="${firstId}"]`);
  await firstRow.getByTestId('sent-show-new').waitFor();
  expect(await firstRow.getByTestId('send-again').count()).toBe(0);
  // The resend fails too (the simulator fails every send here): live, with its reason.
  await eventually(() => again.getAttribute('data-status'), (s) => s === 'failed', 15_000);
  await again.getByTestId('sent-reason').waitFor();
  // A screen reader is told that change alone, in a polite status region (the list is not live).
  const announcement = page.getByTestId('sent-announcement');
  expect(await announcement.getAttribute('role')).toBe('status');
  await eventually(() => announcement.textContent(), (t) => t === `SMS to ${UK_CUSTOMER}: Failed`);
  expect(await page.locator('ol.sent__list').getAttribute('aria-live')).toBeNull();

  // From the resend, the keyboard reaches the first, and from the first, the resend.
  await tabTo(page, 'sent-show-first');
  await page.keyboard.press('Enter');
  await eventually(() => page.evaluate<string>('document.activeElement.id'), (id) => id === `sent-${firstId}`);
  await tabTo(page, 'sent-show-new');
  await page.keyboard.press('Enter');
  await eventually(() => page.evaluate<string>('document.activeElement.id'), (id) => id === `sent-${againId}`);
  await noSeriousViolations(page, 'Sent SMS after Send again');
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, 'sent-view.png') });
});

it('shows older messages page by page: Show older from the keyboard puts the focus on the first older row, and the last page has no button', async () => {
  // 55 more Direct SMS through the API as the signed-in agent (the view's page is 50).
  const sent = await page.evaluate(async (to: string) => {
    const me = (await (await fetch('/api/me')).json()) as { csrfToken: string };
    const options = (await (await fetch('/api/direct/options')).json()) as { senders: { id: string; address: string }[] };
    const sender = options.senders.find((s) => s.address.startsWith('+')) ?? options.senders[0]!;
    let ok = 0;
    for (let i = 1; i <= 55; i++) {
      const r = await fetch('/api/direct/messages', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ recipient: to, senderId: sender.id, text: `Older page check ${i}` }),
      });
      if (r.status === 201) ok++;
    }
    return ok;
  }, UK_CUSTOMER);
  expect(sent).toBe(55);
  // All of them failed before the reload: what follows changes no status, so nothing is to be announced.
  const pending = () => server.db.selectFrom('messages').select((eb) => eb.fn.countAll<string>().as('n')).where('to_address', '=', UK_CUSTOMER).where('status', '!=', 'failed').executeTakeFirstOrThrow();
  await eventually(pending, (r) => Number(r.n) === 0, 15_000);
  await page.reload();
  await page.locator('[data-testid=live-indicator][data-status=online]').waitFor({ timeout: 15_000 });
  await page.getByTestId('open-sent').click();
  await eventually(() => rows(page).count(), (n) => n === 50);
  expect(await rows(page).first().innerText()).toContain('Older page check 55');
  const lastShown = await rows(page).nth(49).getAttribute('data-id');

  // The reload and the older page add rows: nothing is announced.
  const announcement = page.getByTestId('sent-announcement');
  expect(await announcement.textContent()).toBe('');
  await tabTo(page, 'sent-more', 200);
  await page.keyboard.press('Enter');
  // 55 + the two of the tests above: 57 in all, newest first, none twice.
  await eventually(() => rows(page).count(), (n) => n === 57);
  const ids = await rows(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
  expect(new Set(ids).size).toBe(57);
  expect(ids.indexOf(lastShown)).toBe(49);
  expect(await page.evaluate<string>('document.activeElement.id')).toBe(`sent-${ids[50]}`);
  expect(await page.getByTestId('sent-more').count()).toBe(0);
  expect(await rows(page).nth(50).innerText()).toContain('Older page check 5');
  expect(await announcement.textContent()).toBe('');
  await noSeriousViolations(page, 'Sent SMS after Show older');
});
