// An inbound SMS (D6) is never dropped: it joins the open conversation between the customer
// and the number, or opens a waiting one in the queue that owns the number, or lands in the
// account's unassigned inbox. Opt-out keywords are applied and shown in the thread.
import { matchKeyword, readKeywordSettings, type KeywordFamily } from '../domain/consent/index.js';
import { toE164 } from '../domain/phone/index.js';
import { analyzeSms } from '../domain/sms/index.js';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { InboundMedia, ProviderEvent } from '../domain/ports.js';
import type { AppDeps } from './context.js';
import { accountHashKey, optOutMatches } from './opt-out-match.js';
import type { EventInput } from './record.js';
import { answerKeyword, type KeywordAnswerInput } from './consent/auto-answer.js';
import { isForeignKeyViolation, isUniqueViolation, retryOnConflict } from './retry-on-conflict.js';

export interface InboundInput {
  readonly accountId: string;
  readonly provider: string;
  readonly providerMessageId: string;
  readonly from: string;
  readonly to: string;
  readonly body: string;
  readonly receivedAt: Date;
  /** Set when the provider itself matched an opt-out keyword (e.g. Twilio Advanced Opt-Out). */
  readonly optOut?: 'STOP' | 'START' | null;
  /** The provider could not read the sender as a number: `from` is raw and the message is unassigned. */
  readonly senderUnresolved?: boolean;
  /** Media the message carried; absent or empty when none. */
  readonly media?: readonly InboundMedia[];
}

