// Two agents of the same queue, each in their own browser: what one does to a waiting
// conversation shows in the other's Banner without a reload, and so does an administrator's
// change of a profile.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { updateProfile } from '../../src/app/admin/profiles.js';
import { NUMBERS } from '../fixtures/world.js';
import { eventually, launchBrowser, openBanner, signIn, type AgentPage } from './browser.js';
import { startE2eServer, type E2eServer } from './server.js';

let server: E2eServer;
let browser: Browser;
let sam: AgentPage;
let cole: AgentPage;

beforeAll(async () => {
  server = await startE2eServer();
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

const waitingNumbers = (a: AgentPage) => a.page.getByTestId('list-waiting').locator('.list__number').allInnerTexts();

it('one agent takes a waiting conversation: it leaves the other’s list live, and the other, who was reading it, is told who took it', async () => {
  await server.receive('+33611223344', NUMBERS.support, 'Is anyone there?');
  await eventually(() => waitingNumbers(sam), (n) => n.includes('+33611223344'));
  await eventually(() => waitingNumbers(cole), (n) => n.includes('+33611223344'));

  // Cole is reading it when Sam takes it.
  await cole.page.getByTestId('list-waiting').getByRole('button', { name: /View the waiting conversation with \+33611223344/ }).first().click();
  await cole.page.getByTestId('take-conversation').waitFor();

  await sam.page.getByTestId('list-waiting').getByTestId('take').first().click();
  await eventually(() => sam.page.getByTestId('conversation-status').innerText(), (s) => /progress/i.test(s));

  await eventually(() => waitingNumbers(cole), (n) => !n.includes('+33611223344'));
  await cole.page.getByTestId('toast').filter({ hasText: 'Sam Smart took this conversation.' }).waitFor({ timeout: 5_000 });
  expect(await cole.page.getByTestId('conversation').count()).toBe(0);
});

it('pressing Take after a colleague took it says who did, and the list drops it', async () => {
  await server.receive('+33611223355', NUMBERS.support, 'Hello again?');
  await eventually(() => waitingNumbers(cole), (n) => n.includes('+33611223355'));
  // Cole's live stream is held back (it reconnects, and its request waits), so his list still offers Take.
  await cole.page.route('**/api/events**', async (route) => {
    await new Promise((r) => setTimeout(r, 4_000));
    await route.continue().catch(() => undefined);
  });
  await cole.context.setOffline(true);
  await cole.context.setOffline(false);

  await sam.page.getByRole('button', { name: 'Take the conversation with +33611223355' }).click();
  await eventually(() => sam.page.getByTestId('conversation-status').innerText(), (s) => /progress/i.test(s));
  expect(await waitingNumbers(cole)).toContain('+33611223355');

  await cole.page.getByRole('button', { name: 'Take the conversation with +33611223355' }).click();
  // The refusal (the toast of the first test, about the other conversation, may still be there as a notice).
  await cole.page.locator('[data-testid=toast].toast--error').filter({ hasText: 'Sam Smart took this conversation.' }).waitFor({ timeout: 5_000 });
  await eventually(() => waitingNumbers(cole), (n) => !n.includes('+33611223355'));
  await cole.page.unroute('**/api/events**');
});

it('an administrator changes a profile: the open Banner of its agent shows the new limit without a reload', async () => {
  const load = () => sam.page.getByTestId('load').innerText();
  expect(await load()).toMatch(/ \/ 3$/);
  const { profile_id } = await server.db.selectFrom('agents').select('profile_id').where('id', '=', server.logins.smartOnly.agentId).executeTakeFirstOrThrow();
  const admin = { accountId: server.world.accountId, agentId: server.logins.colleague.agentId };
  await updateProfile({ db: server.db, wake: () => undefined }, admin, profile_id!, { maxInteractions: 6 });
  await eventually(load, (l) => / \/ 6$/.test(l));
});
