// The Banner in a real browser against the real server (dispatcher and simulator provider included).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER, CUSTOMER_2, NUMBERS, UK_CUSTOMER } from '../fixtures/world.js';
import { seriousViolations } from './axe.js';
import { eventually, expectFocus, focused, launchBrowser, openBanner, signIn, type AgentPage } from './browser.js';
import { AUTO_REPLY, startE2eServer, type E2eServer } from './server.js';

let server: E2eServer;
let browser: Browser;

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const text = (page: Page, testId: string) => page.getByTestId(testId).first().innerText();

async function openNewSms(page: Page): Promise<void> {
  await page.getByTestId('new-button').click();
  await page.getByTestId('new-sms').click();
  await page.getByTestId('new-sms-dialog').waitFor();
}

async function enterRecipient(page: Page, number: string): Promise<void> {
  await page.getByTestId('recipient-input').fill(number);
  await page.locator('[data-testid=recipient-status][data-state=valid]').waitFor();
}

/** The main screens, kept as test artifacts (the README shows copies from docs/screenshots). */
const SHOTS = process.env.SCREENSHOT_DIR ?? path.resolve('.test-results/screenshots');
async function shot(page: Page, name: string): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

async function noSeriousViolations(page: Page, where: string): Promise<void> {
  const v = await seriousViolations(page);
  expect(v, `${where}: ${JSON.stringify(v, null, 2)}`).toEqual([]);
}

