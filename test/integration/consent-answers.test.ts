// Keyword settings per SMS number and the automatic answers (PGlite and PostgreSQL): a STOP
// confirmed in the number's language, a START confirmed, a HELP text; each one an ordinary
// message, debited, in the conversation and the log, and sent by the dispatcher; nobody opted
// out receives one except their STOP's confirmation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setKeywordSettings } from '../../src/app/consent/keyword-settings.js';
import { receiveInbound } from '../../src/app/receive-inbound.js';
import { DEFAULT_ANSWERS } from '../../src/domain/consent/index.js';
import { createDispatcher, type Dispatcher } from '../../src/dispatcher/index.js';
import { FakeProvider } from '../fixtures/outbox/fake-provider.js';
import { waitUntil } from '../fixtures/outbox/seed.js';
import { buildWorld, NUMBERS, testDeps, type World } from '../fixtures/world.js';
import { openTestDatabase, type TestDatabase } from './harness.js';

let tdb: TestDatabase;
let w: World;
let seq = 0;
let dispatcher: Dispatcher | null = null;
const fake = new FakeProvider();
const admin = () => ({ accountId: w.accountId, agentId: w.agents.colleague });
const inbound = (from: string, body: string) =>
  receiveInbound(testDeps(tdb.db), { accountId: w.accountId, provider: 'simulator', providerMessageId: `ca-${++seq}`, from, to: NUMBERS.support, body, receivedAt: new Date() });
const balance = async () => Number((await tdb.db.selectFrom('credit_buckets').select((eb) => eb.fn.sum<string>('balance').as('b')).where('account_id', '=', w.accountId).executeTakeFirstOrThrow()).b);
const outTo = (number: string) => tdb.db.selectFrom('messages').selectAll().where('account_id', '=', w.accountId).where('to_address', '=', number).where('direction', '=', 'out').orderBy('created_at').execute();

beforeAll(async () => {
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db);
  await setKeywordSettings(testDeps(tdb.db), admin(), w.numbers.support, { autoAnswer: { stop: true, start: true, help: true }, extra: { stop: ['BASTA'] }, enabled: { help: true } });
});
afterAll(async () => {
  await dispatcher?.stop();
  await tdb.close();
});

describe('automatic answers', () => {
  it('confirms a STOP in the number’s language, debited, in the conversation, and the dispatcher sends it', async () => {
    const c = '+33611110001';
    const before = await balance();
    const r = await inbound(c, 'Stop');
    expect(r.optOut).toBe('stop');
    expect(r.answerId).toBeDefined();
    const [answer] = await outTo(c);
    expect(answer).toMatchObject({ id: r.answerId, body: DEFAULT_ANSWERS.fr.stop, status: 'queued', interaction_id: r.interactionId, sms_number_id: w.numbers.support, agent_id: null });
    expect(await balance()).toBe(before - answer!.credits);
    const debit = await tdb.db.selectFrom('credit_ledger').selectAll().where('message_id', '=', r.answerId!).executeTakeFirstOrThrow();
    expect(debit).toMatchObject({ actor: 'keyword-answer' });
    const ev = await tdb.db.selectFrom('events').select(['type', 'payload']).where('account_id', '=', w.accountId).where('type', '=', 'message.created').execute();
    expect(ev.some((e) => (e.payload as { id: string }).id === r.answerId)).toBe(true);

    dispatcher = createDispatcher({ db: tdb.db, providers: () => fake, wake: tdb.outbox, pollIntervalMs: 50, leaseMs: 2000, submitTimeoutMs: 500, reconcileDelayMs: 50, backoff: { baseMs: 20, maxMs: 200 }, logger: { warn: () => undefined, error: () => undefined } });
    await dispatcher.start();
    await waitUntil('the answer sent', async () => (await outTo(c))[0]!.status !== 'queued' && (await outTo(c))[0]!.status !== 'sending');
    expect((await outTo(c))[0]!.status).toBe('sent');
    expect(fake.acceptedCount.get(r.answerId!)).toBe(1);
  });

  it('answers nothing else to someone opted out: a HELP goes unanswered, their START is confirmed', async () => {
    const c = '+33611110001';
    const help = await inbound(c, 'AIDE');
    expect(help.answerId).toBeUndefined();
    const start = await inbound(c, 'START');
    expect(start.optOut).toBe('start');
    expect((await outTo(c)).map((m) => m.body)).toEqual([DEFAULT_ANSWERS.fr.stop, DEFAULT_ANSWERS.fr.start]);
    const help2 = await inbound(c, 'help');
    expect((await outTo(c)).find((m) => m.id === help2.answerId)?.body).toBe(DEFAULT_ANSWERS.fr.help);
  });

  it('follows the number’s settings: its own keyword, its own text, a family without answer', async () => {
    const c = '+33611110002';
    await setKeywordSettings(testDeps(tdb.db), admin(), w.numbers.support, { autoAnswer: { stop: true }, extra: { stop: ['BASTA'] }, texts: { stop: 'Désinscrit. START pour revenir.' }, language: 'en' });
    const r = await inbound(c, 'basta!');
    expect(r.optOut).toBe('stop');
    expect((await outTo(c)).map((m) => m.body)).toEqual(['Désinscrit. START pour revenir.']);
    const s = await inbound(c, 'START');
    expect(s.optOut).toBe('start');
    expect(s.answerId).toBeUndefined();
    expect(await outTo(c)).toHaveLength(1);
  });

  it('a number that turned HELP off reads it as text; an account without credits answers nothing', async () => {
    await setKeywordSettings(testDeps(tdb.db), admin(), w.numbers.support, { enabled: { help: false }, autoAnswer: { stop: true, help: true } });
    const c = '+33611110003';
    expect((await inbound(c, 'HELP')).answerId).toBeUndefined();
    await tdb.db.updateTable('credit_buckets').set({ balance: 0 }).where('account_id', '=', w.accountId).execute();
    const r = await inbound(c, 'STOP');
    expect(r.optOut).toBe('stop');
    expect(r.answerId).toBeUndefined();
    expect(await outTo(c)).toEqual([]);
  });
});
