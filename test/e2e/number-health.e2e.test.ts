// Health per SMS number in a real browser (test/e2e/admin-server.ts, the real server with its
// health loop): a number whose deliveries fail above the threshold is shown to the administrator
// in a banner on the Dashboard (reached with the keyboard) and with a badge on SMS numbers, and a
// healthy number is not; both pages are axe-clean.
import type { Browser, Page } from 'playwright-core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateNumberHealth } from '../../src/app/number-health/evaluate.js';
import { ACCOUNT_ID, startAdminE2eServer, type AdminE2eServer } from './admin-server.js';
import { seriousViolations } from './axe.js';
import { eventually, launchBrowser, openBanner, type AgentPage } from './browser.js';

let server: AdminE2eServer;
let browser: Browser;
let opened: AgentPage;
let page: Page;

beforeAll(async () => {
  server = await startAdminE2eServer();
  const db = server.db;
  await db.insertInto('sms_numbers').values([{ id: 'num_bad', account_id: ACCOUNT_ID, address: '+33757000020', label: 'Support FR' }, { id: 'num_ok', account_id: ACCOUNT_ID, address: '+33757000021' }]).execute();
  // 40 % of 30 final reports failed on one number, none of 30 on the other (default threshold 20 %).
  await sql`insert into number_outcomes (account_id, sms_number_id, minute, finals, failures) values
    (${ACCOUNT_ID}, 'num_bad', date_trunc('minute', now()) - interval '2 minutes', 30, 12),
    (${ACCOUNT_ID}, 'num_ok', date_trunc('minute', now()) - interval '2 minutes', 30, 0)`.execute(db);
  await evaluateNumberHealth(db);

  browser = await launchBrowser();
  opened = await openBanner(browser, server.url);
  page = opened.page;
  await page.locator('input[type=email]').fill(server.admin.email);
  await page.locator('input[type=password]').fill(server.admin.password);
  await page.locator('input[type=password]').press('Enter');
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('navigation', { name: 'Administration' }).waitFor();
});

afterAll(async () => {
  await opened?.context.close();
  await browser?.close();
  await server?.close();
});

describe('a failing SMS number, for the administrator', () => {
  it('is in a banner on the Dashboard', async () => {
    const link = page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Dashboard', exact: true });
    await link.focus();
    await page.keyboard.press('Enter');
    const banner = page.getByRole('region', { name: 'An SMS number is failing' });
    await banner.waitFor();
    const text = (await banner.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('Support FR (+33757000020)');
    expect(text).toContain('40 % of its last 30 delivery reports failed in 15 minutes (threshold 20 %)');
    expect(text).not.toContain('+33757000021');
    const v = await seriousViolations(page);
    expect(v, JSON.stringify(v, null, 2)).toEqual([]);
  });

  it('has a badge on SMS numbers, the healthy one none', async () => {
    const link = page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'SMS numbers', exact: true });
    await link.focus();
    await page.keyboard.press('Enter');
    const bad = page.getByRole('row', { name: /\+33757000020/ });
    await bad.getByTestId('number-unhealthy').waitFor();
    expect(await bad.getByTestId('number-unhealthy').innerText()).toBe('Failing');
    expect(await page.getByRole('row', { name: /\+33757000021/ }).getByTestId('number-unhealthy').count()).toBe(0);
    const v = await seriousViolations(page);
    expect(v, JSON.stringify(v, null, 2)).toEqual([]);
  });

  it('has its rule and webhook set on SMS numbers: a bad address is refused on its field, a good one saved with a sealed secret', async () => {
    const form = page.getByRole('form', { name: 'Failing numbers' });
    await form.waitFor();
    expect(await form.getByLabel('Failure rate threshold (%)').inputValue()).toBe('20');
    await form.getByLabel('Failure rate threshold (%)').fill('15');
    await form.getByLabel('Operations webhook address (optional)').fill('ftp://ops.acme.example/hook');
    await form.getByLabel('Webhook signing secret').fill('a signing secret of the ops team');
    await form.getByLabel('Webhook signing secret').press('Enter');
    const url = form.getByLabel('Operations webhook address (optional)');
    await eventually(() => url.getAttribute('aria-invalid'), (v) => v === 'true');
    const v = await seriousViolations(page);
    expect(v, JSON.stringify(v, null, 2)).toEqual([]);
    await url.fill('https://ops.acme.example/hook');
    await url.press('Enter');
    await eventually(() => form.getByText(/Stored \(••••team\)/).count(), (n) => n === 1);
    const stored = await sql<{ threshold_percent: number; webhook_url: string; webhook_secret: string }>`select threshold_percent, webhook_url, webhook_secret from number_health_settings`.execute(server.db);
    expect(stored.rows).toMatchObject([{ threshold_percent: 15, webhook_url: 'https://ops.acme.example/hook' }]);
    expect(stored.rows[0]?.webhook_secret).toMatch(/^smsdesk:v1:/);
  });
});
