// The supervisor's scope on a real database: who sees which conversations and messages, the
// role's check constraint and the supervised queues' table (migration 0015).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supervisedInteractionFilter, supervisedMessageFilter, supervisionScope, type SupervisionScope } from '../../src/app/supervision/scope.js';
import { DomainError } from '../../src/domain/errors.js';
import { buildWorld, CUSTOMER, CUSTOMER_2, NUMBERS, testDeps, type World } from '../fixtures/world.js';
import { openTestDatabase, type TestDatabase } from './harness.js';

let tdb: TestDatabase;
let w: World;
let boss: string;
let idle: string;
let admin: string;
const conv = { support: 'int_sup', sales: 'int_sal', none: 'int_none' };
const msg = { support: 'm_sup', sales: 'm_sal', directMember: 'm_dir_member', directOutsider: 'm_dir_out', replyMember: 'm_reply_member', inbox: 'm_inbox', otherAccount: 'm_other' };

async function message(id: string, o: { account?: string; interaction?: string | null; direction?: 'in' | 'out'; agent?: string | null; inReplyTo?: string | null }): Promise<void> {
  await sql`insert into messages (id, account_id, interaction_id, direction, status, agent_id, from_address, to_address, body, encoding, units, segments, credits, in_reply_to)
    values (${id}, ${o.account ?? w.accountId}, ${o.interaction ?? null}, ${o.direction ?? 'out'}, ${o.direction === 'in' ? 'received' : 'sent'}, ${o.agent ?? null},
      ${NUMBERS.support}, ${CUSTOMER}, 'hello', 'GSM-7', 5, 1, 1, ${o.inReplyTo ?? null})`.execute(tdb.db);
}

beforeAll(async () => {
  tdb = await openTestDatabase();
  w = await buildWorld(tdb.db);
  boss = 'agt_boss';
  idle = 'agt_idle';
  admin = 'agt_admin';
  await tdb.db
    .insertInto('agents')
    .values([
      { id: boss, account_id: w.accountId, email: 'boss@example.test', name: 'Sue Supervisor', role: 'supervisor' },
      { id: idle, account_id: w.accountId, email: 'idle@example.test', name: 'Ian Idle', role: 'supervisor' },
      { id: admin, account_id: w.accountId, email: 'admin@example.test', name: 'Ada Admin', role: 'admin' },
    ])
    .execute();
  await tdb.db.insertInto('queue_supervisors').values({ queue_id: w.queues.support, agent_id: boss }).execute();
  // Dan Direct is a member of Support only; Nina None of no queue.
  await tdb.db.insertInto('queue_members').values({ queue_id: w.queues.support, agent_id: w.agents.directOnly }).execute();
  await tdb.db
    .insertInto('interactions')
    .values([
      { id: conv.support, account_id: w.accountId, kind: 'sms', status: 'waiting', agent_id: null, queue_id: w.queues.support, customer_number: CUSTOMER, sms_number_id: w.numbers.support, origin_call_id: null, external_id: null, closed_at: null },
      { id: conv.sales, account_id: w.accountId, kind: 'sms', status: 'progressing', agent_id: w.agents.both, queue_id: w.queues.sales, customer_number: CUSTOMER_2, sms_number_id: w.numbers.sales, origin_call_id: null, external_id: null, closed_at: null },
      { id: conv.none, account_id: w.accountId, kind: 'voice', status: 'active', agent_id: w.agents.both, queue_id: null, customer_number: CUSTOMER_2, sms_number_id: null, origin_call_id: null, external_id: null, closed_at: null },
    ])
    .execute();
  await message(msg.support, { interaction: conv.support, direction: 'in' });
  await message(msg.sales, { interaction: conv.sales, agent: w.agents.both });
  await message(msg.directMember, { agent: w.agents.directOnly });
  await message(msg.directOutsider, { agent: w.agents.none });
  await message(msg.replyMember, { direction: 'in', inReplyTo: msg.directMember });
  await message(msg.inbox, { direction: 'in' });
  await message(msg.otherAccount, { account: w.otherAccountId, agent: w.agents.other });
});

