// The supervisor's limits in a real browser (test/e2e/admin-server.ts, a new installation): an administrator makes
// someone a supervisor of Support on the Agents page; the supervisor signs in, sees only the supervisor's sections,
// takes a waiting conversation of Support and closes an agent's open one (the agent's Banner drops it live), cannot
// reach a configuration page (its address says it is not allowed, the API refuses), and never sees Sales'
// conversations. The supervisor's path is walked with the keyboard; every page is checked with axe.
//
// Accessible names relied on: Agents page — "Email", "Name", select "Role" (option "Supervisor"), fieldset
// "Supervised queues" with a checkbox per queue, button "Invite agent", data-testid one-time-password, button
// "Done: I have noted it". Conversations page — h2 "Conversations", a table captioned "Waiting and open conversations
// of the queues you supervise", buttons "Transcript of the conversation with <customer>", "Take the conversation
// with <customer>", "Close the conversation with <customer>"; the close is confirmed in an alert dialog ("Close").
// A configuration page's address for a supervisor — h2 "Not allowed", link "Go to the conversations".
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/platform/password.js';
import { ACCOUNT_ID, startAdminE2eServer, type AdminE2eServer } from './admin-server.js';
import { seriousViolations } from './axe.js';
import { eventually, focused, launchBrowser, openBanner, signIn, type AgentPage } from './browser.js';

let server: AdminE2eServer;
let browser: Browser;
const opened: AgentPage[] = [];
const BEA = { email: 'bea@acme.example', name: 'Bea Agent', password: 'bea password for the e2e test' };
const SUE = { email: 'sue@acme.example', name: 'Sue Supervisor' };
const WAITING = { id: 'int_waiting', number: '+33611000001', name: 'Alice Waiting' };
const OPEN = { id: 'int_open', number: '+33611000002', name: 'Bruno Open' };
const SALES = { id: 'int_sales', number: '+33611000003', name: 'Carla Sales' };
const SHOWN = { id: 'int_shown', number: '+33611000004', name: 'Dora Shown' };
let suePassword = '';

async function noSeriousViolations(page: Page, where: string): Promise<void> {
  const v = await seriousViolations(page);
  expect(v, `${where}: ${JSON.stringify(v, null, 2)}`).toEqual([]);
}

async function open(): Promise<Page> {
  const p = await openBanner(browser, server.url);
  opened.push(p);
  return p.page;
}

beforeAll(async () => {
  server = await startAdminE2eServer();
  const db = server.db;
  await db
    .insertInto('sms_numbers')
    .values([
      { id: 'num_support', account_id: ACCOUNT_ID, address: '+33757000001' },
      { id: 'num_sales', account_id: ACCOUNT_ID, address: '+33757000002' },
    ])
    .execute();
  await db
    .insertInto('queues')
    .values([
      { id: 'q_support', account_id: ACCOUNT_ID, name: 'Support', sms_number_id: 'num_support' },
      { id: 'q_sales', account_id: ACCOUNT_ID, name: 'Sales', sms_number_id: 'num_sales' },
    ])
    .execute();
  await db.insertInto('profiles').values({ id: 'prof_agents', account_id: ACCOUNT_ID, name: 'Agents', messaging: true, direct: false, smart: true, max_interactions: 5, authorized_countries: ['FR'] }).execute();
  await db.insertInto('agents').values({ id: 'agt_bea', account_id: ACCOUNT_ID, email: BEA.email, name: BEA.name, role: 'agent', profile_id: 'prof_agents', password_hash: await hashPassword(BEA.password) }).execute();
  await db
    .insertInto('queue_members')
    .values([
      { queue_id: 'q_support', agent_id: 'agt_bea' },
      { queue_id: 'q_sales', agent_id: 'agt_bea' },
    ])
    .execute();
  await db
    .insertInto('contacts')
    .values([WAITING, OPEN, SALES, SHOWN].map((c) => ({ account_id: ACCOUNT_ID, number: c.number, name: c.name })))
    .execute();
  const since = new Date(Date.now() - 7 * 60_000);
  const conv = (c: typeof WAITING, queue: string, number: string, agent: string | null) => ({
    id: c.id,
    account_id: ACCOUNT_ID,
    kind: 'sms' as const,
    status: agent ? ('progressing' as const) : ('waiting' as const),
    agent_id: agent,
    queue_id: queue,
    customer_number: c.number,
    sms_number_id: number,
    origin_call_id: null,
    external_id: null,
    closed_at: null,
    created_at: since,
    updated_at: since,
  });
  await db
    .insertInto('interactions')
    .values([conv(WAITING, 'q_support', 'num_support', null), conv(OPEN, 'q_support', 'num_support', 'agt_bea'), conv(SALES, 'q_sales', 'num_sales', null), conv(SHOWN, 'q_support', 'num_support', 'agt_bea')])
    .execute();
  for (const [c, to, body] of [
    [WAITING, '+33757000001', 'My parcel never came'],
    [OPEN, '+33757000001', 'Can I change my address?'],
    [SALES, '+33757000002', 'Do you ship to Lyon?'],
    [SHOWN, '+33757000001', 'Hello again'],
  ] as const) {
    await db
      .insertInto('messages')
      .values({ id: `m_${c.id}`, account_id: ACCOUNT_ID, interaction_id: c.id, direction: 'in', status: 'received', agent_id: null, sms_number_id: null, from_address: c.number, to_address: to, body, encoding: 'GSM-7', units: body.length, segments: 1, credits: 0, template_id: null, origin_call_id: null, provider: null, provider_message_id: null, locked_by: null, locked_until: null, last_error: null, error_code: null, review_since: null, submitted_at: null, sent_at: null, delivered_at: null, created_at: since })
      .execute();
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const p of opened) await p.context.close();
  await browser?.close();
  await server?.close();
});

