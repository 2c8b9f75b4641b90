// A number's timeline across the account: its Smart conversations (open and closed), its
// Direct SMS with their delivery status, the voice calls it made, its opt-out and opt-in
// changes, and who holds an open conversation with it now. One function, so it can be measured
// alone (bench/): each source is read through its own index, newest first, never the account's
// whole message table:
//   conversations and calls  interactions_by_customer (account_id, customer_number, updated_at desc)
//   Direct SMS               messages_direct_by_recipient (account_id, to_address, created_at desc)
//   consent changes          consent_changes_by_number (account_id, number, created_at desc)
//   message counts           messages_by_interaction_seq (interaction_id, seq desc), for one page
//
// What an agent sees (the specification does not share customers between agents, but a
// customer belongs to the account, and a reply to anyone's Direct SMS may land in any member's
// queue): every entry and every status, so anyone can answer "did we already write to them?";
// the text of a Direct SMS only when it is the agent's own (what a colleague wrote to a customer
// stays with them, like their conversations); no conversation text at all here, only whether
// the agent may open it (their own, or waiting in one of their queues: the thread's own rule).
import { sql } from 'kysely';
import type { MessageStatus } from '../domain/messages/status.js';
import type { Actor, AppDeps } from './context.js';
import { accountHashKey, optOutMatches } from './opt-out-match.js';
import { numberOrRefuse } from './contacts.js';

export type TimelineKind = 'call' | 'consent' | 'conversation' | 'direct';

interface EntryBase {
  readonly kind: TimelineKind;
  readonly id: string;
  /** When it last changed: a conversation's last activity, a call's end, a Direct SMS's or a change's creation. */
  readonly at: string;
}

export interface ConversationEntry extends EntryBase {
  readonly kind: 'conversation';
  readonly status: 'waiting' | 'progressing' | 'closed';
  readonly startedAt: string;
  readonly queueId: string | null;
  readonly queueName: string | null;
  readonly agentId: string | null;
  readonly agentName: string | null;
  readonly smsNumber: string | null;
  readonly messageCount: number;
  /** The agent may open its thread (theirs, or waiting in one of their queues). */
  readonly canOpen: boolean;
}

export interface CallEntry extends EntryBase {
  readonly kind: 'call';
  readonly status: 'active' | 'ended';
  readonly startedAt: string;
  readonly agentId: string | null;
  readonly agentName: string | null;
}

export interface DirectEntry extends EntryBase {
  readonly kind: 'direct';
  readonly status: MessageStatus;
  readonly agentId: string | null;
  readonly agentName: string | null;
  readonly from: string;
  readonly credits: number;
  readonly errorCode: string | null;
  readonly mine: boolean;
  /** Only for the agent's own Direct SMS (see above); null otherwise. */
  readonly body: string | null;
}

export interface ConsentEntry extends EntryBase {
  readonly kind: 'consent';
  readonly action: 'opt_out' | 'opt_in';
  readonly source: 'keyword' | 'agent' | 'admin' | 'import' | 'api' | 'config';
  readonly keyword: string | null;
}

export type TimelineEntry = ConversationEntry | CallEntry | DirectEntry | ConsentEntry;

/** Who has the number's open conversation now: an agent, or nobody yet (waiting in a queue). */
export type TimelineHolder =
  | { readonly state: 'agent'; readonly interactionId: string; readonly agentId: string | null; readonly agentName: string | null; readonly queueName: string | null; readonly mine: boolean }
  | { readonly state: 'waiting'; readonly interactionId: string; readonly queueName: string | null };

export interface NumberTimeline {
  readonly number: string;
  /** The contact name, when one is set. */
  readonly name: string | null;
  readonly optedOut: boolean;
  /** The most recently active open conversation with the number, if any. */
  readonly holder: TimelineHolder | null;
  readonly entries: readonly TimelineEntry[];
  /** Give back as `before` for the next (older) page; null when this was the last. */
  readonly nextBefore: string | null;
}

export interface TimelineOptions {
  readonly limit?: number | undefined;
  readonly before?: string | undefined;
}

interface Cursor {
  readonly at: string;
  readonly kind: TimelineKind;
  readonly id: string;
}

