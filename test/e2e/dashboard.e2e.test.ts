// The delivery dashboard in a real browser (test/e2e/admin-server.ts, a new installation): a supervisor of Support
// opens the Dashboard with the keyboard and sees a failed Direct SMS of an agent of Support in the key figures, in the
// failures chart and in its table alternative (opened with the keyboard), by its plain reason; what Sales' agent sent
// stays out. Every chart is drawn (a canvas named by the chart's title, with its series' colour on it) and its table
// holds the figures seeded below; printing shows the charts and opens every table. The page is checked with axe
// and photographed for the README.
//
// Accessible names relied on: nav "Administration", link "Dashboard", h2 "Delivery dashboard"; figures named by the
// chart titles, each with an image of the same name and a "Show as a table" disclosure; the failure reason texts of
// the Sent view.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/platform/password.js';
import { ACCOUNT_ID, startAdminE2eServer, type AdminE2eServer } from './admin-server.js';
import { seriousViolations } from './axe.js';
import { eventually, launchBrowser, openBanner, type AgentPage } from './browser.js';

let server: AdminE2eServer;
let browser: Browser;
let opened: AgentPage;
let page: Page;
const SUE = { email: 'sue.dash@acme.example', password: 'sue password for the dashboard e2e test' };

const SHOTS = process.env.SCREENSHOT_DIR ?? path.resolve('.test-results/screenshots');
const DOCS_SHOTS = path.resolve('docs/screenshots');

/** A message moved through its statuses one statement at a time, as the dispatcher and a report would. */
async function message(id: string, agent: string, final: 'delivered' | 'failed' | 'undelivered', code: string | null, minutesAgo: number, deliveredAfterSec = 4, unicodeParts = 0): Promise<void> {
  const db = server.db;
  const created = new Date(Date.now() - minutesAgo * 60_000);
  await db
    .insertInto('messages')
    .values({ id, account_id: ACCOUNT_ID, direction: 'out', status: 'queued', agent_id: agent, sms_number_id: 'num_dash', from_address: '+33757000010', to_address: '+33611220000', ...(unicodeParts > 0 ? { body: 'Bonjour 😊 '.repeat(10), encoding: 'UCS-2', units: 100, segments: unicodeParts, credits: unicodeParts } : { body: 'Bonjour', encoding: 'GSM-7', units: 7, segments: 1, credits: 1 }), created_at: created })
    .execute();
  for (const s of ['sending', 'sent', final] as const) {
    await db
      .updateTable('messages')
      .set({ status: s, provider: 'twilio', ...(s === final && code ? { error_code: code } : {}), ...(s === 'delivered' ? { delivered_at: new Date(created.getTime() + deliveredAfterSec * 1000) } : {}) })
      .where('id', '=', id)
      .execute();
  }
}

beforeAll(async () => {
  server = await startAdminE2eServer();
  const db = server.db;
  await db.insertInto('sms_numbers').values({ id: 'num_dash', account_id: ACCOUNT_ID, address: '+33757000010', label: 'Support FR' }).execute();
  await db.insertInto('queues').values([{ id: 'q_support', account_id: ACCOUNT_ID, name: 'Support', sms_number_id: null }, { id: 'q_sales', account_id: ACCOUNT_ID, name: 'Sales', sms_number_id: null }]).execute();
  await db
    .insertInto('agents')
    .values([
      { id: 'agt_bea', account_id: ACCOUNT_ID, email: 'bea.dash@acme.example', name: 'Bea Support', role: 'agent' },
      { id: 'agt_sam', account_id: ACCOUNT_ID, email: 'sam.dash@acme.example', name: 'Sam Sales', role: 'agent' },
      { id: 'agt_sue', account_id: ACCOUNT_ID, email: SUE.email, name: 'Sue Supervisor', role: 'supervisor', password_hash: await hashPassword(SUE.password) },
    ])
    .execute();
  await db.insertInto('queue_members').values([{ queue_id: 'q_support', agent_id: 'agt_bea' }, { queue_id: 'q_sales', agent_id: 'agt_sam' }]).execute();
  await db.insertInto('queue_supervisors').values({ queue_id: 'q_support', agent_id: 'agt_sue' }).execute();
  // One of them Unicode in two parts: the costly kind the dashboard points out.
  for (let i = 0; i < 4; i++) await message(`m_ok${i}`, 'agt_bea', 'delivered', null, 50 - i * 10, 3 + i * 2, i === 0 ? 2 : 0);
  await message('m_failed', 'agt_bea', 'failed', '30003', 15);
  await message('m_sales', 'agt_sam', 'undelivered', '30007', 12);

  browser = await launchBrowser();
  opened = await openBanner(browser, server.url);
  page = opened.page;
  await page.locator('input[type=email]').fill(SUE.email);
  await page.locator('input[type=password]').fill(SUE.password);
  await page.locator('input[type=password]').press('Enter');
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('navigation', { name: 'Administration' }).waitFor();
});

