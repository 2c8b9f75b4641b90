// Seeds accounts for the agent's-day benchmark in set-based SQL (insert ... select from
// generate_series), the same statements on PostgreSQL and PGlite. One account is busy (the
// one measured), a few others share the tables (tenant scoping is part of what is measured),
// and one has its team but no traffic (the baseline the busy account is compared with).
//
// What an account holds, for `messages` messages over 90 days:
// - ~60% in Smart conversations (1 to 25 messages each, cubic tail; a few of 2,500 messages),
//   both directions; the newest conversation of a customer with a queue's number is open if it
//   began in the last 2 days (70% taken by an agent, 30% waiting), every other one closed;
// - ~32% Direct SMS from agents (delivered, sent, undelivered, failed, rejected, queued), ~7%
//   inbound answers to them (most linked to the Direct SMS they answer), resends of failures;
// - voice calls, contact names for 30% of customers, opt-outs and opt-ins for 2%, each agent's
//   read state of its conversations (the newest open ones partly unread).
// Customers are drawn as floor(N * u^2): the first numbers take thousands of messages, the
// median one a handful. Agents are drawn as floor(A * u^1.5): agent 000 has the most.
// Rows are inserted in time order with time-ordered ids, as the product writes them, so a
// conversation's messages are spread over the table as they would be.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/db/schema.js';

export interface AccountPlan {
  readonly id: string;
  /** 1-based, distinct per account: keeps generated ids distinct across accounts. */
  readonly no: number;
  readonly messages: number;
  readonly customers: number;
  readonly agents: number;
}

export const QUEUES = 8;
/** Numbers 0..7 belong to the queues; 8 and 9 send Direct SMS only (no queue: answers stay unassigned). */
export const NUMBERS = 10;
export const LONG_CONVERSATIONS = 5;
export const LONG_LENGTH = 2_500;

export const customerNumber = (index: number) => `+336${String(index).padStart(8, '0')}`;
export const agentId = (account: string, no: number) => `${account}-a${String(no).padStart(3, '0')}`;
/** Long conversations have customers of their own, just past the pool. */
export const longCustomer = (plan: AccountPlan, n: number) => customerNumber(plan.customers + n);

type Run = (statement: string) => Promise<void>;

const q = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** Text ids ordered like time (as UUIDv7): 12 hex of milliseconds, then a counter. */
const ID_FUNCTION = `create or replace function bench_id(ts timestamptz, n bigint) returns text language sql immutable as $$
  select substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-7' || substr(h, 13, 3) || '-8' || substr(h, 16, 3) || '-' || substr(h, 19, 12)
  from (select lpad(to_hex((extract(epoch from ts) * 1000)::bigint), 12, '0') || lpad(to_hex(n), 18, '0') as h) x
$$`;

const BODIES = [
  'Hello, your order is ready for collection at the front desk.',
  'Thanks, I will come by tomorrow morning.',
  'Your appointment is confirmed for Tuesday at 10:30.',
  'Can you tell me where my parcel is? It was due yesterday.',
  'We are sorry for the delay, a new delivery slot has been booked.',
  'OK',
  'Please call us back on this number when you can, we need a signature for the contract.',
  'Your verification code is 482913. It expires in 10 minutes.',
];

/** The team: a profile, numbers, queues (each agent in two), no traffic. */
export async function seedTeam(run: Run, plan: AccountPlan): Promise<void> {
  const a = q(plan.id);
  await run(`insert into accounts (id, name, provider_type) values (${a}, ${a}, 'simulator')`);
  await run(`insert into credit_buckets (account_id, bucket, balance) values (${a}, 0, 1000000)`);
  await run(`insert into profiles (id, account_id, name, messaging, direct, smart, max_interactions, authorized_countries)
    values (${a} || '-p', ${a}, 'Agents', true, true, true, 1000, '{FR}')`);
  await run(`insert into sms_numbers (id, account_id, address, label)
    select ${a} || '-n' || i, ${a}, '+3375700' || lpad(i::text, 4, '0'), 'Line ' || i from generate_series(0, ${NUMBERS - 1}) i`);
  await run(`insert into profile_numbers (profile_id, number_id) select ${a} || '-p', ${a} || '-n' || i from generate_series(0, ${NUMBERS - 1}) i`);
  await run(`insert into queues (id, account_id, name, sms_number_id)
    select ${a} || '-q' || i, ${a}, 'Queue ' || i, ${a} || '-n' || i from generate_series(0, ${QUEUES - 1}) i`);
  await run(`insert into agents (id, account_id, email, name, role, profile_id)
    select ${a} || '-a' || lpad(i::text, 3, '0'), ${a}, ${a} || '-a' || i || '@bench.example', 'Agent ' || i, 'agent', ${a} || '-p'
    from generate_series(0, ${plan.agents - 1}) i`);
  await run(`insert into queue_members (queue_id, agent_id)
    select distinct ${a} || '-q' || q, ${a} || '-a' || lpad(i::text, 3, '0')
    from generate_series(0, ${plan.agents - 1}) i cross join lateral (values (i % ${QUEUES}), ((i + 3) % ${QUEUES})) v(q)`);
}

