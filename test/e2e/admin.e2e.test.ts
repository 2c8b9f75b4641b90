// A new account configured from scratch through the administration pages only, then used by the agent it created:
// the SMS provider (an HTTPS JSON gateway on this machine, Test connection failing then succeeding), an SMS number,
// a template, credits, a profile allowing Smart SMS, an agent invited with a one-time password, a queue; then that
// agent signs in and sends a Smart SMS, which the gateway receives and reports delivered.
//
// Accessible names the pages give (English), as this test finds them:
//   Banner: link "Administration"; sign-out button "Sign out" (data-testid logout in the Banner).
//   Shell: navigation "Administration" with links named like the sections' h2 headings.
//   SMS provider: select "Provider type" (option "HTTPS JSON gateway"); fields "Gateway URL", "User name", "Password",
//     "Webhook secret", "Private CA certificate (PEM)"; buttons "Test connection", "Save"; the result in
//     data-testid connection-result (data-result ok | credentials | ...); the webhook addresses in read-only fields
//     "Delivery reports (status)" and "Inbound messages".
//   SMS numbers: field "Number or sender name", button "Add".
//   Templates: fields "Name", "Text", button "Create template".
//   Credits: field "Credits to add", button "Add credits"; balance in data-testid admin-balance.
//   Profiles: field "Name"; checkboxes "Messaging (the SMS channel)", "Direct SMS", "Smart SMS"; field "Maximum
//     simultaneous interactions"; search "Search countries" over checkboxes named by country; fieldsets
//     "SMS numbers (senders for Direct SMS)" and "Templates"; button "Create profile".
//   Agents: fields "Email", "Name", selects "Role", "Profile", "Language"; button "Invite agent"; the password in
//     data-testid one-time-password, under the heading "One-time password for <name>"; button "Done: I have noted it".
//   Queues: field "Name", select "SMS number", fieldsets "Templates" and "Members" (checkboxes "<name> (<email>)"),
//     button "Create queue".
//   Unassigned inbox and Opt-outs: tables captioned "Unassigned messages, newest first" and "Opted-out numbers,
//     newest first".
// Refusals from the API appear as data-testid field-error next to the field they name; successes in role="status".
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe.js';
import { eventually, launchBrowser, openBanner, signIn, type AgentPage } from './browser.js';
import { startAdminE2eServer, type AdminE2eServer } from './admin-server.js';

let server: AdminE2eServer;
let browser: Browser;

beforeAll(async () => {
  server = await startAdminE2eServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const SHOTS = process.env.SCREENSHOT_DIR ?? path.resolve('.test-results/screenshots');
async function shot(page: Page, name: string): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

async function noSeriousViolations(page: Page, where: string): Promise<void> {
  const v = await seriousViolations(page);
  expect(v, `${where}: ${JSON.stringify(v, null, 2)}`).toEqual([]);
}

/** Opens a section from the administration's navigation, and waits for its heading. */
async function openSection(page: Page, name: string): Promise<Locator> {
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name, exact: true }).click();
  const main = page.getByRole('main');
  await main.getByRole('heading', { level: 2, name, exact: true }).waitFor();
  return main;
}

async function status(scope: Locator, text: string | RegExp): Promise<void> {
  await scope.getByRole('status').filter({ hasText: text }).waitFor();
}

const SENDER = '+33 6 44 55 66 77';
const SENDER_E164 = '+33644556677';
const SPARE = '+33 6 44 55 66 78';
const SPARE_E164 = '+33644556678';
const CUSTOMER = '+33612345678';
const AGENT = { email: 'sam.smart@acme.example', name: 'Sam Smart' };
const TEMPLATE = { name: 'Order ready', body: 'Hello $firstname, your order is ready.' };
/** Read from the Agents page when the agent is invited. */
let agentPassword = '';

