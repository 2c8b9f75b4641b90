// Sending windows and scheduled sends on a real database (PGlite and PostgreSQL): a message is
// scheduled only for a time its window allows (judged at that time, not now), the refusal's next
// allowed time is accepted as its time, and a window that closes before a scheduled message's
// time fails it at its release with OUTSIDE_SENDING_WINDOW, its credits refunded.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/app/context.js';
import { releaseDue } from '../../src/app/scheduled/release.js';
import { scheduleSend } from '../../src/app/scheduled/schedule.js';
import { creditBalance } from '../../src/db/credits.js';
import { localDateTime } from '../../src/domain/compliance/index.js';
import { DomainError } from '../../src/domain/errors.js';
import { buildWorld, CUSTOMER, testDeps, type World } from '../fixtures/world.js';
import { openTestDatabase, type TestDatabase } from './harness.js';

let tdb: TestDatabase;
let w: World;
let deps: ReturnType<typeof testDeps>;
let me: Actor;
let profileId: string;

beforeAll(async () => {
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db, { credits: 100 });
  deps = testDeps(tdb.db);
  me = { accountId: w.accountId, agentId: w.agents.both };
  profileId = (await tdb.db.selectFrom('agents').select('profile_id').where('id', '=', w.agents.both).executeTakeFirstOrThrow()).profile_id ?? '';
});
afterAll(async () => {
  await tdb?.close();
});

const direct = (text: string) => ({ kind: 'direct' as const, recipient: CUSTOMER, senderId: w.numbers.direct, templateId: null, text });
const setWindow = (window: unknown) => tdb.db.updateTable('profiles').set({ sending_window: window === null ? null : JSON.stringify(window) }).where('id', '=', profileId).execute();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Closed all of today in Paris (the customer's), open from the next Paris midnight. */
const closedToday = () => {
  const today = localDateTime('Europe/Paris', Date.now()).weekday;
  return { days: [1, 2, 3, 4, 5, 6, 7].filter((d) => d !== today), start: '00:00', end: '24:00', skipPublicHolidays: false, scope: 'all' };
};

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

it('schedules only for a time the window allows, and takes the refusal’s next allowed time', async () => {
  await setWindow(closedToday());
  const b0 = await creditBalance(tdb.db, w.accountId);
  const early = await refusal(scheduleSend(deps, me, direct('Too early'), { sendAt: new Date(Date.now() + 60_000), origin: 'schedule' }));
  expect(early.code).toBe('OUTSIDE_SENDING_WINDOW');
  const next = new Date(String(early.details?.nextAllowedAt));
  expect(await creditBalance(tdb.db, w.accountId)).toBe(b0);

  const s = await scheduleSend(deps, me, direct('Right on time'), { sendAt: next, origin: 'schedule' });
  const row = await tdb.db.selectFrom('scheduled_messages').select(['status', 'send_at']).where('id', '=', s.messageId).executeTakeFirstOrThrow();
  expect(row).toEqual({ status: 'scheduled', send_at: next });
  expect(await creditBalance(tdb.db, w.accountId)).toBe(b0 - 1);
});

it('fails a scheduled message whose window closed before its time, at its release, and refunds it', async () => {
  await setWindow(null);
  const b0 = await creditBalance(tdb.db, w.accountId);
  const s = await scheduleSend(deps, me, direct('Scheduled while open'), { sendAt: new Date(Date.now() + 150), origin: 'schedule' });
  expect(await creditBalance(tdb.db, w.accountId)).toBe(b0 - 1);
  await setWindow(closedToday());
  await sleep(250);
  const out = await releaseDue(deps, { workerId: 'windows', limit: 50, leaseMs: 10_000 });
  expect(out.failed).toBe(1);
  const row = await tdb.db.selectFrom('scheduled_messages').select(['status', 'error_code']).where('id', '=', s.messageId).executeTakeFirstOrThrow();
  expect(row).toEqual({ status: 'failed', error_code: 'OUTSIDE_SENDING_WINDOW' });
  expect(await creditBalance(tdb.db, w.accountId)).toBe(b0);
});
