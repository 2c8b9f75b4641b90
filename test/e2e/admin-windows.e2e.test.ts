// A profile's sending window in the admin pages, in a real browser against a new installation: the window part of
// the form opens with the keyboard, an end before the start is refused under the end field (named in the field's
// description), the corrected window is saved and summed up in the table; axe clean with the part open.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seriousViolations } from './axe.js';
import { startAdminE2eServer, type AdminE2eServer } from './admin-server.js';
import { eventually, launchBrowser, openBanner, type AgentPage } from './browser.js';

let server: AdminE2eServer;
let browser: Browser;
let admin: AgentPage;
let page: Page;

beforeAll(async () => {
  server = await startAdminE2eServer();
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

it('sets a profile’s sending window, with the refusal of a wrong end under its field', async () => {
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Profiles', exact: true }).click();
  await page.getByRole('heading', { name: 'Profiles', level: 2 }).waitFor();
  const form = page.getByTestId('profile-form');
  await form.getByLabel('Name', { exact: true }).fill('Marketing team');

  // The window part opens from its checkbox, with the keyboard.
  await form.getByLabel('Send only within a window').focus();
  await page.keyboard.press('Space');
  const end = form.getByTestId('window-end');
  await end.waitFor();
  expect(await form.getByTestId('window-days').getByRole('checkbox', { checked: true }).count()).toBe(6);
  await end.fill('07:00');
  await form.getByRole('button', { name: 'Create profile' }).click();

  const refusal = form.locator('[data-testid=field-error][data-reason=NOT_AFTER_START]');
  await refusal.waitFor();
  expect(await refusal.innerText()).toBe('The end must be after the start (a window does not run past midnight).');
  expect(await end.getAttribute('aria-invalid')).toBe('true');
  const describedBy = (await end.getAttribute('aria-describedby')) ?? '';
  expect(describedBy.split(' ')).toContain(await refusal.getAttribute('id'));
  const v = await seriousViolations(page);
  expect(v, JSON.stringify(v, null, 2)).toEqual([]);

  await end.fill('20:00');
  await form.getByRole('button', { name: 'Create profile' }).click();
  await page.getByTestId('profiles-table').getByText('Mon, Tue, Wed, Thu, Fri, Sat, 08:00–20:00 (marketing)').waitFor();
  const stored = await eventually(
    () => server.db.selectFrom('profiles').select('sending_window').where('name', '=', 'Marketing team').executeTakeFirst(),
    (row) => row !== undefined,
  );
  expect(stored?.sending_window).toEqual({ days: [1, 2, 3, 4, 5, 6], start: '08:00', end: '20:00', skipPublicHolidays: true, scope: 'marketing' });
});
