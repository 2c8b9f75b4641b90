import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { whoAmI, directOptions, myQueues, myInteractions, thread, queueTemplates, myActiveCalls } from '../../src/app/agent-views.js';
import { closeInteraction } from '../../src/app/close-interaction.js';
import type { Actor } from '../../src/app/context.js';
import { receiveInbound } from '../../src/app/receive-inbound.js';
import { sendDirect } from '../../src/app/send-direct.js';
import { sendInInteraction } from '../../src/app/send-in-interaction.js';
import { startSmart } from '../../src/app/start-smart.js';
import { takeInteraction } from '../../src/app/take-interaction.js';
import { endCall, registerCall } from '../../src/app/voice-calls.js';
import { creditBalance } from '../../src/db/credits.js';
import { DomainError, type ErrorCode } from '../../src/domain/errors.js';
import { buildWorld, CUSTOMER, CUSTOMER_2, NUMBERS, testDeps, type World } from '../fixtures/world.js';
import { openTestDatabase, type TestDatabase } from './harness.js';

let tdb: TestDatabase;
let w: World;
let deps: ReturnType<typeof testDeps>;
const as = (agentId: string, accountId = w.accountId): Actor => ({ accountId, agentId });

async function refusal(p: Promise<unknown>): Promise<ErrorCode> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  throw new Error('expected a refusal, got success');
}

let inboundSeq = 0;
const inbound = (from: string, to: string, body: string, accountId = w.accountId) =>
  receiveInbound(deps, { accountId, provider: 'simulator', providerMessageId: `in-${++inboundSeq}-${Date.now()}`, from, to, body, receivedAt: new Date() });

beforeAll(async () => {
  tdb = await openTestDatabase();
});
afterAll(async () => {
  await tdb?.close();
});
beforeEach(async () => {
  w = await buildWorld(tdb.db);
  deps = testDeps(tdb.db);
});