/** PostgreSQL's jsonb refuses a NUL and a lone surrogate: each becomes U+FFFD. */
function storable(s: string): string {
  return s.replaceAll('\u0000', '\uFFFD').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** What receiveInbound needs from a provider's inbound event, whichever way it arrived (webhook or pushed). */
export function inboundInputOf(provider: string, e: Extract<ProviderEvent, { type: 'inbound' }>): InboundInput {
  const optOut = (e as { optOut?: unknown }).optOut;
  return {
    accountId: e.accountId,
    provider,
    providerMessageId: e.providerMessageId,
    from: e.from,
    to: e.to,
    body: e.body,
    receivedAt: e.at,
    optOut: optOut === 'STOP' || optOut === 'START' ? optOut : null,
    ...(e.senderUnresolved ? { senderUnresolved: true } : {}),
    // A NUL the database's jsonb refuses would have the event retried for ever: the links are cleaned as the text is.
    ...(e.media && e.media.length > 0
      ? { media: e.media.map((m) => ({ url: storable(m.url), contentType: m.contentType === null ? null : storable(m.contentType) })) }
      : {}),
  };
}

export type InboundRoute = 'interaction' | 'waiting' | 'unassigned';

export interface InboundResult {
  readonly messageId: string;
  readonly duplicate: boolean;
  readonly route: InboundRoute;
  readonly interactionId: string | null;
  readonly optOut: 'stop' | 'start' | null;
  /** The automatic answer queued to a keyword (STOP, START, HELP), when the number gives one. */
  readonly answerId?: string;
}

/** Providers send digits without `+`, short codes, alphanumeric ids: keep what cannot be normalised. */
function normalise(raw: string): string {
  return toE164(raw) ?? raw.trim();
}

export async function receiveInbound(deps: AppDeps, input: InboundInput): Promise<InboundResult> {
  // Two messages from one customer, or one message delivered twice, may race: the loser hits
  // a unique index and, on retry, sees the winner's conversation or row.
  // A row routing relied on that went away meanwhile (23503) is routed again too.
  const { result, answer } = await retryOnConflict(() => receiveOnce(deps, input), 4, (e) => e instanceof RouteChanged || isUniqueViolation(e) || isForeignKeyViolation(e));
  // After the keyword's own statement committed: the state it left decides the answer.
  const answerId = answer ? await answerKeyword(deps, answer) : null;
  if (!result.duplicate) deps.wake();
  return answerId ? { ...result, answerId } : result;
}

interface Lookup {
  dup_id: string | null;
  dup_interaction: string | null;
  number_id: string | null;
  number_address: string | null;
  number_keywords: unknown;
  opted_out: boolean;
  open_id: string | null;
  open_agent: string | null;
  open_queue: string | null;
  open_status: string | null;
  owner_queue: string | null;
}

/**
 * Everything routing needs in one round trip: at 500 inbound messages a second, each query
 * saved is 500 fewer a second. Nothing is locked: the write re-checks what routing relied on.
 */
async function lookup(db: Kysely<Database>, input: InboundInput, customer: string, toCandidates: readonly string[]): Promise<Lookup> {
  const { rows } = await sql<Lookup>`
    with n as (
      select id, address, consent_keywords from sms_numbers
      where account_id = ${input.accountId} and address in (${sql.join(toCandidates)})
      order by id limit 1
    )
    select
      d.id as dup_id, d.interaction_id as dup_interaction,
      n.id as number_id, n.address as number_address, n.consent_keywords as number_keywords,
      exists (select 1 from opt_outs x where x.account_id = ${input.accountId} and ${optOutMatches(customer, 'x.number', accountHashKey(input.accountId))}) as opted_out,
      o.id as open_id, o.agent_id as open_agent, o.queue_id as open_queue, o.status as open_status,
      (select q.id from queues q where q.account_id = ${input.accountId} and q.sms_number_id = n.id order by q.name, q.id limit 1) as owner_queue
    from (select 1) as one
    left join messages d on d.account_id = ${input.accountId} and d.provider = ${input.provider} and d.provider_message_id = ${input.providerMessageId}
    left join n on true
    left join interactions o on o.account_id = ${input.accountId} and o.kind = 'sms' and o.customer_number = ${customer}
      and o.sms_number_id = n.id and o.status in ('waiting', 'progressing')`.execute(db);
  return rows[0]!;
}

/** The conversation changed between the lookup and the write (closed, taken): route again. */
class RouteChanged extends Error {}

async function receiveOnce(deps: AppDeps, input: InboundInput): Promise<{ result: InboundResult; answer: KeywordAnswerInput | null }> {
  // An unreadable sender is kept as it came, never guessed into a number that would reach someone else.
  const customer = input.senderUnresolved ? input.from.trim() : normalise(input.from);
  const toNorm = normalise(input.to);
  const candidates = [...new Set([input.to.trim(), toNorm, toNorm.replace(/^\+/, '')])];
  const now = deps.clock.now();
  // Two round trips and no explicit transaction: the lookup, then one statement that writes
  // everything or nothing. What the lookup saw is re-checked by that statement (see write()).
  const found = await lookup(deps.db, input, customer, candidates);
  if (found.dup_id) return { result: { messageId: found.dup_id, duplicate: true, route: found.dup_interaction ? 'interaction' : 'unassigned', interactionId: found.dup_interaction, optOut: null }, answer: null };

  let route: InboundRoute = 'unassigned';
  let interactionId: string | null = null;
  let agentId: string | null = null;
  let queueId: string | null = null;
  if (input.senderUnresolved) {
    // Nobody can answer it from a conversation: a person reads it in the unassigned inbox.
  } else if (found.open_id) {
    route = 'interaction';
    interactionId = found.open_id;
    agentId = found.open_status === 'progressing' ? found.open_agent : null;
    queueId = found.open_queue;
  } else if (found.number_id && found.owner_queue) {
    route = 'waiting';
    queueId = found.owner_queue;
    interactionId = deps.ids.next();
  }

  // The number's own keyword settings (families on or off, extra keywords); an unknown number: the defaults.
  const matched = input.senderUnresolved ? null : matchKeyword(input.body, readKeywordSettings(found.number_keywords));
  const keyword = matched && matched.family !== 'help' ? { kind: matched.family, keyword: matched.keyword } : null;
  const kind = input.optOut === 'STOP' ? 'stop' : input.optOut === 'START' ? 'start' : (keyword?.kind ?? null);
  const messageId = deps.ids.next();
  const to = found.number_address ?? input.to;
  const media = input.media && input.media.length > 0 ? input.media : null;
  const view = { id: messageId, interactionId, direction: 'in', status: 'received', from: customer, to, body: input.body, createdAt: input.receivedAt.toISOString(), optOut: kind, media };
  const type = route === 'interaction' ? 'message.received' : route === 'waiting' ? 'interaction.waiting' : 'inbox.message';
  const events: EventInput[] = [{ accountId: input.accountId, agentId, queueId, type, payload: { message: view, interactionId, queueId } }];
  if (kind) {
    events.push({ accountId: input.accountId, agentId, queueId, type: 'optout.changed', payload: { number: customer, optedOut: kind === 'stop', keyword: keyword?.keyword ?? input.optOut ?? null, interactionId } });
  }
  const written = await write(deps.db, {
    input,
    route,
    found,
    interactionId,
    queueId,
    agentId,
    customer,
    to,
    messageId,
    now,
    media,
    optOut: kind ? { kind, keyword: keyword?.keyword ?? input.optOut ?? 'STOP' } : null,
    events,
  });
  // Routed again, like a unique-index race: the next lookup sees the new state.
  if (!written) throw new RouteChanged('conversation changed while routing');
  const family: KeywordFamily | null = kind ?? matched?.family ?? null;
  const answer: KeywordAnswerInput | null =
    family && found.number_id && found.number_address
      ? { accountId: input.accountId, family, optedOutBefore: found.opted_out, numberId: found.number_id, numberAddress: found.number_address, settings: found.number_keywords, customer, interactionId, agentId, queueId }
      : null;
  return { result: { messageId, duplicate: false, route, interactionId, optOut: kind }, answer };
}

interface WriteInput {
  readonly input: InboundInput;
  readonly route: InboundRoute;
  readonly found: Lookup;
  readonly interactionId: string | null;
  readonly queueId: string | null;
  readonly agentId: string | null;
  readonly customer: string;
  readonly to: string;
  readonly messageId: string;
  readonly now: Date;
  readonly media: readonly InboundMedia[] | null;
  readonly optOut: { readonly kind: 'stop' | 'start'; readonly keyword: string } | null;
  readonly events: readonly EventInput[];
}

/** How long a Direct SMS waits for its answer: see inReplyTo(). */
export const REPLY_WINDOW_DAYS = 7;

/**
 * The Direct SMS this inbound message answers: the latest one sent from this SMS number to this
 * customer within REPLY_WINDOW_DAYS, when no conversation between them moved since (a
 * conversation's own messages are what a later message answers). A week: customers answer an
 * SMS within hours or days; after that a message is more likely a new subject, and showing an
 * old SMS above it would mislead. Read inside the write statement, through the Direct SMS index
 * (messages_direct_by_recipient) and the customer's interactions (interactions_by_customer):
 * it adds no round trip, and sees the state before this statement's own writes.
 */
function inReplyTo(w: WriteInput) {
  if (w.input.senderUnresolved || !w.found.number_id) return sql`null::text`;
  const acc = w.input.accountId;
  return sql`(
    select d.id from messages d
    where d.account_id = ${acc} and d.to_address = ${w.customer} and d.interaction_id is null and d.direction = 'out'
      and d.sms_number_id = ${w.found.number_id} and d.status <> 'rejected'
      and d.created_at > ${w.input.receivedAt}::timestamptz - make_interval(days => ${REPLY_WINDOW_DAYS})
      and not exists (
        select 1 from interactions c
        where c.account_id = ${acc} and c.customer_number = ${w.customer} and c.sms_number_id = ${w.found.number_id} and c.updated_at > d.created_at)
    order by d.created_at desc limit 1)`;
}

/**
 * The new conversation (if any), the opt-out change, the message, its events and the
 * conversation's last activity, in one statement, so one implicit transaction. Joining an open
 * conversation is gated on it still being as the lookup saw it (not closed, not taken by
 * someone else): if not, nothing is written and the caller routes again. A duplicate or a new
 * conversation racing another fails on a unique index and is routed again as well. The events
 * are inserted last (they read the message's row and the opt-out change), so a statement that
 * fails on the gate or a unique index has not taken an event id: a hole in the ids holds the
 * live streams' resume mark back (see src/http/events/hub.ts). Foreign keys are checked at the
 * statement's end, after the ids are taken; nothing in the product deletes the rows they name.
 */
async function write(db: Kysely<Database>, w: WriteInput): Promise<boolean> {
  const { input, found } = w;
  // Every later write reads this gate, so runs only once it passed: joining an open conversation
  // needs it unchanged; a new one needs its insert to succeed.
  const gate =
    w.route === 'interaction'
      ? sql`update interactions set updated_at = ${w.now}
          where id = ${w.interactionId} and status = ${found.open_status} and agent_id is not distinct from ${found.open_agent}
          returning id`
      : w.route === 'waiting'
        ? sql`insert into interactions (id, account_id, kind, status, agent_id, queue_id, customer_number, sms_number_id, created_at, updated_at)
          values (${w.interactionId}, ${input.accountId}, 'sms', 'waiting', null, ${w.queueId}, ${w.customer}, ${found.number_id}, ${w.now}, ${w.now})
          returning id`
        : sql`select 1 as id`;
  const optOut =
    w.optOut?.kind === 'stop'
      ? sql`, o as (
          insert into opt_outs (account_id, number, keyword, opted_out_at, source, by_customer)
          select ${input.accountId}, ${w.customer}, ${w.optOut.keyword}, ${input.receivedAt}::timestamptz, 'keyword', true from g
          on conflict (account_id, number) do update set keyword = excluded.keyword, opted_out_at = excluded.opted_out_at, source = 'keyword', by_customer = true
          returning 1 as done)`
      : w.optOut?.kind === 'start'
        ? // An erased customer's opt-out is kept as the number's hash: their START lifts it too.
          sql`, od as (delete from opt_outs where account_id = ${input.accountId} and ${optOutMatches(w.customer, 'opt_outs.number', accountHashKey(input.accountId))} and exists (select 1 from g) returning 1),
          o as (select 1 as done from od limit 1)`
        : sql``;
  // Every change of consent as it happened (opt_outs keeps only the state): an opt-out each time
  // one is asked for, an opt-in only when it lifted one (o returned the deleted row).
  const consent = w.optOut
    ? sql`, cc as (
        insert into consent_changes (account_id, number, action, source, keyword, message_id, created_at, evidence, by_customer)
        select ${input.accountId}, ${w.customer}, ${w.optOut.kind === 'stop' ? 'opt_out' : 'opt_in'}, 'keyword', ${w.optOut.keyword}, ${w.messageId}, ${input.receivedAt}::timestamptz,
          ${JSON.stringify({ text: input.body, provider: input.provider, providerMessageId: input.providerMessageId, ...(input.optOut ? { providerFlag: input.optOut } : {}) })}::jsonb, true from o)`
    : sql``;
  const a = analyzeSms(input.body);
  const eventValues = sql.join(w.events.map((e) => sql`(${e.accountId}, ${e.agentId}, ${e.queueId ?? null}, ${e.type}, ${JSON.stringify(e.payload)})`));
  const { rows } = await sql<{ written: string }>`
    with g as (${gate})${optOut}${consent},
    m as (
      insert into messages (id, account_id, interaction_id, direction, status, agent_id, sms_number_id, from_address, to_address, body,
        encoding, units, segments, credits, provider, provider_message_id, run_at, created_at, updated_at, media, in_reply_to)
      select ${w.messageId}, ${input.accountId}, ${w.interactionId}, 'in', 'received', ${w.agentId}, ${found.number_id}, ${w.customer}, ${w.to}, ${input.body},
        ${a.encoding}, ${a.units}, ${a.segments}, 0, ${input.provider}, ${input.providerMessageId}, ${w.now}::timestamptz, ${input.receivedAt}::timestamptz, ${w.now}::timestamptz,
        ${w.media ? JSON.stringify(w.media) : null}::jsonb, ${inReplyTo(w)}
      from g
      returning id
    ),
    e as (
      insert into events (account_id, agent_id, queue_id, type, payload)
      select v.account_id, v.agent_id, v.queue_id, v.type, v.payload::jsonb
      from (values ${eventValues}) as v(account_id, agent_id, queue_id, type, payload), m${w.optOut ? sql`, (select count(*) from o) as opt_out_done` : sql``}
    )
    select count(*)::text as written from m`.execute(db);
  return Number(rows[0]?.written ?? 0) === 1;
}
