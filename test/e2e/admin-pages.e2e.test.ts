// The administration pages helper A built, in a real browser against a new installation (test/e2e/admin-server.ts):
// the SMS provider (secrets redacted and kept, Test connection's result), SMS numbers (a refusal on its field, in
// English then French), templates (the live counter and variables) and credits (the ledger's who and why).
//
// Accessible names these pages give, which the tests below rely on:
//   Banner header: link "Administration"; admin area: nav "Administration", link "Back to the Banner";
//   provider: select "Provider type", fields named by their settings ("Gateway URL", "Webhook secret", "User name",
//     "Password", "Private CA certificate (PEM)"; under the disclosure "Advanced settings", e.g. "Simultaneous
//     connections at most"), buttons "Test connection" and "Save", "Copy the address: …", "Change the addresses’
//     token" (then a group named by its warning, "Keep the current addresses", "Change the token");
//   numbers: "Number or sender name", "Send rate (SMS per second)", "National language table", buttons "Add",
//     "Edit <address>", "Save";
//   templates: "Name", "Text", buttons "Create template", "Edit <name>", "Save";
//   credits: "Credits to add", "Note (optional)", "Add credits"; "Credits to add or remove", "Reason",
//     "Apply the adjustment".
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_ID, startAdminE2eServer, type AdminE2eServer } from './admin-server.js';
import { seriousViolations } from './axe.js';
import { eventually, launchBrowser, openBanner, type AgentPage } from './browser.js';

let server: AdminE2eServer;
let browser: Browser;
let admin: AgentPage;
let page: Page;

const SHOTS = process.env.SCREENSHOT_DIR ?? path.resolve('.test-results/screenshots');
async function shot(name: string): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

async function noSeriousViolations(where: string): Promise<void> {
  const v = await seriousViolations(page);
  expect(v, `${where}: ${JSON.stringify(v, null, 2)}`).toEqual([]);
}

async function openSection(name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { name, level: 2 }).waitFor();
}

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