describe('a supervisor of Support', () => {
  it('is made by an administrator on the Agents page', async () => {
    const page = await open();
    await page.locator('input[type=email]').fill(server.admin.email);
    await page.locator('input[type=password]').fill(server.admin.password);
    await page.getByTestId('login-submit').click();
    await page.getByRole('link', { name: 'Administration' }).click();
    const nav = page.getByRole('navigation', { name: 'Administration' });
    await nav.getByRole('link', { name: 'Agents', exact: true }).click();
    const form = page.getByTestId('agent-invite-form');
    await form.waitFor();
    await form.getByLabel('Email').fill(SUE.email);
    await form.getByLabel('Name').fill(SUE.name);
    await form.getByLabel('Role').selectOption('supervisor');
    const queues = form.getByRole('group', { name: 'Supervised queues' });
    await queues.getByRole('checkbox', { name: 'Support' }).check();
    expect(await queues.getByRole('checkbox', { name: 'Sales' }).isChecked()).toBe(false);
    await noSeriousViolations(page, 'agents page, supervisor invite');
    await form.getByRole('button', { name: 'Invite agent' }).click();
    suePassword = (await page.getByTestId('one-time-password').innerText()).trim();
    expect(suePassword).not.toBe('');
    await page.getByRole('button', { name: /Done/ }).click();
    const row = page.getByTestId('agents-table').getByRole('row', { name: new RegExp(SUE.name) });
    await eventually(() => row.innerText(), (t) => t.includes('Supervisor of Support'));
  });

  it('sees only the supervisor’s sections, takes a waiting conversation and closes an open one, with the keyboard', async () => {
    const bea = await open();
    await signIn(bea, { agentId: 'agt_bea', email: BEA.email, password: BEA.password, name: BEA.name });
    const beaOpen = bea.getByTestId('list-open').locator(`[data-id="${OPEN.id}"]`);
    await beaOpen.waitFor();
    // Bea is reading another of her conversations when the supervisor takes it.
    await bea.getByTestId('list-open').locator(`[data-id="${SHOWN.id}"]`).getByRole('button').first().click();
    await bea.getByTestId('conversation').getByText('Hello again').waitFor();

    const page = await open();
    await page.locator('input[type=email]').fill(SUE.email);
    await page.locator('input[type=password]').fill(suePassword);
    await page.locator('input[type=password]').press('Enter');
    const adminLink = page.getByRole('link', { name: 'Administration' });
    await adminLink.waitFor();
    await adminLink.focus();
    await page.keyboard.press('Enter');
    const nav = page.getByRole('navigation', { name: 'Administration' });
    await nav.waitFor();
    // The area opens on the supervisor's first section; Conversations is one link away.
    await nav.getByRole('link', { name: 'Conversations', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Conversations' }).waitFor();
    const links = (await nav.getByRole('link').allInnerTexts()).map((s) => s.trim());
    expect(links).toContain('Conversations');
    // Only outcomes and conversations: the Log and the Dashboard appear once those pages exist.
    expect(links.filter((l) => !['Log', 'Message log', 'Dashboard', 'Conversations'].includes(l))).toEqual([]);

    const table = page.getByRole('table', { name: 'Waiting and open conversations of the queues you supervise' });
    await eventually(() => table.getByRole('row').count(), (n) => n === 4);
    const text = await table.innerText();
    expect(text).toContain(WAITING.name);
    expect(text).toContain(OPEN.name);
    expect(text).toContain(BEA.name);
    expect(text).not.toContain(SALES.name);
    await noSeriousViolations(page, 'conversations page');

    // The transcript, from the keyboard: the button, then the heading that takes the focus.
    await page.getByRole('button', { name: `Transcript of the conversation with ${WAITING.name}` }).focus();
    await page.keyboard.press('Enter');
    const transcript = page.getByTestId('transcript');
    await transcript.getByText('My parcel never came').waitFor();
    await eventually(() => focused(page), (f) => f === 'h3');
    await noSeriousViolations(page, 'transcript');

    // Take the waiting one: Tab from the Transcript button reaches Take.
    await page.getByRole('button', { name: `Transcript of the conversation with ${WAITING.name}` }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement?.getAttribute("aria-label") ?? ""')).toBe(`Take the conversation with ${WAITING.name}`);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: `The conversation with ${WAITING.name} is yours now` }).waitFor();
    const waitingRow = table.getByRole('row', { name: new RegExp(WAITING.name) });
    await eventually(() => waitingRow.innerText(), (t) => t.includes('Open') && t.includes(SUE.name));

    // Take the one Bea is reading: her Banner says who took it and closes it.
    await page.getByRole('button', { name: `Take the conversation with ${SHOWN.name}` }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: `The conversation with ${SHOWN.name} is yours now` }).waitFor();
    await bea.getByTestId('toast').filter({ hasText: `${SUE.name} took this conversation.` }).waitFor();
    await bea.getByTestId('conversation').waitFor({ state: 'detached' });
    await bea.getByTestId('list-open').locator(`[data-id="${SHOWN.id}"]`).waitFor({ state: 'detached' });

    // Close Bea's open one: the dialog's confirm button has the focus; Enter confirms.
    await page.getByRole('button', { name: `Close the conversation with ${OPEN.name}` }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    await noSeriousViolations(page, 'close dialog');
    await eventually(() => page.evaluate<string>('document.activeElement?.textContent ?? ""'), (t) => t === 'Close');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: `The conversation with ${OPEN.name} is closed` }).waitFor();
    await eventually(() => table.innerText(), (t) => !t.includes(OPEN.name));
    // Bea's Banner drops it at once (live).
    await beaOpen.waitFor({ state: 'detached' });
    const rows = await server.db.selectFrom('interactions').select(['id', 'status', 'agent_id']).where('id', 'in', [WAITING.id, OPEN.id, SALES.id, SHOWN.id]).orderBy('id').execute();
    const sue = await server.db.selectFrom('agents').select('id').where('email', '=', SUE.email).executeTakeFirstOrThrow();
    expect(rows).toEqual([
      { id: OPEN.id, status: 'closed', agent_id: 'agt_bea' },
      { id: SALES.id, status: 'waiting', agent_id: null },
      { id: SHOWN.id, status: 'progressing', agent_id: sue.id },
      { id: WAITING.id, status: 'progressing', agent_id: sue.id },
    ]);

    // A configuration page's address: not allowed, and the API refuses it too.
    await page.goto(`${server.url}/#/admin/agents`);
    await page.getByRole('heading', { level: 2, name: 'Not allowed' }).waitFor();
    expect(await page.getByTestId('agents-table').count()).toBe(0);
    await noSeriousViolations(page, 'not allowed page');
    const api = page.context().request;
    expect((await api.get(`${server.url}/api/admin/agents`)).status()).toBe(403);
    expect((await api.get(`${server.url}/api/admin/provider`)).status()).toBe(403);
    // Sales' conversation does not exist for this supervisor.
    expect((await api.get(`${server.url}/api/admin/conversations/${SALES.id}/messages`)).status()).toBe(404);
    await page.getByRole('link', { name: 'Go to the conversations' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Conversations' }).waitFor();
  });
});