describe('Direct SMS', () => {
  it('queues the message, debits its credits in the ledger and creates no interaction', async () => {
    const r = await sendDirect(deps, as(w.agents.both), { recipient: '+33 6 12 34 56 78', senderId: w.numbers.direct, text: 'a'.repeat(200) });
    expect(r.credits).toBe(2);
    expect(await creditBalance(tdb.db, w.accountId)).toBe(998);
    const m = await tdb.db.selectFrom('messages').selectAll().where('id', '=', r.messageId).executeTakeFirstOrThrow();
    expect(m).toMatchObject({ status: 'queued', direction: 'out', to_address: CUSTOMER, from_address: NUMBERS.direct, interaction_id: null, segments: 2, credits: 2 });
    const ledger = await tdb.db.selectFrom('credit_ledger').selectAll().where('message_id', '=', r.messageId).execute();
    expect(ledger.map((l) => Number(l.delta))).toEqual([-2]);
    expect(await tdb.db.selectFrom('interactions').select('id').where('account_id', '=', w.accountId).execute()).toHaveLength(0);
    expect(deps.wakes).toBe(1);
    const ev = await tdb.db.selectFrom('events').select(['type', 'agent_id']).where('account_id', '=', w.accountId).execute();
    expect(ev).toContainEqual({ type: 'message.created', agent_id: w.agents.both });
  });

  it('refuses with each code that belongs to Direct mode', async () => {
    const send = (agent: string, over: Record<string, unknown> = {}) =>
      refusal(sendDirect(deps, as(agent), { recipient: CUSTOMER, senderId: w.numbers.direct, text: 'Hello', ...over }));
    expect(await send(w.agents.noMessaging)).toBe('MESSAGING_NOT_PERMITTED');
    expect(await send(w.agents.smartOnly)).toBe('MODE_NOT_PERMITTED');
    expect(await send(w.agents.both, { recipient: '+33 1 42 68 53 00' })).toBe('INVALID_NUMBER');
    expect(await send(w.agents.both, { recipient: '+33 6 12' })).toBe('INVALID_NUMBER');
    expect(await send(w.agents.both, { recipient: '+1 212 555 0100' })).toBe('COUNTRY_NOT_AUTHORIZED');
    expect(await send(w.agents.both, { recipient: '+49 1512 3456789' })).toBe('COUNTRY_NOT_AUTHORIZED');
    expect(await send(w.agents.both, { text: '   ' })).toBe('EMPTY_MESSAGE');
    expect(await send(w.agents.both, { text: 'x'.repeat(1225) })).toBe('CREDIT_LIMIT_EXCEEDED');
    expect(await send(w.agents.both, { templateId: w.templates.empty })).toBe('INVALID_TEMPLATE');
    expect(await send(w.agents.both, { templateId: w.templates.queueTpl })).toBe('INVALID_TEMPLATE');
    expect(await send(w.agents.both, { templateId: w.templates.hello, text: 'Hello $firstname, your order 4 is ready.' })).toBe('UNFILLED_VARIABLES');
    expect(await send(w.agents.both, { senderId: w.numbers.support })).toBe('VALIDATION_FAILED');
    expect(await send(w.agents.other, { senderId: w.numbers.direct })).toBe('UNAUTHENTICATED');
    // nothing was debited by any refusal
    expect(await creditBalance(tdb.db, w.accountId)).toBe(1000);
  });

  it('NO_SENDER_NUMBER, NO_PROVIDER_CONFIGURED and INSUFFICIENT_CREDITS', async () => {
    const poor = await buildWorld(tdb.db, { credits: 1, provider: null });
    expect(await refusal(sendDirect(deps, as(poor.agents.both, poor.accountId), { recipient: CUSTOMER, senderId: poor.numbers.direct, text: 'Hi' }))).toBe('NO_PROVIDER_CONFIGURED');
    await tdb.db.updateTable('accounts').set({ provider_type: 'simulator' }).where('id', '=', poor.accountId).execute();
    expect(await refusal(sendDirect(deps, as(poor.agents.both, poor.accountId), { recipient: CUSTOMER, senderId: poor.numbers.direct, text: 'a'.repeat(161) }))).toBe('INSUFFICIENT_CREDITS');
    await tdb.db.deleteFrom('profile_numbers').execute();
    expect(await refusal(sendDirect(deps, as(poor.agents.both, poor.accountId), { recipient: CUSTOMER, senderId: poor.numbers.direct, text: 'Hi' }))).toBe('NO_SENDER_NUMBER');
  });

  it('MAX_INTERACTIONS_REACHED counts progressing Smart SMS and active calls', async () => {
    await registerCall(deps, { accountId: w.accountId, agentId: w.agents.both, externalCallId: 'c1', customerNumber: CUSTOMER });
    await registerCall(deps, { accountId: w.accountId, agentId: w.agents.both, externalCallId: 'c2', customerNumber: CUSTOMER_2 });
    await startSmart(deps, as(w.agents.both), { recipient: CUSTOMER, queueId: w.queues.support });
    expect(await refusal(sendDirect(deps, as(w.agents.both), { recipient: CUSTOMER, senderId: w.numbers.direct, text: 'Hi' }))).toBe('MAX_INTERACTIONS_REACHED');
    await endCall(deps, { accountId: w.accountId, externalCallId: 'c1' });
    await sendDirect(deps, as(w.agents.both), { recipient: CUSTOMER, senderId: w.numbers.direct, text: 'Hi' });
  });

  it('records the voice call it was sent from, and refuses somebody else’s call', async () => {
    const call = await registerCall(deps, { accountId: w.accountId, agentId: w.agents.both, externalCallId: 'call-9', customerNumber: '0033612345678' });
    expect((await myActiveCalls(deps, as(w.agents.both))).map((c) => c.customerNumber)).toEqual([CUSTOMER]);
    const r = await sendDirect(deps, as(w.agents.both), { recipient: CUSTOMER, senderId: w.numbers.direct, text: 'As discussed', originCallId: call.interactionId });
    const m = await tdb.db.selectFrom('messages').select('origin_call_id').where('id', '=', r.messageId).executeTakeFirstOrThrow();
    expect(m.origin_call_id).toBe(call.interactionId);
    expect(await refusal(sendDirect(deps, as(w.agents.directOnly), { recipient: CUSTOMER, senderId: w.numbers.direct, text: 'x', originCallId: call.interactionId }))).toBe('NOT_FOUND');
    expect(await refusal(startSmart(deps, as(w.agents.smartOnly), { recipient: CUSTOMER, queueId: w.queues.support, originCallId: call.interactionId }))).toBe('NOT_FOUND');
    expect(await refusal(startSmart(deps, as(w.agents.smartOnly), { recipient: CUSTOMER, queueId: w.queues.support, originCallId: 'no-such-call' }))).toBe('NOT_FOUND');
    const fromCall = await startSmart(deps, as(w.agents.both), { recipient: CUSTOMER, queueId: w.queues.support, originCallId: call.interactionId });
    const i = await tdb.db.selectFrom('interactions').select('origin_call_id').where('id', '=', fromCall.interactionId).executeTakeFirstOrThrow();
    expect(i.origin_call_id).toBe(call.interactionId);
  });
});

