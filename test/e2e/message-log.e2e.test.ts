// The message log in a real browser (test/e2e/admin-server.ts, a new installation): a supervisor of Support finds a
// failed Direct SMS of an agent of Support by a word of its text typed without its accent ("recu" finds "reçu"),
// opens its details with the keyboard (the status history with times, the plain reason with the provider's code and
// what to do), and exports the view as CSV (the file is downloaded and read); what Sales' agents sent stays out of
// the supervisor's log. The page is checked with axe, in English and French, and photographed for the README.
//
// Accessible names relied on: nav "Administration", link and h2 "Message log"; search box "Search" in the form
// named "Filters", button "Show"; a table captioned "Messages, newest first" whose rows have a "Details of the
// message of <when> with <customer>" button; the details' h3 "Message details", list of statuses; buttons
// "Export CSV"; status line (role status) saying "Exported 1 messages".
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/platform/password.js';
import { ACCOUNT_ID, startAdminE2eServer, type AdminE2eServer } from './admin-server.js';
import { seriousViolations } from './axe.js';
import { eventually, focused, launchBrowser, openBanner, type AgentPage } from './browser.js';

let server: AdminE2eServer;
let browser: Browser;
let opened: AgentPage;
let page: Page;
const SUE = { email: 'sue.log@acme.example', password: 'sue password for the log e2e test' };
const FAILED_TEXT = 'Bonjour, votre colis a bien été reçu à l’agence';
const CUSTOMER = '+33611223344';

const SHOTS = process.env.SCREENSHOT_DIR ?? path.resolve('.test-results/screenshots');
const DOCS_SHOTS = path.resolve('docs/screenshots');

async function noSeriousViolations(where: string): Promise<void> {
  const v = await seriousViolations(page);
  expect(v, `${where}: ${JSON.stringify(v, null, 2)}`).toEqual([]);
}

/** A message moved through its statuses one statement at a time, as the dispatcher and a report would. */
async function message(id: string, agent: string, to: string, body: string, steps: readonly ('sending' | 'sent' | 'delivered' | 'failed')[], minutesAgo: number): Promise<void> {
  const db = server.db;
  await db
    .insertInto('messages')
    .values({ id, account_id: ACCOUNT_ID, direction: 'out', status: 'queued', agent_id: agent, sms_number_id: 'num_direct', from_address: '+33757000009', to_address: to, body, encoding: 'UCS-2', units: body.length, segments: 1, credits: 1, created_at: new Date(Date.now() - minutesAgo * 60_000) })
    .execute();
  await db.insertInto('credit_ledger').values({ account_id: ACCOUNT_ID, delta: -1, reason: 'send', message_id: id, actor: agent }).execute();
  for (const s of steps) {
    await db
      .updateTable('messages')
      .set({ status: s, provider: 'twilio', ...(s === 'failed' ? { error_code: '30003' } : {}), ...(s === 'sent' ? { provider_message_id: `SM${id}` } : {}) })
      .where('id', '=', id)
      .execute();
  }
}

beforeAll(async () => {
  server = await startAdminE2eServer();
  const db = server.db;
  await db.insertInto('sms_numbers').values({ id: 'num_direct', account_id: ACCOUNT_ID, address: '+33757000009', label: 'Direct FR' }).execute();
  await db
    .insertInto('queues')
    .values([
      { id: 'q_support', account_id: ACCOUNT_ID, name: 'Support', sms_number_id: null },
      { id: 'q_sales', account_id: ACCOUNT_ID, name: 'Sales', sms_number_id: null },
    ])
    .execute();
  await db
    .insertInto('agents')
    .values([
      { id: 'agt_bea', account_id: ACCOUNT_ID, email: 'bea.log@acme.example', name: 'Bea Support', role: 'agent' },
      { id: 'agt_sam', account_id: ACCOUNT_ID, email: 'sam.log@acme.example', name: 'Sam Sales', role: 'agent' },
      { id: 'agt_sue', account_id: ACCOUNT_ID, email: SUE.email, name: 'Sue Supervisor', role: 'supervisor', password_hash: await hashPassword(SUE.password) },
    ])
    .execute();
  await db
    .insertInto('queue_members')
    .values([
      { queue_id: 'q_support', agent_id: 'agt_bea' },
      { queue_id: 'q_sales', agent_id: 'agt_sam' },
    ])
    .execute();
  await db.insertInto('queue_supervisors').values({ queue_id: 'q_support', agent_id: 'agt_sue' }).execute();
  await db.insertInto('contacts').values({ account_id: ACCOUNT_ID, number: CUSTOMER, name: 'Hélène Dupré' }).execute();
  await message('m_failed', 'agt_bea', CUSTOMER, FAILED_TEXT, ['sending', 'sent', 'failed'], 30);
  await message('m_delivered', 'agt_bea', '+33611223355', 'Votre rendez-vous est confirmé pour demain 10h', ['sending', 'sent', 'delivered'], 20);
  await message('m_sales', 'agt_sam', '+33611223366', 'Votre colis reçu: offre -20% =promo', ['sending', 'sent', 'failed'], 10);

  browser = await launchBrowser();
  opened = await openBanner(browser, server.url);
  page = opened.page;
  await page.locator('input[type=email]').fill(SUE.email);
  await page.locator('input[type=password]').fill(SUE.password);
  await page.locator('input[type=password]').press('Enter');
  await page.getByRole('link', { name: 'Administration' }).click();
  const nav = page.getByRole('navigation', { name: 'Administration' });
  await nav.waitFor();
  await nav.getByRole('link', { name: 'Message log', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: 'Message log' }).waitFor();
});