const KINDS: readonly TimelineKind[] = ['call', 'consent', 'conversation', 'direct'];
const ISO_US = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** `at|kind|id`; an unreadable cursor reads as "from the newest". */
function readCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  const [at, kind, ...rest] = raw.split('|');
  const id = rest.join('|');
  if (!at || !ISO_US.test(at) || !KINDS.includes(kind as TimelineKind) || id === '') return null;
  return { at, kind: kind as TimelineKind, id };
}

// The database's own microseconds, as text: a JavaScript Date would round them away and a page
// boundary falling inside one millisecond would repeat or skip entries.
const isoUs = (column: string) => sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Entries strictly older than the cursor in the merged order (at desc, kind desc, id desc). Within
 * one source the kind is fixed, so the tie-break on kind is decided here, not in SQL.
 */
function olderThan(kind: TimelineKind, timeColumn: string, idColumn: string, c: Cursor | null) {
  if (c === null) return sql<boolean>`true`;
  const t = sql.ref(timeColumn);
  const ts = sql`${c.at}::timestamptz`;
  if (kind < c.kind) return sql<boolean>`${t} <= ${ts}`;
  if (kind > c.kind) return sql<boolean>`${t} < ${ts}`;
  // `t <= ts` first, on its own: the index scan starts at the cursor instead of filtering every newer row.
  return sql<boolean>`(${t} <= ${ts} and (${t} < ${ts} or ${sql.ref(idColumn)} < ${c.id}))`;
}

function order(a: TimelineEntry, b: TimelineEntry): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  if (a.kind !== b.kind) return a.kind < b.kind ? 1 : -1;
  return 0; // each source is already in id order (stable sort keeps it)
}