describe('credits under concurrency', () => {
  it('500 concurrent sends against 100 credits: exactly 100 sent, never below zero, every refusal INSUFFICIENT_CREDITS', async () => {
    const poor = await buildWorld(tdb.db, { credits: 100 });
    const actor = as(poor.agents.both, poor.accountId);
    const results = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        sendDirect(deps, actor, { recipient: CUSTOMER, senderId: poor.numbers.direct, text: `Message ${i}` }).then(
          () => 'sent',
          (e: unknown) => (e instanceof DomainError ? e.code : `crash: ${String(e)}`),
        ),
      ),
    );
    expect(results.filter((r) => r === 'sent')).toHaveLength(100);
    expect(results.filter((r) => r !== 'sent').every((r) => r === 'INSUFFICIENT_CREDITS')).toBe(true);
    expect(await creditBalance(tdb.db, poor.accountId)).toBe(0);
    const buckets = await tdb.db.selectFrom('credit_buckets').select('balance').where('account_id', '=', poor.accountId).execute();
    expect(buckets.every((b) => Number(b.balance) >= 0)).toBe(true);
    const messages = await tdb.db.selectFrom('messages').select('id').where('account_id', '=', poor.accountId).execute();
    expect(messages).toHaveLength(100);
    const ledger = await tdb.db.selectFrom('credit_ledger').select('delta').where('account_id', '=', poor.accountId).execute();
    expect(ledger.reduce((sum, l) => sum + Number(l.delta), 0)).toBe(0);
  });
});