describe('a new account, configured through the administration pages, then used by its agent', () => {
  let admin: AgentPage;
  let page: Page;

  beforeAll(async () => {
    admin = await openBanner(browser, server.url);
    page = admin.page;
  });
  afterAll(async () => admin?.context.close());

  it('the administrator signs in and finds the Administration link', async () => {
    await signIn(page, { agentId: '', ...server.admin });
    await page.getByRole('link', { name: 'Administration' }).click();
    const nav = page.getByRole('navigation', { name: 'Administration' });
    await nav.waitFor();
    const links = await nav.getByRole('link').allInnerTexts();
    expect(links).toEqual(['SMS provider', 'Credits', 'SMS numbers', 'Templates', 'Profiles', 'Queues', 'Agents', 'Unassigned inbox', 'Messages under review', 'Opt-outs', 'Contacts', 'API tokens', 'Try it out', 'Audit trail', 'Erasure and retention', 'Conversations', 'Message log', 'Dashboard']);
    expect(await page.getByRole('link', { name: 'Back to the Banner' }).count()).toBe(1);
  });

  it('configures the HTTPS JSON provider: a wrong password fails the connection test, the right one passes', async () => {
    const main = await openSection(page, 'SMS provider');
    const c = server.credentials;
    await main.getByLabel('Provider type').selectOption({ label: 'HTTPS JSON gateway' });
    await main.getByLabel('Gateway URL').fill(c.url);
    await main.getByLabel('User name').fill(c.username);
    await main.getByLabel('Password', { exact: true }).fill('not-the-password');
    await main.getByLabel('Webhook secret', { exact: true }).fill(c.webhookSecret);
    await main.getByLabel('Private CA certificate (PEM)').fill(c.caCertificate);

    const result = main.getByTestId('connection-result');
    await main.getByRole('button', { name: 'Test connection' }).click();
    await eventually(() => result.getAttribute('data-result'), (r) => r === 'credentials', 20_000);
    expect(await result.innerText()).toMatch(/refused the credentials/);
    expect(server.gateway.requests.at(-1)?.headers['x-connection-test']).toBe('1');
    await noSeriousViolations(page, 'provider with a failed test');
    await shot(page, 'admin-provider-test-failed');

    await main.getByLabel('Password', { exact: true }).fill(c.password);
    await main.getByRole('button', { name: 'Test connection' }).click();
    await eventually(() => result.getAttribute('data-result'), (r) => r === 'ok', 20_000);
    expect(await result.innerText()).toMatch(/Connection OK/);
    // The test sends nothing.
    expect(server.gateway.messages).toEqual([]);

    await main.getByRole('button', { name: 'Save', exact: true }).click();
    await status(main, /Provider saved/);
    // The addresses to give the gateway are the ones it was set up with.
    const addresses = main.getByTestId('webhook-address');
    await eventually(() => addresses.count(), (n) => n === 2);
    expect([await addresses.nth(0).inputValue(), await addresses.nth(1).inputValue()]).toEqual([server.webhooks.status, server.webhooks.inbound]);
    // Secrets are never shown back, only their redacted form.
    const html = await main.innerHTML();
    for (const secret of [c.password, c.webhookSecret]) expect(html).not.toContain(secret);
    const stored = await main.getByTestId('secret-stored').allInnerTexts();
    expect(stored.join(' ')).toContain('••••');
  });

  it('adds two SMS numbers, a template and credits', async () => {
    let main = await openSection(page, 'SMS numbers');
    for (const address of [SENDER, SPARE]) {
      await main.getByLabel('Number or sender name').fill(address);
      await main.getByRole('button', { name: 'Add', exact: true }).click();
      await status(main, address.replace(/ /g, ''));
    }
    expect(await main.getByTestId('numbers').innerText()).toContain(SENDER_E164);

    main = await openSection(page, 'Templates');
    await main.getByLabel('Name', { exact: true }).fill(TEMPLATE.name);
    await main.getByLabel('Text', { exact: true }).fill(TEMPLATE.body);
    await main.getByRole('button', { name: 'Create template' }).click();
    await status(main, TEMPLATE.name);

    main = await openSection(page, 'Credits');
    await main.getByLabel('Credits to add', { exact: true }).fill('100');
    await main.getByRole('button', { name: 'Add credits' }).click();
    await eventually(() => main.getByTestId('admin-balance').innerText(), (b) => b === '100 credits');
  });

  it('creates a profile allowing Smart SMS in France, after the API refuses an empty name on its field', async () => {
    const main = await openSection(page, 'Profiles');
    const form = main.getByTestId('profile-form');
    await form.getByRole('button', { name: 'Create profile' }).click();
    const nameError = form.locator('[data-testid=field-error][data-reason=TOO_SMALL]');
    await nameError.waitFor();
    expect(await nameError.innerText()).toBe('Too short or too small.');
    expect(await form.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).toBe('true');

    await form.getByLabel('Name', { exact: true }).fill('Smart agents');
    await form.getByRole('checkbox', { name: 'Smart SMS' }).check();
    await form.getByLabel('Maximum simultaneous interactions').fill('2');
    await form.getByLabel('Search countries').fill('fran');
    const countries = form.getByRole('list', { name: 'Authorized countries' });
    expect(await countries.getByRole('checkbox').count()).toBeLessThan(5);
    await countries.getByRole('checkbox', { name: 'France', exact: true }).check();
    expect(await form.getByTestId('countries-chosen').innerText()).toBe('1 chosen: France');
    await form.getByRole('button', { name: 'Create profile' }).click();
    await status(main, 'Profile “Smart agents” created.');
    const row = main.getByTestId('profiles-table').getByRole('row', { name: /Smart agents/ });
    expect(await row.innerText()).toMatch(/Messaging \(the SMS channel\), Smart SMS\s+2\s+France/);
    await noSeriousViolations(page, 'profiles');
    await shot(page, 'admin-profiles');
  });

  it('invites the agent with that profile: the one-time password is shown once, a taken email is refused on its field', async () => {
    const main = await openSection(page, 'Agents');
    const form = main.getByTestId('agent-invite-form');
    await form.getByLabel('Email').fill(server.admin.email);
    await form.getByLabel('Name', { exact: true }).fill('Someone Else');
    await form.getByRole('button', { name: 'Invite agent' }).click();
    const taken = form.locator('[data-testid=field-error][data-reason=ALREADY_EXISTS]');
    await taken.waitFor();
    expect(await taken.innerText()).toBe('Already in use: choose another.');
    expect(await form.getByLabel('Email').getAttribute('aria-describedby')).toBe(await taken.getAttribute('id'));

    await form.getByLabel('Email').fill(AGENT.email);
    await form.getByLabel('Name', { exact: true }).fill(AGENT.name);
    await form.getByLabel('Role').selectOption({ label: 'Agent' });
    await form.getByLabel('Profile').selectOption({ label: 'Smart agents' });
    await form.getByRole('button', { name: 'Invite agent' }).click();
    const panel = main.getByTestId('one-time-password-panel');
    await panel.waitFor();
    expect(await panel.getByRole('heading', { name: `One-time password for ${AGENT.name}` }).count()).toBe(1);
    expect(await panel.innerText()).toMatch(/Hand this password over to the agent yourself/);
    agentPassword = await panel.getByTestId('one-time-password').innerText();
    expect(agentPassword).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const row = main.getByTestId('agents-table').getByRole('row', { name: new RegExp(AGENT.name) });
    expect(await row.innerText()).toMatch(/sam\.smart@acme\.example\s+Agent\s+Smart agents\s+Active/);
    await noSeriousViolations(page, 'agents with the one-time password');
    await shot(page, 'admin-agents');
    await panel.getByRole('button', { name: 'Done: I have noted it' }).click();
    await panel.waitFor({ state: 'detached' });
    expect(await page.evaluate<string>('document.activeElement?.textContent ?? ""')).toBe('Invite an agent');
    // Shown once: nowhere on the page any more, and only its hash is stored.
    expect(await page.content()).not.toContain(agentPassword);
    const stored = await server.db.selectFrom('agents').select('password_hash').where('email', '=', AGENT.email).executeTakeFirstOrThrow();
    expect(stored.password_hash).not.toContain(agentPassword);
  });

  it('creates a queue with the number, the template and the agent as member', async () => {
    const main = await openSection(page, 'Queues');
    const form = main.getByTestId('queue-form');
    await form.getByLabel('Name', { exact: true }).fill('Orders');
    await form.getByLabel('SMS number').selectOption({ label: SENDER_E164 });
    await form.getByRole('group', { name: 'Templates' }).getByRole('checkbox', { name: TEMPLATE.name }).check();
    await form.getByRole('group', { name: 'Members' }).getByRole('checkbox', { name: `${AGENT.name} (${AGENT.email})` }).check();
    await form.getByRole('button', { name: 'Create queue' }).click();
    await status(main, 'Queue “Orders” created.');
    const row = main.getByTestId('queues-table').getByRole('row', { name: /Orders/ });
    expect(await row.innerText()).toMatch(new RegExp(`Orders\\s+\\${SENDER_E164}\\s+${TEMPLATE.name}\\s+${AGENT.name}`));
    await noSeriousViolations(page, 'queues');
    await shot(page, 'admin-queues');
  });

  it('signs out; the agent signs in with the one-time password and sends a Smart SMS that the gateway receives', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByTestId('login-form').waitFor();
    await page.goto(`${server.url}/#/`);
    await page.getByTestId('login-form').waitFor();
    await signIn(page, { agentId: '', email: AGENT.email, password: agentPassword, name: AGENT.name });
    expect(await page.getByTestId('agent-name').innerText()).toBe(AGENT.name);
    expect(await page.getByTestId('credits').innerText()).toBe('100');
    expect(await page.getByRole('link', { name: 'Administration' }).count()).toBe(0);

    await page.getByTestId('new-button').click();
    await page.getByTestId('new-sms').click();
    await page.getByTestId('recipient-input').fill('+33 6 12 34 56 78');
    await page.locator('[data-testid=recipient-status][data-state=valid]').waitFor();
    // Smart only: no choice of mode.
    expect(await page.getByTestId('routing-selector').count()).toBe(0);
    await page.getByTestId('continue-button').click();
    await page.getByTestId('smart-start-form').waitFor();
    await page.getByTestId('queue-select').selectOption({ label: 'Orders' });
    await page.getByTestId('start-button').click();
    await page.getByTestId('conversation').waitFor();
    await page.getByTestId('template-select').selectOption({ label: TEMPLATE.name });
    await page.getByTestId('variable-firstname').fill('Ann');
    await page.getByTestId('replace-variables').click();
    await page.getByTestId('send-button').click();
    await page.getByTestId('send-confirm-dialog').getByRole('button', { name: 'Send' }).click();

    const text = 'Hello Ann, your order is ready.';
    const sent = page.getByTestId('thread-message').filter({ hasText: text });
    await sent.waitFor();
    const gateway = server.gateway;
    await eventually(() => Promise.resolve(gateway.messages.length), (n) => n > 0, 15_000);
    expect(gateway.messages.map((m) => ({ to: m.to, sender: m.sender, text: m.text, credits: m.credits, isUnicode: m.isUnicode }))).toEqual([
      { to: CUSTOMER, sender: SENDER_E164, text, credits: 1, isUnicode: false },
    ]);
    const [message] = gateway.messages;
    if (!message) throw new Error('no message at the gateway');
    await eventually(() => sent.getByTestId('message-status').getAttribute('data-status'), (s) => s === 'sent', 15_000);

    // The gateway reports delivery to the address the provider page gave: the Banner shows it live.
    const deliveries = await gateway.sendStatus(message.retId, 'delivered');
    expect(deliveries.at(-1)?.status).toBe(204);
    await eventually(() => sent.getByTestId('message-status').getAttribute('data-status'), (s) => s === 'delivered', 15_000);
    expect(await sent.getByTestId('message-status').innerText()).toMatch(/Delivered/);
    await eventually(() => page.getByTestId('credits').innerText(), (c) => c === '99');
    await noSeriousViolations(page, 'the agent’s conversation');
    await shot(page, 'admin-agent-smart-sms');
  });
});