export async function numberTimeline(deps: Pick<AppDeps, 'db'>, actor: Actor, rawNumber: string, opts: TimelineOptions = {}): Promise<NumberTimeline> {
  const number = numberOrRefuse(rawNumber);
  const limit = Math.min(Math.max(opts.limit ?? 20, 1), 100);
  const cursor = readCursor(opts.before);
  const db = deps.db;
  const { accountId, agentId } = actor;

  const [interactions, directs, consents, head, myQueues] = await Promise.all([
    db
      .selectFrom('interactions as i')
      .leftJoin('agents as a', 'a.id', 'i.agent_id')
      .leftJoin('queues as q', 'q.id', 'i.queue_id')
      .leftJoin('sms_numbers as n', 'n.id', 'i.sms_number_id')
      .select(['i.id', 'i.kind', 'i.status', 'i.agent_id', 'a.name as agent_name', 'i.queue_id', 'q.name as queue_name', 'n.address as sms_number'])
      .select([isoUs('i.updated_at').as('at'), isoUs('i.created_at').as('started_at')])
      .where('i.account_id', '=', accountId)
      .where('i.customer_number', '=', number)
      // Each kind has its own place in the order, so each its own cursor condition.
      .where((eb) => eb.or([eb.and([eb('i.kind', '=', 'sms'), olderThan('conversation', 'i.updated_at', 'i.id', cursor)]), eb.and([eb('i.kind', '=', 'voice'), olderThan('call', 'i.updated_at', 'i.id', cursor)])]))
      .orderBy('i.updated_at', 'desc')
      .orderBy('i.id', 'desc')
      .limit(limit + 1)
      .execute(),
    db
      .selectFrom('messages as m')
      .leftJoin('agents as a', 'a.id', 'm.agent_id')
      .select(['m.id', 'm.status', 'm.agent_id', 'a.name as agent_name', 'm.from_address', 'm.credits', 'm.error_code', 'm.body'])
      .select(isoUs('m.created_at').as('at'))
      .where('m.account_id', '=', accountId)
      .where('m.to_address', '=', number)
      // The partial index's own predicate, written as it is.
      .where('m.interaction_id', 'is', null)
      .where('m.direction', '=', 'out')
      .where(olderThan('direct', 'm.created_at', 'm.id', cursor))
      .orderBy('m.created_at', 'desc')
      .orderBy('m.id', 'desc')
      .limit(limit + 1)
      .execute(),
    db
      .selectFrom('consent_changes as c')
      .select(['c.id', 'c.action', 'c.source', 'c.keyword'])
      .select(isoUs('c.created_at').as('at'))
      .where('c.account_id', '=', accountId)
      .where('c.number', '=', number)
      .where(cursor?.kind === 'consent' && !/^\d{1,18}$/.test(cursor.id) ? sql<boolean>`false` : olderThan('consent', 'c.created_at', 'c.id', cursor))
      .orderBy('c.created_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(limit + 1)
      .execute(),
    // The name, the opt-out state and the open conversations, in one round trip.
    sql<{ name: string | null; opted_out: boolean; holder_id: string | null; holder_status: string | null; holder_agent: string | null; holder_agent_name: string | null; holder_queue_name: string | null }>`
      select
        (select name from contacts where account_id = ${accountId} and number = ${number}) as name,
        exists (select 1 from opt_outs where account_id = ${accountId} and ${optOutMatches(number, 'opt_outs.number', accountHashKey(accountId))}) as opted_out,
        h.id as holder_id, h.status as holder_status, h.agent_id as holder_agent, a.name as holder_agent_name, q.name as holder_queue_name
      from (select 1) as one
      left join lateral (
        select id, status, agent_id, queue_id from interactions
        where account_id = ${accountId} and customer_number = ${number} and kind = 'sms' and status in ('waiting', 'progressing')
        order by updated_at desc, id desc limit 1
      ) h on true
      left join agents a on a.id = h.agent_id
      left join queues q on q.id = h.queue_id`.execute(db),
    db.selectFrom('queue_members').select('queue_id').where('agent_id', '=', agentId).execute(),
  ]);

  const memberOf = new Set(myQueues.map((r) => r.queue_id));
  const entries: TimelineEntry[] = [];
  for (const r of interactions) {
    if (r.kind === 'voice') {
      entries.push({ kind: 'call', id: r.id, at: r.at, startedAt: r.started_at, status: r.status === 'active' ? 'active' : 'ended', agentId: r.agent_id, agentName: r.agent_name });
      continue;
    }
    const status = r.status === 'waiting' || r.status === 'progressing' ? r.status : 'closed';
    const canOpen = r.agent_id === agentId || (status === 'waiting' && r.queue_id !== null && memberOf.has(r.queue_id));
    entries.push({ kind: 'conversation', id: r.id, at: r.at, startedAt: r.started_at, status, queueId: r.queue_id, queueName: r.queue_name, agentId: r.agent_id, agentName: r.agent_name, smsNumber: r.sms_number, messageCount: 0, canOpen });
  }
  for (const r of directs) {
    const mine = r.agent_id === agentId;
    entries.push({ kind: 'direct', id: r.id, at: r.at, status: r.status, agentId: r.agent_id, agentName: r.agent_name, from: r.from_address, credits: r.credits, errorCode: r.error_code, mine, body: mine ? r.body : null });
  }
  for (const r of consents) entries.push({ kind: 'consent', id: String(r.id), at: r.at, action: r.action, source: r.source, keyword: r.keyword });
  entries.sort(order);
  const page = entries.slice(0, limit);
  const last = page[page.length - 1];
  const nextBefore = entries.length > limit && last ? `${last.at}|${last.kind}|${last.id}` : null;

  // Message counts for the conversations of this page only.
  const conversationIds = page.filter((e) => e.kind === 'conversation').map((e) => e.id);
  if (conversationIds.length > 0) {
    const counts = await db
      .selectFrom('messages')
      .select(['interaction_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('interaction_id', 'in', conversationIds)
      .groupBy('interaction_id')
      .execute();
    const byId = new Map(counts.map((c) => [c.interaction_id, Number(c.n)]));
    for (let i = 0; i < page.length; i++) {
      const e = page[i]!;
      if (e.kind === 'conversation') page[i] = { ...e, messageCount: byId.get(e.id) ?? 0 };
    }
  }

  const h = head.rows[0];
  const holder: TimelineHolder | null =
    !h?.holder_id
      ? null
      : h.holder_status === 'progressing'
        ? { state: 'agent', interactionId: h.holder_id, agentId: h.holder_agent, agentName: h.holder_agent_name, queueName: h.holder_queue_name, mine: h.holder_agent === agentId }
        : { state: 'waiting', interactionId: h.holder_id, queueName: h.holder_queue_name };
  return { number, name: h?.name ?? null, optedOut: h?.opted_out === true, holder, entries: page, nextBefore };
}