/** One conversation of one message: the only thing in the otherwise empty account (thread() needs a conversation). */
export async function seedSingleConversation(run: Run, plan: AccountPlan, customer: string): Promise<void> {
  const a = q(plan.id);
  const base = plan.no * 1e13;
  await run(`insert into interactions (id, account_id, kind, status, agent_id, queue_id, customer_number, sms_number_id, created_at, updated_at)
    values (bench_id(now(), ${base + 1}), ${a}, 'sms', 'progressing', ${q(agentId(plan.id, 0))}, ${a} || '-q0', ${q(customer)}, ${a} || '-n0', now(), now())`);
  await run(`insert into messages (id, account_id, interaction_id, direction, status, sms_number_id, from_address, to_address, body, encoding, units, segments, credits)
    select bench_id(now(), ${base + 2}), ${a}, i.id, 'in', 'received', ${a} || '-n0', ${q(customer)}, '+33757000000', 'Hello', 'GSM-7', 5, 1, 0
    from interactions i where i.account_id = ${a}`);
}

/** The traffic of 90 days. Expects bench_id() to exist. */
export async function seedTraffic(run: Run, plan: AccountPlan): Promise<void> {
  const a = q(plan.id);
  const base = plan.no * 1e13;
  const nCust = plan.customers;
  const nAgents = plan.agents;
  // Mean conversation length is ~6.5 messages; Direct SMS and their answers make the rest.
  const nConv = Math.round((plan.messages * 0.6 - LONG_CONVERSATIONS * LONG_LENGTH) / 6.5) + LONG_CONVERSATIONS;
  const nDirect = Math.round(plan.messages * 0.325);
  const nVoice = Math.round(plan.messages * 0.004);
  const custExpr = (c: string) => `'+336' || lpad((${c})::text, 8, '0')`;
  const agentExpr = (n: string) => `${a} || '-a' || lpad((${n})::text, 3, '0')`;

  await run('drop table if exists bench_conv, bench_conv2, bench_msg');
  await run(`create unlogged table bench_conv as
    select g, bench_id(created_at, ${base + 1e8} + g) as id, created_at, cust, agent_no,
      case when random() < 0.6 then agent_no % ${QUEUES} else (agent_no + 3) % ${QUEUES} end as queue_no, n, origin
    from (
      select g,
        case when g <= ${LONG_CONVERSATIONS} then now() - interval '9 days' + g * interval '1 hour' else now() - interval '90 days' * random() end as created_at,
        case when g <= ${LONG_CONVERSATIONS} then ${nCust} + g else floor(${nCust} * random() ^ 2)::int end as cust,
        case when g <= ${LONG_CONVERSATIONS} then 0 else floor(${nAgents} * random() ^ 1.5)::int end as agent_no,
        case when g <= ${LONG_CONVERSATIONS} then ${LONG_LENGTH} else 1 + floor(24 * random() ^ 3)::int end as n,
        case when random() < 0.7 then 'in' else 'out' end as origin
      from generate_series(1, ${nConv}) g
    ) s`);
  // At most one open conversation per customer and number (interactions_one_open_sms).
  await run(`create unlogged table bench_conv2 as
    select c.*, case
      when g <= ${LONG_CONVERSATIONS} then 'progressing'
      when rn = 1 and created_at > now() - interval '2 days' then case when random() < 0.7 then 'progressing' else 'waiting' end
      else 'closed' end as status
    from (select *, row_number() over (partition by cust, queue_no order by created_at desc) as rn from bench_conv) c`);
  // A waiting conversation holds only the customer's first messages.
  await run(`create unlogged table bench_msg as
    select bench_id(t.ts, ${base + 1e9} + c.g::bigint * 10000 + k) as id, t.ts as created_at, c.id as interaction_id, c.cust,
      case when c.status = 'waiting' then 'in' when k = 1 then c.origin when random() < 0.5 then 'in' else 'out' end as dir,
      c.agent_no, c.queue_no as number_no, null::text as status, null::text as in_reply_to, null::text as resend_of
    from bench_conv2 c
    cross join lateral generate_series(1, case when c.status = 'waiting' then least(c.n, 3) else c.n end) k
    cross join lateral (select least(c.created_at + (k - 1) * interval '5 min' + random() * interval '3 min', now() - interval '1 min') as ts) t`);
  await run(`insert into bench_msg (id, created_at, interaction_id, cust, dir, agent_no, number_no, status)
    select bench_id(ts, ${base + 1e10} + g), ts, null, cust, 'out', agent_no, number_no,
      case when ts > now() - interval '3 min' then 'queued' when r < 0.85 then 'delivered' when r < 0.90 then 'sent'
        when r < 0.94 then 'undelivered' when r < 0.98 then 'failed' else 'rejected' end
    from (select g, now() - interval '90 days' * random() as ts, floor(${nCust} * random() ^ 2)::int as cust,
            floor(${nAgents} * random() ^ 1.5)::int as agent_no,
            case when random() < 0.6 then 8 + floor(2 * random())::int else floor(${QUEUES} * random())::int end as number_no, random() as r
          from generate_series(1, ${nDirect}) g) s`);
  // Answers to Direct SMS sent from the numbers without a queue: they stay outside conversations.
  await run(`insert into bench_msg (id, created_at, interaction_id, cust, dir, agent_no, number_no, status, in_reply_to)
    select bench_id(ts, ${base + 2e10} + row_number() over ()), ts, null, cust, 'in', null, number_no, 'received', case when random() < 0.8 then id end
    from (select id, cust, number_no, least(created_at + random() * interval '2 hours', now() - interval '1 min') as ts
          from bench_msg where interaction_id is null and dir = 'out' and number_no >= ${QUEUES} and status in ('delivered', 'sent') and random() < 0.4) s`);
  await run(`insert into bench_msg (id, created_at, interaction_id, cust, dir, agent_no, number_no, status, resend_of)
    select bench_id(ts, ${base + 3e10} + row_number() over ()), ts, null, cust, 'out', agent_no, number_no, 'delivered', id
    from (select id, cust, agent_no, number_no, least(created_at + random() * interval '1 hour', now() - interval '1 min') as ts
          from bench_msg where interaction_id is null and dir = 'out' and status in ('failed', 'undelivered') and random() < 0.3) s`);

  await run(`insert into interactions (id, account_id, kind, status, agent_id, queue_id, customer_number, sms_number_id, created_at, updated_at, closed_at)
    select c.id, ${a}, 'sms', c.status, case when c.status = 'waiting' then null else ${agentExpr('c.agent_no')} end,
      ${a} || '-q' || c.queue_no, ${custExpr('c.cust')}, ${a} || '-n' || c.queue_no, c.created_at,
      case when c.status = 'closed' then m.last_at + interval '2 min' else m.last_at end,
      case when c.status = 'closed' then m.last_at + interval '2 min' end
    from bench_conv2 c join (select interaction_id, max(created_at) as last_at from bench_msg where interaction_id is not null group by 1) m on m.interaction_id = c.id`);
  await run(`insert into interactions (id, account_id, kind, status, agent_id, customer_number, external_id, created_at, updated_at)
    select bench_id(ts, ${base + 4e10} + g), ${a}, 'voice', 'ended', ${agentExpr(`floor(${nAgents} * random() ^ 1.5)::int`)},
      ${custExpr(`floor(${nCust} * random() ^ 2)::int`)}, 'call-' || ${a} || '-' || g, ts, ts + random() * interval '10 min'
    from (select g, now() - interval '90 days' * random() as ts from generate_series(1, ${nVoice}) g) s`);

  const bodies = `array[${BODIES.map(q).join(', ')}]`;
  const failed = `st in ('failed', 'undelivered', 'rejected')`;
  await run(`insert into messages (id, account_id, interaction_id, direction, status, agent_id, sms_number_id, from_address, to_address, body,
      encoding, units, segments, credits, provider, attempts, run_at, error_code, last_error, created_at, submitted_at, sent_at, delivered_at, updated_at,
      in_reply_to, resend_of)
    select p.id, ${a}, p.interaction_id, p.dir, p.st, case when p.dir = 'out' then ${agentExpr('p.agent_no')} end, ${a} || '-n' || p.number_no,
      case when p.dir = 'out' then p.num else p.cust_addr end, case when p.dir = 'out' then p.cust_addr else p.num end,
      b.body, 'GSM-7', length(b.body), 1, case when p.dir = 'out' then 1 else 0 end, case when p.dir = 'out' then 'simulator' end,
      case when p.dir = 'out' and p.st <> 'queued' then 1 else 0 end, p.created_at,
      case when ${failed} then '30003' end, case when ${failed} then 'Unreachable destination handset' end,
      p.created_at, case when p.dir = 'out' and p.st <> 'queued' then p.created_at + interval '1 s' end,
      case when p.st in ('sent', 'delivered', 'undelivered') then p.created_at + interval '2 s' end,
      case when p.st = 'delivered' then p.created_at + interval '9 s' end, p.created_at + interval '9 s', p.in_reply_to, p.resend_of
    from (select m.*, ${custExpr('m.cust')} as cust_addr, '+3375700' || lpad(m.number_no::text, 4, '0') as num,
            coalesce(m.status, case when m.dir = 'in' then 'received' when random() < 0.96 then 'delivered' else 'sent' end) as st
          from bench_msg m order by m.created_at, m.id) p
    cross join lateral (select (${bodies})[1 + (hashtext(p.id) & 7)] as body) b`);
  await run('drop table bench_conv, bench_conv2, bench_msg');

  // Read state: closed conversations read to the end; open ones read to the end or a little before.
  await run(`insert into interaction_reads (agent_id, interaction_id, last_read_seq, read_at)
    select i.agent_id, i.id, case when i.status = 'closed' or random() < 0.6 then mx.max_seq else mx.max_seq - 1 - floor(random() * 3)::int end, i.updated_at
    from interactions i join (select interaction_id, max(seq) as max_seq from messages where account_id = ${a} and interaction_id is not null group by 1) mx
      on mx.interaction_id = i.id
    where i.account_id = ${a} and i.kind = 'sms' and i.agent_id is not null`);
  await run(`insert into contacts (account_id, number, name, updated_by, updated_at)
    select ${a}, ${custExpr('c')}, 'Customer ' || c, ${q(agentId(plan.id, 1))}, now() - interval '90 days' * random()
    from generate_series(0, ${nCust + LONG_CONVERSATIONS}) c where random() < 0.3 or c < 10`);
  await run(`insert into consent_changes (account_id, number, action, source, keyword, created_at)
    select ${a}, ${custExpr('c')}, 'opt_out', 'keyword', 'STOP', now() - interval '90 days' * random()
    from generate_series(0, ${nCust - 1}) c where random() < 0.02 or c = 0`);
  await run(`insert into consent_changes (account_id, number, action, source, actor, created_at)
    select account_id, number, 'opt_in', 'agent', ${q(agentId(plan.id, 1))}, created_at + random() * (now() - created_at)
    from consent_changes where account_id = ${a} and action = 'opt_out' and (random() < 0.3 or number = ${q(customerNumber(0))})`);
  await run(`insert into opt_outs (account_id, number, keyword, opted_out_at)
    select account_id, number, 'STOP', created_at from consent_changes o
    where account_id = ${a} and action = 'opt_out'
      and not exists (select 1 from consent_changes i where i.account_id = o.account_id and i.number = o.number and i.action = 'opt_in')`);
}