afterAll(async () => {
  await tdb.close();
});

const seenMessages = async (scope: SupervisionScope) =>
  (await tdb.db.selectFrom('messages as m').select('m.id').where('m.account_id', '=', w.accountId).where(supervisedMessageFilter(scope, 'm')).orderBy('m.id').execute()).map((r) => r.id);
const seenConversations = async (scope: SupervisionScope) =>
  (await tdb.db.selectFrom('interactions').select('id').where('account_id', '=', w.accountId).where(supervisedInteractionFilter(scope)).orderBy('id').execute()).map((r) => r.id);

describe('supervision scope', () => {
  it('an administrator sees the whole account', async () => {
    const scope = await supervisionScope(testDeps(tdb.db), { accountId: w.accountId, agentId: admin });
    expect(scope).toEqual({ all: true });
    expect(await seenMessages(scope)).toHaveLength(6);
    expect(await seenConversations(scope)).toHaveLength(3);
  });

  it("a supervisor sees their queue's conversations, its members' Direct SMS and the replies to them", async () => {
    const scope = await supervisionScope(testDeps(tdb.db), { accountId: w.accountId, agentId: boss });
    expect(scope).toEqual({ all: false, queueIds: [w.queues.support] });
    expect(await seenConversations(scope)).toEqual([conv.support]);
    // Support's conversation; Dan's Direct SMS (member of Support) and its reply; Bea's Direct
    // SMS would be in too (member of every queue) but she sent none here. Not: Sales, Nina's
    // Direct SMS (no queue), the unassigned inbox, another account.
    expect(await seenMessages(scope)).toEqual([msg.directMember, msg.replyMember, msg.support].sort());
  });

  it('the same filter works without an alias and in a join', async () => {
    const scope = await supervisionScope(testDeps(tdb.db), { accountId: w.accountId, agentId: boss });
    const rows = await tdb.db
      .selectFrom('messages')
      .leftJoin('interactions', 'interactions.id', 'messages.interaction_id')
      .select('messages.id')
      .where('messages.account_id', '=', w.accountId)
      .where(supervisedMessageFilter(scope))
      .execute();
    expect(rows.map((r) => r.id).sort()).toEqual([msg.directMember, msg.replyMember, msg.support].sort());
  });

  it('a supervisor of no queue sees nothing', async () => {
    const scope = await supervisionScope(testDeps(tdb.db), { accountId: w.accountId, agentId: idle });
    expect(scope).toEqual({ all: false, queueIds: [] });
    expect(await seenMessages(scope)).toEqual([]);
    expect(await seenConversations(scope)).toEqual([]);
  });

  it('an agent has no scope; an agent of another account is unknown here', async () => {
    await expect(supervisionScope(testDeps(tdb.db), { accountId: w.accountId, agentId: w.agents.both })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const e = await supervisionScope(testDeps(tdb.db), { accountId: w.accountId, agentId: w.agents.other }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('UNAUTHENTICATED');
  });

  it('the role accepts supervisor and nothing unknown; deleting a queue or an agent drops the link', async () => {
    await expect(sql`update agents set role = 'owner' where id = ${idle}`.execute(tdb.db)).rejects.toThrow();
    await tdb.db.insertInto('queues').values({ id: 'q_tmp', account_id: w.accountId, name: 'Tmp', sms_number_id: null }).execute();
    await tdb.db.insertInto('queue_supervisors').values({ queue_id: 'q_tmp', agent_id: idle }).execute();
    await expect(tdb.db.insertInto('queue_supervisors').values({ queue_id: 'q_missing', agent_id: idle }).execute()).rejects.toThrow();
    await tdb.db.deleteFrom('queues').where('id', '=', 'q_tmp').execute();
    expect(await tdb.db.selectFrom('queue_supervisors').select('queue_id').where('agent_id', '=', idle).execute()).toEqual([]);
  });
});