describe('Smart SMS', () => {
  it('starts a progressing interaction with the queue’s number, and reopens instead of duplicating', async () => {
    const a = await startSmart(deps, as(w.agents.both), { recipient: '+33612345678', queueId: w.queues.support });
    expect(a.reopened).toBe(false);
    const i = await tdb.db.selectFrom('interactions').selectAll().where('id', '=', a.interactionId).executeTakeFirstOrThrow();
    expect(i).toMatchObject({ status: 'progressing', agent_id: w.agents.both, sms_number_id: w.numbers.support, customer_number: CUSTOMER, kind: 'sms' });
    const b = await startSmart(deps, as(w.agents.both), { recipient: '0033 6 12 34 56 78', queueId: w.queues.support });
    expect(b).toMatchObject({ interactionId: a.interactionId, reopened: true });
    expect(await refusal(startSmart(deps, as(w.agents.colleague), { recipient: CUSTOMER, queueId: w.queues.support }))).toBe('FORBIDDEN');
  });

  it('refuses Smart start with the catalogue codes', async () => {
    expect(await refusal(startSmart(deps, as(w.agents.directOnly), { recipient: CUSTOMER, queueId: w.queues.support }))).toBe('MODE_NOT_PERMITTED');
    expect(await refusal(startSmart(deps, as(w.agents.both), { recipient: CUSTOMER, queueId: w.queues.unconfigured }))).toBe('NO_QUEUE_CONFIGURED');
    expect(await refusal(startSmart(deps, as(w.agents.directOnly), { recipient: CUSTOMER, queueId: 'nope' }))).toBe('MODE_NOT_PERMITTED');
    expect(await refusal(startSmart(deps, as(w.agents.both), { recipient: CUSTOMER, queueId: 'nope' }))).toBe('NOT_FOUND');
    expect(await refusal(startSmart(deps, as(w.agents.both), { recipient: '0612345678', queueId: w.queues.support }))).toBe('INVALID_NUMBER');
  });

  it('two agents starting with one customer on one number at once: one conversation, the other refused', async () => {
    const results = await Promise.all(
      [w.agents.both, w.agents.colleague, w.agents.smartOnly].map((agent) =>
        startSmart(deps, as(agent), { recipient: CUSTOMER_2, queueId: w.queues.support }).then(
          (r) => r.interactionId,
          (e: unknown) => (e instanceof DomainError ? e.code : `crash: ${String(e)}`),
        ),
      ),
    );
    expect(results.filter((r) => r === 'FORBIDDEN')).toHaveLength(2);
    const open = await tdb.db.selectFrom('interactions').select('id').where('account_id', '=', w.accountId).where('customer_number', '=', CUSTOMER_2).execute();
    expect(open).toHaveLength(1);
  });

  it('enforces the maximum under concurrent starts', async () => {
    const starts = [CUSTOMER, CUSTOMER_2, '+33611111111', '+33622222222', '+33633333333'].map((n) =>
      startSmart(deps, as(w.agents.both), { recipient: n, queueId: w.queues.support }).then(
        () => 'ok',
        (e: unknown) => (e instanceof DomainError ? e.code : 'crash'),
      ),
    );
    const results = await Promise.all(starts);
    expect(results.filter((r) => r === 'ok')).toHaveLength(3);
    expect(results.filter((r) => r === 'MAX_INTERACTIONS_REACHED')).toHaveLength(2);
  });

  it('sends in a progressing interaction, with queue templates, then close makes it read-only', async () => {
    const { interactionId } = await startSmart(deps, as(w.agents.smartOnly), { recipient: CUSTOMER, queueId: w.queues.support });
    expect(await refusal(sendInInteraction(deps, as(w.agents.smartOnly), { interactionId, templateId: w.templates.queueTpl, text: 'Hi $firstname, this is support about ticket 12.' }))).toBe('UNFILLED_VARIABLES');
    expect(await refusal(sendInInteraction(deps, as(w.agents.smartOnly), { interactionId, templateId: w.templates.hello, text: 'x' }))).toBe('INVALID_TEMPLATE');
    const m = await sendInInteraction(deps, as(w.agents.smartOnly), { interactionId, templateId: w.templates.queueTpl, text: 'Hi Ann, this is support about ticket 12.' });
    expect(m.plan.sender.address).toBe(NUMBERS.support);
    const t = await thread(deps, as(w.agents.smartOnly), interactionId);
    expect(t.messages.map((x) => [x.direction, x.status, x.body])).toEqual([['out', 'queued', 'Hi Ann, this is support about ticket 12.']]);
    expect(await refusal(sendInInteraction(deps, as(w.agents.both), { interactionId, text: 'intruder' }))).toBe('NOT_FOUND');
    expect(await closeInteraction(deps, as(w.agents.smartOnly), interactionId)).toEqual({ status: 'closed', alreadyClosed: false });
    expect(await closeInteraction(deps, as(w.agents.smartOnly), interactionId)).toEqual({ status: 'closed', alreadyClosed: true });
    expect(await refusal(sendInInteraction(deps, as(w.agents.smartOnly), { interactionId, text: 'too late' }))).toBe('INTERACTION_NOT_PROGRESSING');
    expect((await myInteractions(deps, as(w.agents.smartOnly), 'closed')).map((i) => i.id)).toEqual([interactionId]);
  });

  it('uses the sender number’s national language table', async () => {
    const { interactionId } = await startSmart(deps, as(w.agents.both), { recipient: CUSTOMER, queueId: w.queues.sales });
    const m = await sendInInteraction(deps, as(w.agents.both), { interactionId, text: 'Siparişiniz hazır, teşekkürler' });
    expect(m.plan.analysis.encoding).toBe('GSM-7');
  });
});