describe('what only administrators look at', () => {
  it('lists a message sent to a number no queue owns, and a customer who sent STOP, with the keyword and date', async () => {
    await server.gateway.sendInbound({ from: '+33 6 98 76 54 32'.replace(/ /g, ''), to: SPARE_E164, text: 'Is anyone reading this number?' });
    await server.gateway.sendInbound({ from: CUSTOMER, to: SENDER_E164, text: 'STOP' });

    const { context, page } = await openBanner(browser, server.url);
    try {
      await signIn(page, { agentId: '', ...server.admin });
      await page.getByRole('link', { name: 'Administration' }).click();
      let main = await openSection(page, 'Unassigned inbox');
      const inbox = main.getByRole('table', { name: 'Unassigned messages, newest first' });
      await inbox.getByRole('row', { name: /Is anyone reading this number\?/ }).waitFor();
      expect(await inbox.getByRole('row').count()).toBe(2);
      expect(await inbox.innerText()).toContain(SPARE_E164);
      await noSeriousViolations(page, 'unassigned inbox');
      await shot(page, 'admin-inbox');

      // 50 a page: 50 more messages push the first one to the second page.
      for (let i = 1; i <= 50; i++) await server.gateway.sendInbound({ from: '+33698765432', to: SPARE_E164, text: `Message ${i}` });
      await main.getByRole('button', { name: 'Refresh' }).click();
      await inbox.getByRole('row', { name: /Message 50$/ }).waitFor();
      expect(await inbox.getByRole('row').count()).toBe(51);
      expect(await inbox.getByRole('row', { name: /Is anyone reading/ }).count()).toBe(0);
      const pages = main.getByRole('navigation', { name: 'Pages of the unassigned inbox' });
      expect(await pages.getByRole('button', { name: 'Newer' }).isDisabled()).toBe(true);
      await pages.getByRole('button', { name: 'Older' }).click();
      await inbox.getByRole('row', { name: /Is anyone reading this number\?/ }).waitFor();
      expect(await inbox.getByRole('row').count()).toBe(2);
      expect(await pages.getByRole('button', { name: 'Older' }).isDisabled()).toBe(true);
      expect(await pages.innerText()).toContain('Page 2');
      await pages.getByRole('button', { name: 'Newer' }).click();
      await inbox.getByRole('row', { name: /Message 50$/ }).waitFor();

      main = await openSection(page, 'Opt-outs');
      const optOuts = main.getByRole('table', { name: 'Opted-out numbers, newest first' });
      const row = optOuts.getByRole('row', { name: new RegExp(`\\${CUSTOMER}`) });
      await row.waitFor();
      const cells = await row.locator('th, td').allInnerTexts();
      expect(cells.slice(0, 3)).toEqual([CUSTOMER, 'STOP', 'Customer’s keyword']);
      expect(await row.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(cells[3]).toMatch(/\d{4}/);
      await noSeriousViolations(page, 'opt-outs');
      await shot(page, 'admin-opt-outs');

      await page.getByLabel('Language', { exact: true }).selectOption('fr');
      await main.getByRole('heading', { level: 2, name: 'Désinscriptions' }).waitFor();
      await main.getByRole('columnheader', { name: 'Mot-clé reçu' }).waitFor();
    } finally {
      await context.close();
    }
  });
});

/**
 * Whether these credentials open a session, asked of the API as the sign-in form does. Sign-ins are limited to 10 a
 * minute from one address: this file signs in 7 times in all.
 */
async function canSignIn(email: string, password: string): Promise<boolean> {
  const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  return res.ok;
}

describe('changing what was configured', () => {
  let admin: AgentPage;
  let page: Page;

  beforeAll(async () => {
    admin = await openBanner(browser, server.url, 'fr-FR');
    page = admin.page;
    await signIn(page, { agentId: '', ...server.admin });
    await page.getByRole('link', { name: 'Administration' }).click();
  });
  afterAll(async () => admin?.context.close());

  it('refuses, in French and on the checkbox, an administrator disabling their own account', async () => {
    const main = await openSection(page, 'Agents');
    await main.getByRole('button', { name: `Modifier ${server.admin.name}` }).click();
    const form = main.getByTestId('agent-edit-form');
    await form.getByRole('checkbox', { name: 'Désactivé (ne peut pas se connecter)' }).check();
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    const self = form.locator('[data-testid=field-error][data-reason=SELF]');
    await self.waitFor();
    expect(await self.innerText()).toBe('Vous ne pouvez pas faire cela sur votre propre compte.');
    await noSeriousViolations(page, 'agent edit form with a refusal');
    await form.getByRole('button', { name: 'Annuler' }).click();
    const stillEnabled = await server.db.selectFrom('agents').select('disabled').where('email', '=', server.admin.email).executeTakeFirstOrThrow();
    expect(stillEnabled.disabled).toBe(false);
  });

  it('issues the agent a new one-time password: the old one stops working, the new one signs in', async () => {
    const main = page.getByRole('main');
    const old = await main.getByTestId('agents-table').innerText();
    expect(old).toContain(AGENT.name);
    await main.getByRole('button', { name: `Réinitialiser le mot de passe : ${AGENT.name}` }).click();
    const dialog = page.getByTestId('reset-confirm-dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Émettre un nouveau mot de passe' }).click();
    const fresh = await main.getByTestId('one-time-password').innerText();
    expect(fresh).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await main.getByTestId('one-time-password-panel').innerText()).toMatch(/Remettez ce mot de passe à l’agent vous-même/);
    await main.getByRole('button', { name: 'C’est noté' }).click();
    expect(agentPassword).not.toBe('');
    expect(await canSignIn(AGENT.email, agentPassword)).toBe(false);
    expect(await canSignIn(AGENT.email, fresh)).toBe(true);

    // Disabled: the agent cannot sign in any more, with any password.
    await main.getByRole('button', { name: `Modifier ${AGENT.name}` }).click();
    const form = main.getByTestId('agent-edit-form');
    await form.getByLabel('Profil').selectOption({ label: '(aucun profil)' });
    await form.getByRole('checkbox', { name: 'Désactivé (ne peut pas se connecter)' }).check();
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await status(main, `${AGENT.name} enregistré.`);
    const row = main.getByTestId('agents-table').getByRole('row', { name: new RegExp(AGENT.name) });
    expect(await row.innerText()).toMatch(/Agent\s+\(aucun profil\)\s+Désactivé/);
    expect(await canSignIn(AGENT.email, fresh)).toBe(false);
  });

  it('edits a queue and a profile: the lists given replace the old ones', async () => {
    let main = await openSection(page, 'Files');
    await main.getByRole('button', { name: 'Modifier Orders' }).click();
    const queue = main.getByTestId('queue-form');
    expect(await queue.getByRole('heading', { name: 'Modifier la file « Orders »' }).count()).toBe(1);
    await queue.getByRole('group', { name: 'Membres' }).getByRole('checkbox', { name: `${AGENT.name} (${AGENT.email})` }).uncheck();
    await queue.getByRole('button', { name: 'Enregistrer' }).click();
    await status(main, 'File « Orders » enregistrée.');
    const stored = await server.db.selectFrom('queue_members').innerJoin('queues', 'queues.id', 'queue_members.queue_id').select('queue_members.agent_id').where('queues.name', '=', 'Orders').execute();
    expect(stored).toEqual([]);

    main = await openSection(page, 'Profils');
    await main.getByRole('button', { name: 'Modifier Smart agents' }).click();
    const profile = main.getByTestId('profile-form');
    // The keyboard lands on the form the button filled.
    expect(await page.evaluate<string>('document.activeElement?.textContent ?? ""')).toBe('Modifier le profil « Smart agents »');
    await profile.getByRole('checkbox', { name: 'SMS direct' }).check();
    await profile.getByLabel('Rechercher un pays').fill('royaume');
    await profile.getByRole('checkbox', { name: 'Royaume-Uni' }).check();
    expect(await profile.getByTestId('countries-chosen').innerText()).toBe('2 choisi(s) : France, Royaume-Uni');
    await profile.getByRole('group', { name: 'Numéros SMS (expéditeurs des SMS direct)' }).getByRole('checkbox', { name: SENDER_E164 }).check();
    await profile.getByRole('button', { name: 'Enregistrer' }).click();
    await status(main, 'Profil « Smart agents » enregistré.');
    const row = await server.db.selectFrom('profiles').select(['direct', 'smart', 'authorized_countries']).where('name', '=', 'Smart agents').executeTakeFirstOrThrow();
    expect(row).toEqual({ direct: true, smart: true, authorized_countries: ['FR', 'GB'] });
    await noSeriousViolations(page, 'profile edit form in French');
  });
});