describe('an agent with Direct and Smart', () => {
  let bea: AgentPage;
  let page: Page;

  beforeAll(async () => {
    bea = await openBanner(browser, server.url);
    page = bea.page;
  });
  afterAll(async () => bea?.context.close());

  it('signs in and sees the Banner: agent, credits, load, live', async () => {
    await noSeriousViolations(page, 'sign-in form');
    await signIn(page, server.logins.both);
    expect(await text(page, 'agent-name')).toBe('Bea Both');
    expect(await text(page, 'credits')).toBe('1,000');
    expect(await text(page, 'load')).toBe('0 / 3');
    await noSeriousViolations(page, 'Banner');
    await shot(page, 'banner');
  });

  it('checks the recipient as it is typed, with the reason when it is refused', async () => {
    await openNewSms(page);
    const status = page.getByTestId('recipient-status');
    await page.getByTestId('recipient-input').fill('06 12 34 56 78');
    await eventually(() => status.getAttribute('data-code'), (c) => c === 'INVALID_NUMBER');
    expect(await status.innerText()).toMatch(/country code is missing/);
    await page.getByTestId('recipient-input').fill('+33 1 42 68 53 00');
    await eventually(() => status.innerText(), (t) => /not a mobile number/.test(t));
    await page.getByTestId('recipient-input').fill('+1 212 555 0199');
    await eventually(() => status.getAttribute('data-code'), (c) => c === 'COUNTRY_NOT_AUTHORIZED');
    await enterRecipient(page, '+33 6 12 34 56 78');
    expect(await status.innerText()).toMatch(/\+33 6 12 34 56 78 · Mobile number, France, authorized/);
    await page.getByTestId('routing-selector').waitFor();
  });

  it('counts characters and credits on every keystroke, warns on Unicode, refuses past 8 credits', async () => {
    await page.getByTestId('routing-direct').click();
    await page.getByTestId('direct-form').waitFor();
    const message = page.getByTestId('message-input');
    await message.click();
    await page.keyboard.type('Hello');
    expect(await text(page, 'counter-characters')).toBe('Characters: 5');
    expect(await text(page, 'counter-credits')).toBe('Credits: 1 / 8');
    expect(await text(page, 'counter-length')).toBe('Length: 5 / 1,224 (GSM-7)');

    await message.fill('“Hi” – it’s me');
    const counter = page.getByTestId('credit-counter');
    expect(await counter.getAttribute('data-state')).toBe('warning');
    expect(await text(page, 'counter-length')).toBe('Length: 14 / 536 (Unicode)');
    const warning = await text(page, 'counter-unicode');
    for (const c of ['“', '”', '–', '’']) expect(warning).toContain(c);
    await noSeriousViolations(page, 'Direct form with the Unicode warning');
    await shot(page, 'direct-form-unicode-warning');
    await page.getByRole('button', { name: 'Replace with standard characters' }).click();
    expect(await message.inputValue()).toBe('"Hi" - it\'s me');
    await expectFocus(page, 'message-input');
    expect(await counter.getAttribute('data-state')).toBe('ok');

    await message.fill('a'.repeat(1224));
    expect(await text(page, 'counter-credits')).toBe('Credits: 8 / 8');
    expect(await page.getByTestId('send-button').isDisabled()).toBe(false);
    await message.press('End');
    await page.keyboard.type('b');
    expect(await text(page, 'counter-credits')).toBe('Credits: 9 / 8');
    expect(await counter.getAttribute('data-state')).toBe('error');
    expect(await text(page, 'counter-over-limit')).toMatch(/Credit limit exceeded/);
    expect(await page.getByTestId('send-button').isDisabled()).toBe(true);
    await shot(page, 'credit-limit-exceeded');
    await page.keyboard.press('Backspace');
    expect(await page.getByTestId('send-button').isDisabled()).toBe(false);
  });

  it('sends a Direct SMS from a template: a notification, the form closes, the credits go down', async () => {
    await page.getByTestId('template-select').selectOption({ label: 'Hello' });
    await page.getByTestId('variable-firstname').fill('Ann');
    await page.getByTestId('variable-order').fill('A-42');
    await page.getByTestId('replace-variables').click();
    expect(await page.getByTestId('message-input').inputValue()).toBe('Hello Ann, your order A-42 is ready.');
    await page.getByTestId('send-button').click();
    await page.getByTestId('toast').filter({ hasText: 'SMS sent to +33612345678.' }).waitFor();
    await page.getByTestId('new-sms-dialog').waitFor({ state: 'detached' });
    await expectFocus(page, 'new-button');
    await eventually(() => text(page, 'credits'), (c) => c === '999');
    const row = await server.db.selectFrom('messages').select(['interaction_id', 'body', 'to_address']).where('account_id', '=', server.world.accountId).executeTakeFirstOrThrow();
    expect(row).toEqual({ interaction_id: null, body: 'Hello Ann, your order A-42 is ready.', to_address: CUSTOMER });
  });

  it('shows a server refusal next to its field, in the agent’s language, and speaks French to the server once switched', async () => {
    await openNewSms(page);
    await enterRecipient(page, CUSTOMER_2);
    await page.getByTestId('routing-direct').click();
    await page.getByTestId('template-select').selectOption({ label: 'Empty' });
    await page.getByTestId('message-input').fill('Hello there');
    await page.getByTestId('send-button').click();
    const templateError = page.locator('[data-testid=field-error][data-code=INVALID_TEMPLATE]');
    await templateError.waitFor();
    expect(await templateError.innerText()).toMatch(/^Invalid template/);
    expect(await page.getByTestId('template-select').getAttribute('aria-invalid')).toBe('true');

    const languages: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/')) languages.push(r.headers()['accept-language'] ?? '');
    });
    await page.getByTestId('language-select').selectOption('fr');
    expect(await templateError.innerText()).toMatch(/^Modèle invalide/);
    expect(await text(page, 'counter-credits')).toBe('Crédits : 1 / 8');
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('fr');

    await server.db.insertInto('opt_outs').values({ account_id: server.world.accountId, number: CUSTOMER_2, keyword: 'STOP', opted_out_at: new Date() }).execute();
    await page.getByTestId('template-select').selectOption({ label: '(aucun)' });
    await page.getByTestId('send-button').click();
    const formError = page.locator('[data-testid=field-error][data-code=RECIPIENT_OPTED_OUT]');
    await formError.waitFor();
    expect(await formError.innerText()).toMatch(/^Destinataire désinscrit/);
    expect(languages.length).toBeGreaterThan(0);
    expect(new Set(languages)).toEqual(new Set(['fr']));

    await page.getByTestId('language-select').selectOption('en');
    await page.keyboard.press('Escape');
    // Unsent text: Escape asks first (test/e2e/writing.e2e.test.ts).
    await page.getByTestId('discard-confirm-dialog').getByRole('button', { name: 'Discard' }).click();
    await page.getByTestId('new-sms-dialog').waitFor({ state: 'detached' });
    await server.db.deleteFrom('opt_outs').where('number', '=', CUSTOMER_2).execute();
  });

  it('runs a Smart conversation: queue, template, confirmation, live status and reply, opt-out notice, close', async () => {
    await openNewSms(page);
    await enterRecipient(page, CUSTOMER);
    await page.getByTestId('routing-smart').click();
    await page.getByTestId('queue-select').selectOption({ label: 'Support' });
    await page.getByTestId('start-button').click();
    const conversation = page.getByTestId('conversation');
    await conversation.waitFor();
    expect(await page.getByRole('heading', { level: 2, name: 'Conversation with +33612345678' }).count()).toBe(1);
    expect(await text(page, 'conversation-status')).toBe('In progress');
    expect(await page.getByTestId('queue-readonly').inputValue()).toBe('Support');
    const options = await page.getByTestId('template-select').locator('option').allInnerTexts();
    expect(options).toEqual(['(none)', 'Support follow-up']);
    expect(await page.getByRole('button', { name: /transfer|private|attach|video/i }).count()).toBe(0);

    await page.getByTestId('template-select').selectOption({ label: 'Support follow-up' });
    await page.getByTestId('variable-firstname').fill('Ann');
    await page.getByTestId('replace-variables').click();
    await page.getByTestId('send-button').click();
    const unfilled = page.locator('[data-testid=field-error][data-code=UNFILLED_VARIABLES]');
    await unfilled.waitFor();
    expect(await unfilled.innerText()).toContain('$ticket');
    await page.getByTestId('variable-ticket').fill('T-7');
    await page.getByTestId('replace-variables').click();
    await page.getByTestId('send-button').click();
    const confirm = page.getByTestId('send-confirm-dialog');
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('To +33612345678: 1 credit.');
    await noSeriousViolations(page, 'send confirmation');
    await confirm.getByRole('button', { name: 'Send' }).click();

    const sent = page.getByTestId('thread-message').filter({ hasText: 'Hi Ann, this is support about ticket T-7.' });
    await sent.waitFor({ timeout: 2000 });
    expect(await page.getByTestId('message-input').inputValue()).toBe('');
    await eventually(() => sent.getByTestId('message-status').getAttribute('data-status'), (s) => s === 'delivered', 15_000);
    await page.getByTestId('thread-message').filter({ hasText: AUTO_REPLY }).waitFor({ timeout: 15_000 });
    await noSeriousViolations(page, 'conversation');
    await shot(page, 'smart-conversation');

    await server.receive(CUSTOMER, NUMBERS.support, 'STOP');
    await page.getByTestId('optout-notice').waitFor({ timeout: 10_000 });
    expect(await text(page, 'optout-notice')).toMatch(/opted out \(STOP\)/);

    await page.getByTestId('close-conversation').click();
    await page.getByTestId('close-confirm-dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('close-confirm-dialog').waitFor({ state: 'detached' });
    await expectFocus(page, 'close-conversation');
    await page.getByTestId('close-conversation').click();
    await page.getByTestId('close-confirm-dialog').getByRole('button', { name: 'Close and archive' }).click();
    await eventually(() => text(page, 'conversation-status'), (s) => s === 'Closed (archived)');
    await page.getByTestId('conversation-readonly').waitFor();
    expect(await page.getByTestId('smart-message-form').count()).toBe(0);
    expect(await page.getByTestId('close-conversation').count()).toBe(0);
  });

  it('lists a customer’s new message as waiting, live, and takes it', async () => {
    await server.receive(CUSTOMER_2, NUMBERS.support, 'Hello, anyone there?');
    const waiting = page.getByTestId('list-waiting').getByTestId('take');
    await waiting.waitFor({ timeout: 10_000 });
    await waiting.click();
    await eventually(() => text(page, 'conversation-status'), (s) => s === 'In progress');
    await page.getByTestId('thread-message').filter({ hasText: 'Hello, anyone there?' }).waitFor();
  });

  it('offers SMS on an active voice call, with the caller’s number filled in', async () => {
    await server.startCall(server.logins.both.agentId, '+33 6 98 76 54 32');
    const sms = page.getByTestId('call-sms');
    await sms.waitFor({ timeout: 10_000 });
    await sms.click();
    await page.getByTestId('new-sms-dialog').waitFor();
    expect(await page.getByTestId('recipient-input').inputValue()).toBe('+33698765432');
    await page.locator('[data-testid=recipient-status][data-state=valid]').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('new-sms-dialog').waitFor({ state: 'detached' });
    await expectFocus(page, 'call-sms');
  });

  it('shows when the live stream is down, and catches up when it is back', async () => {
    const indicator = page.getByTestId('live-indicator');
    await bea.context.setOffline(true);
    await eventually(() => indicator.getAttribute('data-status'), (s) => s === 'offline');
    expect(await indicator.innerText()).toMatch(/Offline/);
    await server.startCall(server.logins.both.agentId, '+33 6 11 22 33 44');
    await bea.context.setOffline(false);
    await eventually(() => indicator.getAttribute('data-status'), (s) => s === 'online', 15_000);
    await page.getByTestId('list-calls').getByText('+33611223344').waitFor({ timeout: 10_000 });
  });
});