describe('Inbound messages and opt-out', () => {
  it('a reply joins the open conversation between the customer and the number', async () => {
    const { interactionId } = await startSmart(deps, as(w.agents.both), { recipient: CUSTOMER, queueId: w.queues.support });
    const r = await inbound('33612345678', NUMBERS.support.slice(1), 'Thanks!');
    expect(r).toMatchObject({ route: 'interaction', interactionId, duplicate: false });
    const t = await thread(deps, as(w.agents.both), interactionId);
    expect(t.messages.map((m) => [m.direction, m.body])).toEqual([['in', 'Thanks!']]);
  });

  it('a message with no open conversation waits in the queue that owns the number; members can take it', async () => {
    const r = await inbound(CUSTOMER, NUMBERS.support, 'Hello?');
    expect(r.route).toBe('waiting');
    const waiting = await myInteractions(deps, as(w.agents.smartOnly), 'waiting');
    expect(waiting.map((i) => i.id)).toEqual([r.interactionId]);
    expect(await myInteractions(deps, as(w.agents.directOnly), 'waiting')).toEqual([]);
    await takeInteraction(deps, as(w.agents.smartOnly), r.interactionId!);
    expect(await refusal(takeInteraction(deps, as(w.agents.both), r.interactionId!))).toBe('ALREADY_TAKEN');
    const again = await inbound(CUSTOMER, NUMBERS.support, 'Are you there?');
    expect(again).toMatchObject({ route: 'interaction', interactionId: r.interactionId });
    expect((await thread(deps, as(w.agents.smartOnly), r.interactionId!)).messages).toHaveLength(2);
  });

  it('a reply to a Direct SMS on a number no queue owns lands in the unassigned inbox; nothing is dropped', async () => {
    const r = await inbound(CUSTOMER, NUMBERS.direct, 'Who is this?');
    expect(r).toMatchObject({ route: 'unassigned', interactionId: null });
    const unknown = await inbound(CUSTOMER, '+33757999999', 'Wrong number?');
    expect(unknown.route).toBe('unassigned');
    const stored = await tdb.db.selectFrom('messages').select('body').where('account_id', '=', w.accountId).where('direction', '=', 'in').execute();
    expect(stored.map((s) => s.body).sort()).toEqual(['Who is this?', 'Wrong number?']);
  });

  it('is idempotent on the provider message id, even when delivered twice at once', async () => {
    const input = { accountId: w.accountId, provider: 'simulator', providerMessageId: 'dup-1', from: CUSTOMER, to: NUMBERS.support, body: 'once', receivedAt: new Date() };
    const [a, b] = await Promise.all([receiveInbound(deps, input), receiveInbound(deps, input)]);
    expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
    expect(a.messageId).toBe(b.messageId);
  });

  it('two first messages from one customer at once open one waiting conversation', async () => {
    const rs = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => inbound(CUSTOMER_2, NUMBERS.support, `msg ${i}`)));
    expect(new Set(rs.map((r) => r.interactionId)).size).toBe(1);
    // The losers of the race were routed again without taking an event id: no hole for live streams to wait on.
    const ids = (await tdb.db.selectFrom('events').select('id').where('account_id', '=', w.accountId).orderBy('id').execute()).map((e) => Number(e.id));
    expect(ids).toHaveLength(6);
    expect(ids[5]! - ids[0]!).toBe(5);
  });

  it('STOP opts the number out for the account, START opts it back in', async () => {
    const { interactionId } = await startSmart(deps, as(w.agents.both), { recipient: CUSTOMER, queueId: w.queues.support });
    const stop = await inbound(CUSTOMER, NUMBERS.support, ' Stop ');
    expect(stop.optOut).toBe('stop');
    expect(await refusal(sendInInteraction(deps, as(w.agents.both), { interactionId, text: 'sorry' }))).toBe('RECIPIENT_OPTED_OUT');
    expect(await refusal(sendDirect(deps, as(w.agents.both), { recipient: CUSTOMER, senderId: w.numbers.direct, text: 'x' }))).toBe('RECIPIENT_OPTED_OUT');
    // opt-outs are per account
    const ev = await tdb.db.selectFrom('events').select(['type', 'payload']).where('account_id', '=', w.accountId).where('type', '=', 'optout.changed').execute();
    expect(ev).toHaveLength(1);
    await inbound(CUSTOMER, NUMBERS.support, 'START');
    await sendInInteraction(deps, as(w.agents.both), { interactionId, text: 'welcome back' });
  });
});

