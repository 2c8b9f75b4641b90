// The audit trail page in a real browser against a new installation (test/e2e/admin-server.ts): changes made through
// the administration pages show up newest first with who made them and what changed, older ones a page at a time,
// in English and French.
//
// Accessible names this page gives, which the tests below rely on:
//   nav "Administration" link and h2 "Audit trail" (French "Journal d’audit"); a table captioned "Administration
//   changes, newest first" with columns When, Who, What, On, Change; button "Show older changes".
//   From the numbers page: "Number or sender name", "Add", "Edit <address>", "Send rate (SMS per second)", "Save".
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/app/admin/audit.js';
import { ACCOUNT_ID, startAdminE2eServer, type AdminE2eServer } from './admin-server.js';
import { seriousViolations } from './axe.js';
import { eventually, launchBrowser, openBanner, type AgentPage } from './browser.js';

/** Older changes written before the test's own, so that the page has more than its first 20 to show. */
const SEEDED = 25;
const PAGE_SIZE = 20;

let server: AdminE2eServer;
let browser: Browser;
let admin: AgentPage;
let page: Page;

const SHOTS = process.env.SCREENSHOT_DIR ?? path.resolve('.test-results/screenshots');

async function openSection(name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { name, level: 2 }).waitFor();
}

const entries = () => page.getByTestId('audit-entry');
const cells = async (i: number) => (await entries().nth(i).getByRole('cell').allInnerTexts()).map((s) => s.trim());

beforeAll(async () => {
  server = await startAdminE2eServer();
  const owner = await server.db.selectFrom('agents').select('id').where('email', '=', server.admin.email).executeTakeFirstOrThrow();
  for (let i = 1; i <= SEEDED; i++) {
    await audit(server.db, { accountId: ACCOUNT_ID, agentId: owner.id }, { what: 'template.updated', targetId: `tpl_seed${i}`, before: { id: `tpl_seed${i}`, name: `Seed ${i}`, body: 'Old' }, after: { id: `tpl_seed${i}`, name: `Seed ${i}`, body: 'New' } });
  }
  browser = await launchBrowser();
  admin = await openBanner(browser, server.url);
  page = admin.page;
  await page.locator('input[type=email]').fill(server.admin.email);
  await page.locator('input[type=password]').fill(server.admin.password);
  await page.getByTestId('login-submit').click();
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('navigation', { name: 'Administration' }).waitFor();
});

afterAll(async () => {
  await admin?.context.close();
  await browser?.close();
  await server?.close();
});

describe('the audit trail page', () => {
  it('shows two changes made through the pages, newest first, with who made them and what changed', async () => {
    await openSection('SMS numbers');
    await page.getByLabel('Number or sender name').fill('+33 6 12 34 56 78');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const row = page.getByRole('row', { name: /\+33612345678/ });
    await row.waitFor();
    await page.getByRole('button', { name: 'Edit +33612345678' }).click();
    await page.getByLabel('Send rate (SMS per second)').fill('3');
    await page.getByRole('button', { name: 'Save' }).click();
    await eventually(() => row.innerText(), (t) => /\b3\b/.test(t));

    await openSection('Audit trail');
    await eventually(() => entries().count(), (n) => n === PAGE_SIZE);
    expect(await page.getByRole('table', { name: 'Administration changes, newest first' }).count()).toBe(1);
    const [, who, what, target, change] = await cells(0);
    expect({ who, what, target, change }).toEqual({ who: server.admin.name, what: 'SMS number changed', target: '+33612345678', change: 'sendRatePerSecond: 10 → 3' });
    const added = await cells(1);
    expect(added.slice(1, 4)).toEqual([server.admin.name, 'SMS number added', '+33612345678']);
    // The database keeps a snapshot's fields in its own order.
    expect(added[4]?.split('\n').sort()).toEqual(['address: +33612345678', 'label: —', 'nationalLanguage: —', 'sendRatePerSecond: 10']);
    expect(await cells(2)).toEqual([expect.any(String), server.admin.name, 'Template changed', `Seed ${SEEDED}`, 'body: Old → New']);
    const seenAt = await entries().nth(0).locator('time').getAttribute('datetime');
    expect(Date.now() - Date.parse(seenAt ?? '')).toBeLessThan(120_000);

    const violations = await seriousViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await mkdir(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'admin-audit.png'), fullPage: true });
  });

  it('shows older changes a page at a time, then no more', async () => {
    await page.getByRole('button', { name: 'Show older changes' }).click();
    await eventually(() => entries().count(), (n) => n === SEEDED + 2);
    expect(await cells(SEEDED + 1)).toEqual([expect.any(String), server.admin.name, 'Template changed', 'Seed 1', 'body: Old → New']);
    expect(await page.getByRole('button', { name: 'Show older changes' }).count()).toBe(0);
  });

  it('is worded in French', async () => {
    await page.getByTestId('language-select').selectOption('fr');
    await page.getByRole('heading', { name: 'Journal d’audit', level: 2 }).waitFor();
    expect((await cells(0)).slice(1, 5)).toEqual([server.admin.name, 'Numéro SMS modifié', '+33612345678', 'sendRatePerSecond: 10 → 3']);
    expect(await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Journal d’audit', exact: true }).getAttribute('aria-current')).toBe('page');
    await page.getByTestId('language-select').selectOption('en');
  });
});
