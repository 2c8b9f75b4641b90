// A message whose delivery is uncertain, from both sides, each in their own browser: the agent's thread says
// "Delivery uncertain, under review" instead of "Sending" as soon as the dispatcher flags it; an administrator finds
// it on the review page (recipient masked), abandons it, and the agent's thread shows the outcome live, with the
// credit refunded once.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { creditBalance } from '../../src/db/credits.js';
import { flagForReview } from '../../src/db/outbox.js';
import { NUMBERS } from '../fixtures/world.js';
import { seriousViolations } from './axe.js';
import { eventually, launchBrowser, openBanner, signIn, type AgentPage } from './browser.js';
import { SIMULATOR, startE2eServer, type E2eServer } from './server.js';

const CUSTOMER = '+33611224466';
let server: E2eServer;
let browser: Browser;
let sam: AgentPage;
let cole: AgentPage;

beforeAll(async () => {
  server = await startE2eServer();
  // The simulator takes 30 s to answer: the message stays 'sending' while the test flags it, as the dispatcher
  // does when the provider cannot tell whether it received a message.
  await server.db.updateTable('accounts').set({ provider_config: JSON.stringify({ ...SIMULATOR, latencyMs: 30_000 }) }).where('id', '=', server.world.accountId).execute();
  await server.db.updateTable('agents').set({ role: 'admin' }).where('id', '=', server.logins.colleague.agentId).execute();
  browser = await launchBrowser();
  sam = await openBanner(browser, server.url);
  cole = await openBanner(browser, server.url);
  await signIn(sam.page, server.logins.smartOnly);
  await signIn(cole.page, server.logins.colleague);
});

afterAll(async () => {
  await sam?.context.close();
  await cole?.context.close();
  await browser?.close();
  await server?.close();
});

it('the agent sees "Delivery uncertain, under review", the administrator abandons it, the agent sees it failed', async () => {
  await server.receive(CUSTOMER, NUMBERS.support, 'Where is my parcel?');
  await sam.page.getByTestId('list-waiting').getByTestId('take').first().click();
  await eventually(() => sam.page.getByTestId('conversation-status').innerText(), (s) => /progress/i.test(s));
  await sam.page.getByTestId('message-input').fill('It left the depot this morning.');
  await sam.page.getByTestId('send-button').click();
  await sam.page.getByTestId('send-confirm-dialog').getByRole('button', { name: 'Send' }).click();
  const sent = sam.page.getByTestId('thread-message').filter({ hasText: 'It left the depot this morning.' });
  await sent.waitFor();

  const row = await eventually(
    () => server.db.selectFrom('messages').select(['id', 'status', 'locked_by']).where('body', '=', 'It left the depot this morning.').executeTakeFirst(),
    (m) => m?.status === 'sending' && m.locked_by !== null,
  );
  await eventually(() => sent.getByTestId('message-status').innerText(), (s) => s === 'Sending');
  const balance = await creditBalance(server.db, server.world.accountId);
  expect(await flagForReview(server.db, row!.locked_by!, row!.id, `no answer from the provider within 15000 ms (to ${CUSTOMER})`)).toBe(true);
  await eventually(() => sent.getByTestId('message-status').innerText(), (s) => s === 'Delivery uncertain, under review');

  // The administrator's side.
  const page = cole.page;
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Messages under review', exact: true }).click();
  await page.getByRole('heading', { name: 'Messages under review', level: 2 }).waitFor();
  const flagged = page.locator(`[data-testid=review-row][data-message-id="${row!.id}"]`);
  await flagged.waitFor();
  const cells = await flagged.locator('td').allInnerTexts();
  expect(cells.join(' | ')).toContain('Sam Smart');
  expect(cells.join(' | ')).toContain('simulator');
  expect(cells.join(' | ')).toContain('no answer from the provider');
  expect(cells.join(' | ')).not.toContain(CUSTOMER);
  expect(cells.join(' | ')).toMatch(/\+33•+66/);
  expect(await seriousViolations(page)).toEqual([]);
  await flagged.getByRole('button', { name: 'Abandon and refund' }).click();
  await page.getByTestId('admin-status').filter({ hasText: '1 abandoned, 1 credits refunded.' }).waitFor();
  await page.getByTestId('review-table').getByText('No message waits for a decision.').waitFor();

  // The agent's side, live.
  await eventually(() => sent.getByTestId('message-status').getAttribute('data-status'), (s) => s === 'failed');
  expect(await sent.getByTestId('message-status').innerText()).toMatch(/^Failed: abandoned after review/);
  expect(await sent.getByTestId('message-status').getAttribute('data-under-review')).toBeNull();
  expect(await creditBalance(server.db, server.world.accountId)).toBe(balance + 1);
  const trail = await server.db.selectFrom('events').select('payload').where('type', '=', 'admin.review.abandoned').execute();
  expect(trail.map((e) => e.payload)).toEqual([expect.objectContaining({ actorId: server.logins.colleague.agentId, targetId: row!.id })]);
});

it('an administrator creates an API token for telephony, sees its secret once, and revokes it: refused at once', async () => {
  const page = cole.page;
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'API tokens', exact: true }).click();
  await page.getByRole('heading', { name: 'API tokens', level: 2 }).waitFor();
  await page.getByLabel('Token name').fill('Call center PBX');
  await page.getByRole('button', { name: 'Create token' }).click();
  const secret = await page.getByTestId('api-token-secret').innerText();
  expect(secret.length).toBeGreaterThanOrEqual(40);
  const startCall = (callId: string) =>
    fetch(`${server.url}/api/telephony/calls`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ agentId: server.logins.smartOnly.agentId, callId, customerNumber: CUSTOMER }),
    });
  expect((await startCall('pbx-1')).status).toBe(201);
  await page.getByRole('button', { name: 'I have copied it' }).click();
  expect(await page.getByTestId('api-token-secret').count()).toBe(0);
  const row = page.getByTestId('token-row').filter({ hasText: 'Call center PBX' });
  expect(await row.innerText()).toContain('telephony');
  expect(await page.getByTestId('tokens-table').innerText()).not.toContain(secret);
  expect(await seriousViolations(page)).toEqual([]);
  await row.getByRole('button', { name: 'Revoke' }).click();
  await eventually(() => row.getByTestId('token-state').innerText(), (s) => s.startsWith('Revoked'));
  expect((await startCall('pbx-2')).status).toBe(401);
});