describe('what an agent may see', () => {
  it('whoAmI, offers per mode, queues and queue templates', async () => {
    const me = await whoAmI(deps, as(w.agents.both));
    expect(me.modes).toEqual({ kind: 'choose', modes: ['direct', 'smart'] });
    expect(me.credits).toBe(1000);
    expect((await whoAmI(deps, as(w.agents.smartOnly))).modes).toEqual({ kind: 'only', mode: 'smart' });
    expect((await whoAmI(deps, as(w.agents.noMessaging))).modes).toEqual({ kind: 'none' });
    const d = await directOptions(deps, as(w.agents.both));
    expect(d.senders.map((s) => s.address)).toEqual([NUMBERS.direct]);
    expect(d.templates.map((t) => t.name)).toEqual(['Empty', 'Hello']);
    const qs = await myQueues(deps, as(w.agents.both));
    expect(qs.map((q) => [q.name, q.configured])).toEqual([
      ['Sales', true],
      ['Support', true],
      ['Unconfigured', false],
    ]);
    expect((await queueTemplates(deps, as(w.agents.both), w.queues.support)).map((t) => t.name)).toEqual(['Support follow-up']);
    expect(await refusal(queueTemplates(deps, as(w.agents.directOnly), w.queues.support))).toBe('NOT_FOUND');
    expect(await myQueues(deps, as(w.agents.other, w.otherAccountId))).toEqual([]);
  });

  it('pages an agent’s conversations by last activity without skipping or repeating', async () => {
    const ids: string[] = [];
    for (const n of ['+33611111111', '+33622222222', '+33633333333']) {
      ids.push((await startSmart(deps, as(w.agents.both), { recipient: n, queueId: w.queues.support })).interactionId);
    }
    // The oldest conversation becomes the most recent.
    await sendInInteraction(deps, as(w.agents.both), { interactionId: ids[0]!, text: 'news' });
    const first = await myInteractions(deps, as(w.agents.both), 'open', 2);
    const second = await myInteractions(deps, as(w.agents.both), 'open', 2, first[first.length - 1]!.id);
    const all = [...first, ...second].map((i) => i.id);
    expect(all).toEqual([ids[0], ids[2], ids[1]]);
  });

  it('never shows another account’s or another agent’s thread', async () => {
    const { interactionId } = await startSmart(deps, as(w.agents.both), { recipient: CUSTOMER, queueId: w.queues.support });
    expect(await refusal(thread(deps, as(w.agents.colleague), interactionId))).toBe('NOT_FOUND');
    expect(await refusal(thread(deps, as(w.agents.other, w.otherAccountId), interactionId))).toBe('NOT_FOUND');
  });
});