describe('the SMS provider page', () => {
  const form = () => page.getByRole('form', { name: 'SMS provider' });
  const result = () => page.getByTestId('connection-result');

  const testResult = async (expected: string) => {
    await page.getByRole('button', { name: 'Test connection' }).click();
    await eventually(() => result().getAttribute('data-result'), (r) => r !== 'none');
    expect(await result().getAttribute('data-result')).toBe(expected);
    return result().innerText();
  };

  it('tests the settings as typed, and says which problem it met', async () => {
    await page.getByRole('heading', { name: 'SMS provider', level: 2 }).waitFor();
    await page.getByLabel('Provider type').selectOption('simulator');
    expect(await testResult('ok')).toMatch(/Connection OK/);

    await page.getByLabel('Provider type').selectOption('http-json');
    const c = server.credentials;
    await form().getByLabel('Gateway URL').fill(c.url);
    expect(await testResult('invalid_settings')).toMatch(/settings are not valid[\s\S]*webhookSecret/);
    await form().getByLabel('Webhook secret', { exact: true }).fill(c.webhookSecret);
    await form().getByLabel('User name').fill(c.username);
    await form().getByLabel('Password', { exact: true }).fill('not-the-password');
    await form().getByLabel('Private CA certificate (PEM)').fill(c.caCertificate);
    expect(await testResult('credentials')).toMatch(/refused the credentials/);

    await form().getByLabel('Password', { exact: true }).fill(c.password);
    await form().getByLabel('Gateway URL').fill(c.url.replace(/:\d+\//, ':1/'));
    expect(await testResult('unreachable')).toMatch(/cannot be reached/);

    await form().getByLabel('Gateway URL').fill(c.url);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await eventually(() => result().getAttribute('data-result'), (r) => r === 'ok');
    expect(await result().innerText()).toMatch(/Connection OK/);
    await noSeriousViolations('provider form');
  });

  it('saves, then never shows a secret back: only its redacted form, kept when left as it is', async () => {
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Provider saved').waitFor();
    await page.reload();
    await page.getByLabel('Gateway URL').waitFor();
    const c = server.credentials;
    expect(await page.getByLabel('Gateway URL').inputValue()).toBe(c.url);
    expect(await page.getByLabel('Webhook secret', { exact: true }).inputValue()).toBe('');
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    const stored = await page.getByTestId('secret-stored').allInnerTexts();
    expect(stored).toEqual([`Saved: ••••${c.webhookSecret.slice(-4)}. Leave empty to keep it.`, `Saved: ••••${c.password.slice(-4)}. Leave empty to keep it.`]);
    const html = await page.content();
    expect(html).not.toContain(c.webhookSecret);
    expect(html).not.toContain(c.password);

    // Left as they are, the stored secrets are the ones tested (and kept by a save).
    await page.getByRole('button', { name: 'Test connection' }).click();
    await eventually(() => result().getAttribute('data-result'), (r) => r === 'ok');
    await shot('admin-provider-secrets');
  });

  it('gives the webhook addresses to copy', async () => {
    const addresses = page.getByTestId('webhook-address');
    expect(await addresses.count()).toBe(2);
    expect([await addresses.nth(0).inputValue(), await addresses.nth(1).inputValue()]).toEqual([server.webhooks.status, server.webhooks.inbound]);
    expect(await page.getByRole('button', { name: 'Copy the address: Inbound messages' }).count()).toBe(1);
  });

  it('changes the addresses’ token after a warning that the provider must be updated', async () => {
    const addresses = page.getByTestId('webhook-address');
    const tokenNow = async () => (await server.db.selectFrom('accounts').select('webhook_token').where('id', '=', ACCOUNT_ID).executeTakeFirstOrThrow()).webhook_token;
    const before = await tokenNow();
    expect(await addresses.nth(1).inputValue()).toContain(`/webhooks/http-json/${ACCOUNT_ID}/${before}/inbound`);

    await page.getByRole('button', { name: 'Change the addresses’ token' }).click();
    const warning = page.getByRole('group', { name: /update them in the provider’s configuration/ });
    await warning.waitFor();
    expect(await warning.textContent()).toContain('keep working for 24 hours only');
    // The safe answer has the focus; choosing it changes nothing.
    expect(await page.evaluate('document.activeElement && document.activeElement.textContent')).toBe('Keep the current addresses');
    await page.getByRole('button', { name: 'Keep the current addresses' }).click();
    expect(await tokenNow()).toBe(before);

    await page.getByRole('button', { name: 'Change the addresses’ token' }).click();
    await noSeriousViolations('webhook token change, warning shown');
    await page.getByRole('button', { name: 'Change the token', exact: true }).click();
    await eventually(() => page.getByTestId('webhook-rotate-status').textContent(), (t) => t === 'New addresses: give them to the provider now.');
    const after = await tokenNow();
    expect(after).not.toBe(before);
    expect(after).toMatch(/^[0-9a-f]{64}$/);
    expect([await addresses.nth(0).inputValue(), await addresses.nth(1).inputValue()]).toEqual([
      `${server.url}/webhooks/http-json/${ACCOUNT_ID}/${after}/status`,
      `${server.url}/webhooks/http-json/${ACCOUNT_ID}/${after}/inbound`,
    ]);
    expect(await page.getByTestId('webhook-previous-until').textContent()).toMatch(/^The previous addresses are still accepted until /);
    const audit = await server.db.selectFrom('events').select('type').where('account_id', '=', ACCOUNT_ID).where('type', '=', 'admin.provider.webhook_token_rotated').execute();
    expect(audit).toHaveLength(1);
    await shot('admin-webhook-token-rotated');
  });

  it('shows every setting the server describes for the type, tuning folded under Advanced settings', async () => {
    const tuning = form().getByLabel('Simultaneous connections at most');
    expect(await tuning.isVisible()).toBe(false);
    await form().getByText('Advanced settings').click();
    expect(await tuning.isVisible()).toBe(true);
    expect(await form().getByText('Default: 64').count()).toBe(1);
    expect(await form().getByLabel('Traffic type').inputValue()).toBe('');
    expect(await form().getByRole('option', { name: '(default: NOTIFICATION)' }).count()).toBe(1);
    await noSeriousViolations('provider form, advanced settings open');
  });
});

describe('the SMS numbers page', () => {
  it('shows the API’s refusal on the address, in the administrator’s language', async () => {
    await openSection('SMS numbers');
    await page.getByLabel('Number or sender name').fill('06 12 34 56 78');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const error = page.locator('[data-testid=field-error][data-reason=MISSING_COUNTRY_CODE]');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/country code is missing/);
    expect(await page.getByLabel('Number or sender name').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('language-select').selectOption('fr');
    await eventually(() => error.innerText(), (t) => /L’indicatif du pays manque/.test(t));
    await page.getByTestId('language-select').selectOption('en');
  });

  it('keeps the keyboard focus on Add through a refusal, and what was typed', async () => {
    await page.getByLabel('Number or sender name').fill('12');
    await page.getByRole('button', { name: 'Add', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=field-error]').waitFor();
    const where = await page.evaluate<string>("`${document.activeElement?.tagName ?? ''} ${document.activeElement?.textContent ?? ''}`");
    expect(where).toBe('BUTTON Add');
    expect(await page.getByLabel('Number or sender name').inputValue()).toBe('12');
  });

  it('adds a number in E.164, edits its rate, and says why a national table the provider cannot send is refused', async () => {
    await page.getByLabel('Number or sender name').fill('+33 6 12 34 56 78');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const row = page.getByRole('row', { name: /\+33612345678/ });
    await row.waitFor();
    await page.getByRole('button', { name: 'Edit +33612345678' }).click();
    await page.getByRole('heading', { name: 'Edit +33612345678' }).waitFor();
    await page.getByLabel('Send rate (SMS per second)').fill('2.5');
    // The account's provider (HTTPS JSON, saved above) has no way to signal a national table.
    await page.getByLabel('National language table').selectOption('spanish');
    await page.getByRole('button', { name: 'Save' }).click();
    const refused = page.locator('[data-testid=field-error][data-reason=NOT_SUPPORTED_BY_PROVIDER]');
    await refused.waitFor();
    expect(await refused.innerText()).toMatch(/cannot send this national table/);
    await page.getByLabel('National language table').selectOption('');
    await page.getByRole('button', { name: 'Save' }).click();
    await eventually(() => row.innerText(), (t) => /2\.5/.test(t) && !/Spanish/.test(t));
    await noSeriousViolations('numbers');
    await shot('admin-numbers-edit');
  });

  it('refuses a provider change that would leave a number with a table the new provider cannot send, naming the number', async () => {
    const saved = await server.db.selectFrom('accounts').select(['provider_type', 'provider_config']).where('id', '=', ACCOUNT_ID).executeTakeFirstOrThrow();
    // As if the account used a provider that sends national tables, and the number had one.
    await server.db.updateTable('accounts').set({ provider_type: 'simulator', provider_config: JSON.stringify({}) }).where('id', '=', ACCOUNT_ID).execute();
    await server.db.updateTable('sms_numbers').set({ national_language: 'spanish' }).where('address', '=', '+33612345678').execute();
    try {
      await openSection('SMS provider');
      await eventually(() => page.getByLabel('Provider type').inputValue(), (v) => v === 'simulator');
      await page.getByLabel('Provider type').selectOption('http-json');
      const c = server.credentials;
      const form = page.getByRole('form', { name: 'SMS provider' });
      await form.getByLabel('Gateway URL').fill(c.url);
      await form.getByLabel('Webhook secret', { exact: true }).fill(c.webhookSecret);
      await form.getByLabel('User name').fill(c.username);
      await form.getByLabel('Password', { exact: true }).fill(c.password);
      await form.getByLabel('Private CA certificate (PEM)').fill(c.caCertificate);
      await page.getByRole('button', { name: 'Save' }).click();
      const refused = page.locator('[data-testid=field-error][data-reason=NUMBERS_USE_NATIONAL_TABLE]');
      await refused.waitFor();
      expect(await refused.innerText()).toBe('These numbers use a national table this provider cannot send: +33612345678. Remove their national table in SMS numbers first.');
      const after = await server.db.selectFrom('accounts').select('provider_type').where('id', '=', ACCOUNT_ID).executeTakeFirstOrThrow();
      expect(after.provider_type).toBe('simulator');
    } finally {
      await server.db.updateTable('sms_numbers').set({ national_language: null }).where('address', '=', '+33612345678').execute();
      await server.db.updateTable('accounts').set({ provider_type: saved.provider_type, provider_config: JSON.stringify(saved.provider_config) }).where('id', '=', ACCOUNT_ID).execute();
      await openSection('SMS numbers');
    }
  });
});

describe('the templates page', () => {
  it('counts credits and finds the variables as the body is typed, then lists the template', async () => {
    await openSection('Templates');
    await page.getByLabel('Name', { exact: true }).fill('Order ready');
    await page.getByLabel('Text').fill('Hello $firstname, order $order is ready: $5 off next time’');
    expect(await page.getByTestId('template-variables').innerText()).toBe('Variables found: $firstname, $order');
    expect(await page.getByTestId('counter-credits').innerText()).toBe('Credits: 1 / 8');
    expect(await page.getByTestId('credit-counter').getAttribute('data-state')).toBe('warning');
    await page.getByLabel('Text').fill(`${'x'.repeat(161)} $firstname`);
    expect(await page.getByTestId('counter-credits').innerText()).toBe('Credits: 2 / 8');
    await page.getByRole('button', { name: 'Create template' }).click();
    const row = page.getByRole('row', { name: /Order ready/ });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/\$firstname[\s\S]*2 credits[\s\S]*No queue or profile offers it yet/);
    await noSeriousViolations('templates');
    await shot('admin-templates-counter');
  });

  it('refuses an empty body on its field', async () => {
    await page.getByRole('button', { name: 'Edit Order ready' }).click();
    await page.getByLabel('Text').fill('   ');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('[data-testid=field-error][data-reason=EMPTY]').waitFor();
    expect(await page.getByLabel('Text').getAttribute('aria-invalid')).toBe('true');
  });
});

describe('the credits page', () => {
  it('tops up, refuses an adjustment past the balance on its field, and shows who did what and why', async () => {
    await openSection('Credits');
    const balance = page.getByTestId('admin-balance');
    const before = Number((await eventually(() => balance.innerText(), (t) => /\d/.test(t))).replace(/\D/g, ''));
    await page.getByLabel('Credits to add', { exact: true }).fill('500');
    await page.getByLabel('Note (optional)').fill('invoice 42');
    await page.getByRole('button', { name: 'Add credits' }).click();
    await eventually(() => balance.innerText(), (t) => Number(t.replace(/\D/g, '')) === before + 500);

    await page.getByLabel('Credits to add or remove').fill(String(-(before + 501)));
    await page.getByLabel('Reason').fill('too much');
    await page.getByRole('button', { name: 'Apply the adjustment' }).click();
    await page.locator('[data-testid=field-error][data-reason=EXCEEDS_BALANCE]').waitFor();

    await page.getByLabel('Credits to add or remove').fill('-20');
    await page.getByLabel('Reason').fill('goodwill');
    await page.getByRole('button', { name: 'Apply the adjustment' }).click();
    await eventually(() => balance.innerText(), (t) => Number(t.replace(/\D/g, '')) === before + 480);

    const rows = page.getByTestId('ledger').locator('tbody tr');
    await eventually(() => rows.count(), (n) => n >= 2);
    expect(await rows.nth(0).innerText()).toMatch(/-20\s+Adjustment: goodwill\s+Olivia Owner/);
    expect(await rows.nth(1).innerText()).toMatch(/\+500\s+Top-up: invoice 42\s+Olivia Owner/);
    await noSeriousViolations('credits');
    await shot('admin-credits-ledger');
  });
});

describe('on a phone’s width (390 px)', () => {
  it('never scrolls the page sideways: a list too wide scrolls in its own box, which the keyboard can reach', async () => {
    await page.setViewportSize({ width: 390, height: 900 });
    try {
      for (const name of ['SMS provider', 'Credits', 'SMS numbers', 'Templates', 'Profiles', 'Queues', 'Agents', 'Unassigned inbox', 'Messages under review', 'Opt-outs', 'API tokens', 'Audit trail']) {
        await openSection(name);
        await page.waitForLoadState('networkidle');
        const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
        expect(overflow, `${name}: the page is wider than the screen by ${overflow} px`).toBeLessThanOrEqual(0);
      }
      await openSection('Credits');
      const box = page.getByRole('region', { name: /Credit movements/ });
      await eventually(() => box.evaluate((el) => el.scrollWidth > el.clientWidth), (wider) => wider);
      expect(await box.getAttribute('tabindex')).toBe('0');
      await noSeriousViolations('credits at 390 px');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });
});