describe('the permission table', () => {
  it('Smart only: Smart is used directly', async () => {
    const { context, page } = await openBanner(browser, server.url);
    await signIn(page, server.logins.smartOnly);
    await openNewSms(page);
    await enterRecipient(page, CUSTOMER);
    expect(await page.getByTestId('routing-selector').count()).toBe(0);
    await page.getByTestId('continue-button').click();
    await page.getByTestId('smart-start-form').waitFor();
    await context.close();
  });

  it('Direct only: Direct is used directly', async () => {
    const { context, page } = await openBanner(browser, server.url);
    await signIn(page, server.logins.directOnly);
    await openNewSms(page);
    await page.getByTestId('recipient-input').fill(CUSTOMER);
    // Enter goes on when there is no choice to make.
    await page.keyboard.press('Enter');
    await page.getByTestId('direct-form').waitFor();
    await context.close();
  });

  it('no mode: the SMS channel is not offered', async () => {
    const { context, page } = await openBanner(browser, server.url);
    await signIn(page, server.logins.none);
    await page.getByTestId('new-button').click();
    await page.getByTestId('no-channel').waitFor();
    expect(await page.getByTestId('new-sms').count()).toBe(0);
    await context.close();
  });
});

describe('the customer’s error table on screen', () => {
  it('NO_QUEUE_CONFIGURED, INSUFFICIENT_CREDITS and NO_SENDER_NUMBER reach the field they concern', async () => {
    const { hashPassword } = await import('../../src/platform/password.js');
    const { addCredits, creditBalance, debitCredits } = await import('../../src/db/credits.js');
    const w = server.world;
    // An agent whose profile allows Direct but has no SMS number assigned.
    await server.db.insertInto('profiles').values({ id: 'p-no-numbers', account_id: w.accountId, name: 'No numbers', messaging: true, direct: true, smart: false, max_interactions: 3, authorized_countries: ['FR'] }).execute();
    await server.db
      .insertInto('agents')
      .values({ id: 'a-no-numbers', account_id: w.accountId, email: 'no-numbers@example.test', name: 'Nils Numberless', role: 'agent', profile_id: 'p-no-numbers', password_hash: await hashPassword('pw-no-numbers') })
      .execute();
    const lone = await openBanner(browser, server.url);
    await signIn(lone.page, { agentId: 'a-no-numbers', email: 'no-numbers@example.test', password: 'pw-no-numbers', name: 'Nils Numberless' });
    await openNewSms(lone.page);
    await lone.page.getByTestId('recipient-input').fill(CUSTOMER);
    await lone.page.keyboard.press('Enter');
    await lone.page.getByTestId('direct-form').waitFor();
    const noSender = lone.page.locator('[data-testid=field-error][data-code=NO_SENDER_NUMBER]');
    await noSender.waitFor();
    expect(await noSender.innerText()).toMatch(/^No sender number/);
    await lone.context.close();

    const { context, page } = await openBanner(browser, server.url);
    await signIn(page, server.logins.smartOnly);
    await openNewSms(page);
    await enterRecipient(page, CUSTOMER_2);
    await page.getByTestId('continue-button').click();
    await page.getByTestId('smart-start-form').waitFor();
    await page.getByTestId('queue-select').selectOption(w.queues.unconfigured);
    await page.getByTestId('start-button').click();
    const noQueue = page.locator('[data-testid=field-error][data-code=NO_QUEUE_CONFIGURED]');
    await noQueue.waitFor();
    expect(await noQueue.innerText()).toMatch(/^No queue configured/);
    await page.keyboard.press('Escape');

    // The account runs out of credits while the agent types.
    const balance = await creditBalance(server.db, w.accountId);
    await server.db.transaction().execute((trx) => debitCredits(trx, w.accountId, balance, { reason: 'test: drain' }));
    try {
      await openNewSms(page);
      await enterRecipient(page, '+33 6 99 88 77 66');
      await page.getByTestId('continue-button').click();
      await page.getByTestId('queue-select').selectOption(w.queues.support);
      await page.getByTestId('start-button').click();
      await page.getByTestId('conversation').waitFor();
      await page.getByTestId('message-input').fill('Are you still interested?');
      await page.getByTestId('send-button').click();
      await page.getByTestId('send-confirm-dialog').getByRole('button', { name: 'Send' }).click();
      const noCredits = page.locator('[data-testid=field-error][data-code=INSUFFICIENT_CREDITS]');
      await noCredits.waitFor();
      expect(await noCredits.innerText()).toMatch(/^Insufficient credits/);
    } finally {
      await addCredits(server.db, w.accountId, balance, { reason: 'test: restore' });
    }
    await context.close();
  });
});