/** The indexes of the bulk-loaded tables, to drop before the load and build after it (sorted builds). */
async function secondaryIndexes(db: Kysely<Database>): Promise<{ name: string; def: string }[]> {
  const r = await sql<{ name: string; def: string }>`
    select indexname as name, indexdef as def from pg_indexes
    where schemaname = 'public' and tablename in ('messages', 'interactions')
      and indexname not in (select conname from pg_constraint)`.execute(db);
  return r.rows;
}

export interface SeedReport {
  readonly seconds: number;
  readonly messages: number;
  readonly steps: readonly string[];
}

/**
 * Seeds every account on one connection (session settings and unlogged work tables stay on
 * it). Foreign keys are not checked during the load (session_replication_role = replica): the
 * rows are generated consistent, and the checks would cost one lookup per row.
 */
export async function seedAll(db: Kysely<Database>, busy: AccountPlan, others: readonly AccountPlan[], empty: AccountPlan, emptyThreadCustomer: string, log: (line: string) => void): Promise<SeedReport> {
  const t0 = performance.now();
  const steps: string[] = [];
  const indexes = await secondaryIndexes(db);
  await db.connection().execute(async (c) => {
    const run: Run = async (statement) => {
      const t = performance.now();
      await sql.raw(statement).execute(c);
      const line = `${((performance.now() - t) / 1000).toFixed(1)} s  ${statement.replace(/\s+/g, ' ').slice(0, 90)}`;
      steps.push(line);
      log(line);
    };
    await run(`set work_mem = '256MB'`);
    await run(`set maintenance_work_mem = '1GB'`);
    await run('set synchronous_commit = off');
    await run('set session_replication_role = replica');
    await run(ID_FUNCTION);
    for (const ix of indexes) await run(`drop index ${ix.name}`);
    for (const plan of [busy, ...others, empty]) await seedTeam(run, plan);
    for (const plan of [busy, ...others]) await seedTraffic(run, plan);
    await seedSingleConversation(run, empty, emptyThreadCustomer);
    for (const ix of indexes) await run(ix.def);
    await run('set session_replication_role = origin');
    await run('drop function bench_id(timestamptz, bigint)');
    await run('vacuum analyze');
  });
  const n = await sql<{ n: string }>`select count(*) as n from messages`.execute(db);
  return { seconds: (performance.now() - t0) / 1000, messages: Number(n.rows[0]?.n ?? 0), steps };
}