afterAll(async () => {
  await opened?.context.close();
  await browser?.close();
  await server?.close();
});

const rows = () => page.getByTestId('log-row');

describe('the message log, for a supervisor of Support', () => {
  it('lists the messages of Support’s agents only, newest first', async () => {
    await eventually(() => rows().count(), (n) => n === 2);
    expect(await rows().evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).toEqual(['m_delivered', 'm_failed']);
    expect(await page.getByRole('table', { name: 'Messages, newest first' }).count()).toBe(1);
    await noSeriousViolations('log page');
  });

  it('finds the failed message by a word typed without its accent, and opens its history with the keyboard', async () => {
    const search = page.getByRole('searchbox', { name: 'Search' });
    await search.focus();
    await page.keyboard.type('recu');
    await page.keyboard.press('Enter');
    await eventually(() => rows().count(), (n) => n === 1);
    const row = rows().first();
    expect(await row.getAttribute('data-id')).toBe('m_failed');
    const text = await row.innerText();
    expect(text).toContain(FAILED_TEXT);
    expect(text).toContain('Hélène Dupré');
    expect(text).toContain('The phone could not be reached');
    expect(text).toContain('30003');

    // From the search box, Tab reaches the row's Details button after the filters and the export buttons.
    const details = row.getByRole('button', { name: /^Details of the message of .* with Hélène Dupré$/ });
    await details.focus();
    expect(await focused(page)).toBe('button');
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('log-details');
    await panel.waitFor();
    await eventually(() => page.evaluate('document.activeElement && document.activeElement.textContent'), (t) => t === 'Message details');
    const history = panel.getByTestId('log-history').getByRole('listitem');
    expect(await history.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual(['queued', 'sending', 'sent', 'failed']);
    // Each step has its time (relative, exact on hover and focus).
    expect(await panel.getByTestId('log-history').locator('time').count()).toBe(4);
    const reason = await panel.getByTestId('log-reason').innerText();
    expect(reason).toContain('The phone could not be reached');
    expect(reason).toContain('Provider code 30003');
    expect(reason).toContain('Send it again later, or call the customer.');
    expect(await panel.innerText()).toContain('A Direct SMS: no conversation.');
    await noSeriousViolations('log details');
    await mkdir(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'message-log.png'), fullPage: true });
    await mkdir(DOCS_SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(DOCS_SHOTS, 'message-log.png'), fullPage: true });
  });

  it('exports the view as CSV, with its progress, and the file holds the row', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^messages-.*\.csv$/);
    const csv = await readFile((await file.path())!, 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^id,at,direction,mode,status,customer,customerName,country,/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('m_failed');
    expect(lines[1]).toContain(FAILED_TEXT);
    expect(lines[1]).toContain("'+33611223344");
    expect(lines[1]).toContain('unreachable');
    await eventually(() => page.getByRole('status').filter({ hasText: 'Exported' }).innerText(), (t) => t.startsWith('Exported 1 messages'));
  });

  it('is worded in French', async () => {
    await page.getByTestId('language-select').selectOption('fr');
    await page.getByRole('heading', { level: 2, name: 'Journal des messages' }).waitFor();
    expect(await page.getByTestId('log-details').innerText()).toContain('Le téléphone');
    await noSeriousViolations('log page in French');
    await page.getByTestId('language-select').selectOption('en');
  });
});