describe('keyboard only', () => {
  it('signs in, opens New → SMS, sends a Direct SMS; dialogs trap focus, Escape closes them, focus returns', async () => {
    const { context, page } = await openBanner(browser, server.url);
    const login = server.logins.colleague;
    await page.keyboard.type(login.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(login.password);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=live-indicator][data-status=online]').waitFor();

    for (let i = 0; i < 20 && (await focused(page)) !== 'new-button'; i++) await page.keyboard.press('Tab');
    await expectFocus(page, 'new-button');
    await page.keyboard.press('Enter');
    await expectFocus(page, 'new-sms');
    await page.keyboard.press('Enter');
    await page.getByTestId('new-sms-dialog').waitFor();
    await expectFocus(page, 'recipient-input');

    // Tab stays inside the dialog, both ways.
    const seen = new Set<string>();
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      seen.add(await focused(page));
    }
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Shift+Tab');
      seen.add(await focused(page));
    }
    const inDialog = await page.evaluate<boolean>("document.querySelector('[data-testid=new-sms-dialog]').contains(document.activeElement)");
    expect(inDialog).toBe(true);
    expect(seen.has('new-button')).toBe(false);

    await page.keyboard.press('Escape');
    await page.getByTestId('new-sms-dialog').waitFor({ state: 'detached' });
    await expectFocus(page, 'new-button');

    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    // Not CUSTOMER: the Smart conversation above ends with that customer opting out.
    await page.keyboard.type(UK_CUSTOMER);
    await page.locator('[data-testid=recipient-status][data-state=valid]').waitFor();
    for (let i = 0; i < 10 && (await focused(page)) !== 'routing-direct'; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByTestId('direct-form').waitFor();
    for (let i = 0; i < 10 && (await focused(page)) !== 'message-input'; i++) await page.keyboard.press('Tab');
    await page.keyboard.type('Sent with the keyboard only.');
    for (let i = 0; i < 10 && (await focused(page)) !== 'send-button'; i++) await page.keyboard.press('Tab');
    await expectFocus(page, 'send-button');
    await page.keyboard.press('Enter');
    await page.getByTestId('toast').first().waitFor();
    await page.getByTestId('new-sms-dialog').waitFor({ state: 'detached' });
    await expectFocus(page, 'new-button');
    await context.close();
  });
});

describe('language from the browser', () => {
  it('speaks French to a French browser', async () => {
    const { context, page } = await openBanner(browser, server.url, 'fr-FR');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Connexion au Banner');
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('fr');
    await context.close();
  });
});