afterAll(async () => {
  await opened?.context.close();
  await browser?.close();
  await server?.close();
});

describe('the dashboard, for a supervisor of Support', () => {
  it('opens with the keyboard and shows the failure in the figures, the chart and its table', async () => {
    const link = page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Dashboard', exact: true });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Delivery dashboard' }).waitFor();
    const totals = page.getByTestId('dashboard-totals');
    await eventually(() => totals.innerText(), (t) => /Sent\s*5\b/.test(t));
    // 4 delivered of 5 with an outcome; Sales' undelivered SMS is not Sue's.
    expect(await totals.innerText()).toMatch(/Delivery rate\s*80%/);

    const chart = page.getByTestId('chart-failures');
    expect(await chart.locator('figcaption').innerText()).toBe('Failures by reason');
    await chart.getByRole('img', { name: 'Failures by reason' }).locator('canvas').waitFor();
    const summary = chart.locator('summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    const table = chart.getByRole('table', { name: 'Failures by reason' });
    await table.waitFor();
    const rows = await table.getByRole('row').allInnerTexts();
    expect(rows.slice(1).map((r) => r.replace(/\s+/g, ' ').trim())).toEqual(['The phone could not be reached (switched off or out of coverage). 1']);

    const v = await seriousViolations(page);
    expect(v, JSON.stringify(v, null, 2)).toEqual([]);
    await mkdir(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'dashboard.png'), fullPage: true });
    await mkdir(DOCS_SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(DOCS_SHOTS, 'dashboard.png'), fullPage: true });
  });

  it('draws every chart and gives the same figures in its table', async () => {
    for (const c of CHARTS) {
      const figure = page.getByRole('figure', { name: c.title });
      const canvas = figure.getByRole('img', { name: c.title }).locator('canvas');
      await canvas.waitFor();
      expect(await inkOf(canvas, c.color), c.title).toBeGreaterThan(20);
      const summary = figure.locator('summary');
      if ((await figure.locator('details').getAttribute('open')) === null) {
        await summary.focus();
        await page.keyboard.press('Enter');
      }
      const rows = await figure.getByRole('table', { name: c.title }).getByRole('row').allInnerTexts();
      expect(rows.map((r) => r.replace(/\s+/g, ' ').trim()), c.title).toEqual(expect.arrayContaining(c.rows));
      if (c.exact) expect(rows.length, c.title).toBe(c.rows.length);
    }
    const v = await seriousViolations(page);
    expect(v, JSON.stringify(v, null, 2)).toEqual([]);
  });

  it('prints the charts at a printable width with every table open', async () => {
    await page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = false; })");
    await page.emulateMedia({ media: 'print' });
    try {
      for (const c of CHARTS) {
        const figure = page.getByRole('figure', { name: c.title });
        const canvas = figure.getByRole('img', { name: c.title }).locator('canvas');
        expect(await canvas.isVisible(), c.title).toBe(true);
        // Drawn at the print width (device pixels), shown within its figure whatever the page's width.
        await eventually(async () => Number(await canvas.getAttribute('width')) / (await page.evaluate('window.devicePixelRatio') as number), (w) => w === 640);
        const [shown, room] = await Promise.all([canvas.evaluate((e) => e.getBoundingClientRect().width), figure.evaluate((e) => e.getBoundingClientRect().width)]);
        expect(shown, c.title).toBeGreaterThan(200);
        expect(shown, c.title).toBeLessThanOrEqual(room);
        await eventually(() => figure.getByRole('table', { name: c.title }).isVisible(), (shown) => shown);
        expect(await inkOf(canvas, c.color), c.title).toBeGreaterThan(20);
      }
      expect(await page.getByRole('form', { name: 'Period and filters' }).isVisible()).toBe(false);
      // The printout itself, kept with the screenshots to look at.
      await mkdir(SHOTS, { recursive: true });
      await page.pdf({ path: path.join(SHOTS, 'dashboard-print.pdf'), format: 'A4', printBackground: false });
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('is worded in French, figures and dates written the French way', async () => {
    await page.getByTestId('language-select').selectOption('fr');
    try {
      await page.getByRole('heading', { level: 2, name: 'Tableau de bord des envois' }).waitFor();
      const costs = page.getByRole('figure', { name: 'Ce qui coûte des crédits en plus : SMS Unicode et en plusieurs parties' });
      await costs.getByRole('img', { name: 'Ce qui coûte des crédits en plus : SMS Unicode et en plusieurs parties' }).locator('canvas').waitFor();
      const rows = await costs.getByRole('table').getByRole('row').allInnerTexts();
      expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual(['Part des SMS envoyés', 'Messages Unicode 20 %', 'Messages en plusieurs parties 20 %']);
      const volume = page.getByRole('figure', { name: 'Messages envoyés et reçus' });
      const days = await volume.getByRole('table').getByRole('rowheader').allInnerTexts();
      expect(days.length).toBeGreaterThan(0);
      for (const d of days) expect(d).toMatch(/^\d{1,2} [a-zéû]+\.? \d{4}$/);
      const v = await seriousViolations(page);
      expect(v, JSON.stringify(v, null, 2)).toEqual([]);
    } finally {
      await page.getByTestId('language-select').selectOption('en');
    }
  });
});

/** The charts of Sue's dashboard, what each draws in, and table rows (header first) it must hold (exact: those rows and no more). */
const CHARTS: readonly { title: string; color: string; rows: string[]; exact?: boolean }[] = [
  { title: 'Messages sent and received', color: '#2f5fb3', rows: ['Sent Received Delivered Failed'] },
  { title: 'Delivery rate', color: '#1d7a46', rows: ['Delivery rate'] },
  { title: 'Time from sending to delivered', color: '#2f5fb3', rows: ['Time to delivered', 'Median (p50) 7 secs', '95th percentile (p95) 9 secs'], exact: true },
  { title: 'Failures by reason', color: '#b3261e', rows: ['Failed', 'The phone could not be reached (switched off or out of coverage). 1'], exact: true },
  { title: 'Credits used per agent', color: '#8a5a00', rows: ['Credits used', 'Bea Support 6'], exact: true },
  { title: 'What costs extra credits: Unicode and multi-part SMS', color: '#8a5a00', rows: ['Share of the SMS sent', 'Unicode messages 20%', 'Multi-part messages 20%'], exact: true },
];

/** The part of a canvas this test reads (the test code is type-checked without the DOM's types). */
interface Canvas2d {
  readonly width: number;
  readonly height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { readonly data: Uint8ClampedArray } } | null;
}

/** How many of the canvas's pixels are drawn in the colour (#rrggbb), i.e. the chart drew its series. */
async function inkOf(canvas: ReturnType<Page['locator']>, color: string): Promise<number> {
  return canvas.evaluate((node, hex) => {
    const el = node as unknown as Canvas2d;
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    const data = el.getContext('2d')!.getImageData(0, 0, el.width, el.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]! - r!) < 8 && Math.abs(data[i + 1]! - g!) < 8 && Math.abs(data[i + 2]! - b!) < 8) n++;
    return n;
  }, color);
}
