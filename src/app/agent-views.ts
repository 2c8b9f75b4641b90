// What an agent may see (D3-D7): their profile and rights, what each mode offers them, their
// interactions, the waiting ones of their queues, a thread, their active calls.
import { sql } from 'kysely';
import { creditBalance } from '../db/credits.js';
import { DomainError } from '../domain/errors.js';
import { effectiveNationalLanguage } from '../domain/messages/index.js';
import type { InboundMedia } from '../domain/ports.js';
import { offeredModes, type ModeOffer } from '../domain/permissions/index.js';
import { submitCapability } from '../providers/capabilities.js';
import type { Actor, AppDeps, Db } from './context.js';
import { repliedDirectSms } from './in-reply-to.js';
import { forgetProfile, loadAgent, loadQueueTemplates, type AgentContext } from './load-facts.js';

export interface WhoAmI {
  readonly agent: Pick<AgentContext, 'agentId' | 'accountId' | 'name' | 'role' | 'permissions' | 'authorizedCountries' | 'load'>;
  readonly modes: ModeOffer;
  readonly credits: number;
  readonly providerConfigured: boolean;
}

export async function whoAmI(deps: AppDeps, actor: Actor, opts: { readonly fresh?: boolean } = {}): Promise<WhoAmI> {
  if (opts.fresh) forgetProfile(deps, actor);
  const agent = await loadAgent(deps, actor);
  const [credits, account] = await Promise.all([
    creditBalance(deps.db, actor.accountId),
    deps.db.selectFrom('accounts').select('provider_type').where('id', '=', actor.accountId).executeTakeFirst(),
  ]);
  const { agentId, accountId, name, role, permissions, authorizedCountries, load } = agent;
  return { agent: { agentId, accountId, name, role, permissions, authorizedCountries, load }, modes: offeredModes(permissions), credits, providerConfigured: Boolean(account?.provider_type) };
}

/**
 * Direct mode: the profile's numbers and templates. Each sender's national table is the one
 * its texts will be billed and sent with (none when the provider cannot signal it), so the
 * Banner's counter counts as the server will.
 */
export async function directOptions(deps: AppDeps, actor: Actor) {
  const [agent, account, labelled] = await Promise.all([
    loadAgent(deps, actor),
    deps.db.selectFrom('accounts').select(['provider_type', 'provider_config']).where('id', '=', actor.accountId).executeTakeFirst(),
    // Labels are read here rather than kept in the cached profile: an administrator's new label shows at the next open.
    deps.db.selectFrom('sms_numbers').select(['id', 'label']).where('account_id', '=', actor.accountId).where('label', 'is not', null).execute(),
  ]);
  const submits = submitCapability(account?.provider_type, account?.provider_config);
  const labels = new Map(labelled.map((n) => [n.id, n.label]));
  return {
    senders: agent.senders.map((s) => ({ ...s, label: labels.get(s.id) ?? null, nationalLanguage: effectiveNationalLanguage(s.nationalLanguage, submits) })),
    templates: agent.templates,
  };
}

/** Smart mode: the SMS queues the agent is a member of, each number's national table as the provider can send it. */
export async function myQueues(deps: AppDeps, actor: Actor) {
  const rows = await deps.db
    .selectFrom('queues')
    .innerJoin('queue_members', 'queue_members.queue_id', 'queues.id')
    .innerJoin('accounts', 'accounts.id', 'queues.account_id')
    .leftJoin('sms_numbers', 'sms_numbers.id', 'queues.sms_number_id')
    .select(['queues.id', 'queues.name', 'sms_numbers.address as smsNumber', 'sms_numbers.label as smsNumberLabel', 'sms_numbers.national_language', 'accounts.provider_type', 'accounts.provider_config'])
    .where('queues.account_id', '=', actor.accountId)
    .where('queue_members.agent_id', '=', actor.agentId)
    .orderBy('queues.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    smsNumber: r.smsNumber ?? null,
    smsNumberLabel: r.smsNumberLabel ?? null,
    nationalLanguage: effectiveNationalLanguage(r.national_language, submitCapability(r.provider_type, r.provider_config)),
    configured: r.smsNumber != null,
  }));
}

export async function queueTemplates(deps: AppDeps, actor: Actor, queueId: string) {
  const member = await deps.db
    .selectFrom('queue_members')
    .innerJoin('queues', 'queues.id', 'queue_members.queue_id')
    .select('queues.id')
    .where('queues.id', '=', queueId)
    .where('queues.account_id', '=', actor.accountId)
    .where('queue_members.agent_id', '=', actor.agentId)
    .executeTakeFirst();
  if (!member) throw new DomainError('NOT_FOUND', { field: 'queueId' });
  return loadQueueTemplates(deps.db, queueId);
}

export type InteractionFilter = 'open' | 'waiting' | 'closed';

/** Unread messages are counted up to this many: past it the Banner says "99+", and a count never reads a long thread. */
export const UNREAD_CAP = 100;
/** Characters of the last message shown in the lists. */
export const PREVIEW_CHARS = 80;

export interface ListedInteraction {
  readonly id: string;
  readonly status: string;
  readonly customerNumber: string;
  /** The account's name for the number (contacts), null when none. */
  readonly customerName: string | null;
  readonly queueId: string | null;
  readonly agentId: string | null;
  readonly smsNumber: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** The last message in or out, a take or a close: what the lists are sorted by. */
  readonly lastActivityAt: Date;
  /** The customer's messages after the last one this agent has read, at most UNREAD_CAP. */
  readonly unread: number;
  readonly lastMessage: { readonly seq: number; readonly direction: 'in' | 'out'; readonly preview: string; readonly at: Date } | null;
}

/** The first PREVIEW_CHARS characters (code points, as the database counts them), an ellipsis when cut. */
export function previewOf(body: string | null): string {
  const chars = Array.from(body ?? '');
  // Line breaks and runs of spaces would break the one-line preview; cut first, so a cut ending in a space still says so.
  const text = chars.slice(0, PREVIEW_CHARS).join('').replace(/\s+/g, ' ').trim();
  return chars.length > PREVIEW_CHARS ? `${text}…` : text;
}

/**
 * The Banner's lists, ordered by last activity, each row with its unread count, last message
 * and contact name. The page is chosen from interactions alone, in the order of an index
 * (migration 0014), then the per-row figures are LATERAL subqueries on each chosen
 * conversation's own messages (indexes messages_by_interaction_seq and
 * messages_inbound_by_interaction, migration 0013): a page of 50 rows reads 50 index entries, 50
 * last messages and at most 50 x UNREAD_CAP unread entries, however many conversations the agent
 * holds and however many messages the account does.
 */
export async function myInteractions(deps: AppDeps, actor: Actor, filter: InteractionFilter, limit = 50, before?: string): Promise<ListedInteraction[]> {
  // The cursor is the last row seen; one the account does not hold is ignored (the first page).
  const anchor = before ? (await deps.db.selectFrom('interactions').select('id').where('id', '=', before).where('account_id', '=', actor.accountId).executeTakeFirst())?.id : undefined;
  const rows = await interactionListQuery(deps.db, actor, filter, limit, anchor).execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    customerNumber: r.customerNumber,
    customerName: r.customerName ?? null,
    queueId: r.queueId,
    agentId: r.agentId,
    smsNumber: r.smsNumber ?? null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    lastActivityAt: r.updatedAt,
    unread: Number(r.unread ?? 0),
    lastMessage:
      r.lastSeq != null && r.lastDirection != null && r.lastAt != null
        ? { seq: Number(r.lastSeq), direction: r.lastDirection, preview: previewOf(r.lastBody ?? null), at: r.lastAt }
        : null,
  }));
}

/**
 * The list's one statement (exported so its plan can be checked against the indexes).
 * PostgreSQL cannot move a LIMIT below LATERAL joins: with the per-row reads joined to every
 * open or waiting conversation and the page taken after, a busy agent's list computed them for
 * hundreds of rows to show 50 (bench/agent-day.md). So the page comes first, in a subquery.
 */
export function interactionListQuery(db: Db, actor: Actor, filter: InteractionFilter, limit: number, anchor?: string) {
  const n = Math.min(Math.max(limit, 1), 200);
  const base = db.selectFrom('interactions').selectAll('interactions').where('interactions.account_id', '=', actor.accountId).where('interactions.kind', '=', 'sms');
  // The anchor's time is compared as stored (microseconds), in SQL: through a JavaScript Date it
  // lost its microseconds, and a conversation updated in the same millisecond just before the
  // anchor was skipped. As a scalar subquery it is computed once and bounds the index scan.
  // `updated_at <= anchor` on its own lets the index scan start at the anchor instead of filtering every newer row.
  const anchorTime = (anchorId: string) => sql<Date>`(select a.updated_at from interactions a where a.id = ${anchorId})`;
  const before = <Q extends typeof base>(q: Q): Q =>
    anchor
      ? (q.where((eb) =>
          eb.and([eb('interactions.updated_at', '<=', anchorTime(anchor)), eb.or([eb('interactions.updated_at', '<', anchorTime(anchor)), eb('interactions.id', '<', anchor)])]),
        ) as Q)
      : q;
  const page =
    filter === 'waiting'
      ? // Waiting conversations of the agent's queues (any member may take one): each queue read in
        // its own order (interactions_waiting_list), at most a page from each, then merged.
        db
          .selectFrom('queue_members as qm')
          .innerJoinLateral(
            () =>
              before(base.where('interactions.status', '=', 'waiting'))
                // The outer row's queue (the base query is built outside this scope).
                .where('interactions.queue_id', '=', sql<string>`qm.queue_id`)
                .orderBy('interactions.updated_at', 'desc')
                .orderBy('interactions.id', 'desc')
                .limit(n)
                .as('w'),
            (j) => j.onTrue(),
          )
          .selectAll('w')
          .where('qm.agent_id', '=', actor.agentId)
          .orderBy('w.updated_at', 'desc')
          .orderBy('w.id', 'desc')
          .limit(n)
      : // The agent's own, in the order of interactions_agent_list.
        before(base.where('interactions.agent_id', '=', actor.agentId).where('interactions.status', '=', filter === 'open' ? 'progressing' : 'closed'))
          .orderBy('interactions.updated_at', 'desc')
          .orderBy('interactions.id', 'desc')
          .limit(n);
  return db
    .selectFrom(page.as('interactions'))
    .leftJoin('sms_numbers', 'sms_numbers.id', 'interactions.sms_number_id')
    .leftJoin('contacts', (j) => j.onRef('contacts.account_id', '=', 'interactions.account_id').onRef('contacts.number', '=', 'interactions.customer_number'))
    .leftJoin('interaction_reads as r', (j) => j.onRef('r.interaction_id', '=', 'interactions.id').on('r.agent_id', '=', actor.agentId))
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('messages as lm')
          .select(['lm.seq', 'lm.direction', sql<string | null>`left(lm.body, ${PREVIEW_CHARS + 1})`.as('body'), 'lm.created_at'])
          .whereRef('lm.interaction_id', '=', 'interactions.id')
          .orderBy('lm.seq', 'desc')
          .limit(1)
          .as('last'),
      (j) => j.onTrue(),
    )
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom((inner) =>
            inner
              .selectFrom('messages as um')
              .select('um.seq')
              .whereRef('um.interaction_id', '=', 'interactions.id')
              .where('um.direction', '=', 'in')
              .where('um.seq', '>', sql<string>`coalesce(r.last_read_seq, 0)`)
              .limit(UNREAD_CAP)
              .as('u'),
          )
          .select(sql<string>`count(*)`.as('n'))
          .as('unread'),
      (j) => j.onTrue(),
    )
    .select([
      'interactions.id',
      'interactions.status',
      'interactions.customer_number as customerNumber',
      'contacts.name as customerName',
      'interactions.queue_id as queueId',
      'interactions.agent_id as agentId',
      'sms_numbers.address as smsNumber',
      'interactions.created_at as createdAt',
      'interactions.updated_at as updatedAt',
      'unread.n as unread',
      'last.seq as lastSeq',
      'last.direction as lastDirection',
      'last.body as lastBody',
      'last.created_at as lastAt',
    ])
    .orderBy('interactions.updated_at', 'desc')
    .orderBy('interactions.id', 'desc');
}

/** Where a page of a thread starts: the first messages, those after or before one, or the newest. */
export interface ThreadCursor {
  readonly after?: string | undefined;
  readonly before?: string | undefined;
  /** Without `before`: the newest page. */
  readonly latest?: boolean | undefined;
}

/**
 * The messages of one conversation, oldest first within the page, paginated by creation order:
 * forward from the start or after a message, or backward from the newest or before a message (a
 * long conversation opens on its newest messages). `hasMore` says whether messages remain past
 * the page in the direction read.
 */
export async function thread(deps: AppDeps, actor: Actor, interactionId: string, limit = 100, cursor: ThreadCursor = {}) {
  const { after, before } = cursor;
  const interaction = await deps.db
    .selectFrom('interactions')
    .leftJoin('sms_numbers', 'sms_numbers.id', 'interactions.sms_number_id')
    .innerJoin('accounts', 'accounts.id', 'interactions.account_id')
    .select(['interactions.id', 'interactions.status', 'interactions.agent_id', 'interactions.queue_id', 'sms_numbers.national_language', 'accounts.provider_type', 'accounts.provider_config'])
    .where('interactions.id', '=', interactionId)
    .where('interactions.account_id', '=', actor.accountId)
    .where('interactions.kind', '=', 'sms')
    .executeTakeFirst();
  if (!interaction) throw new DomainError('NOT_FOUND', { field: 'interactionId' });
  const visible =
    interaction.agent_id === actor.agentId ||
    (interaction.status === 'waiting' &&
      interaction.queue_id !== null &&
      (await deps.db.selectFrom('queue_members').select('agent_id').where('queue_id', '=', interaction.queue_id).where('agent_id', '=', actor.agentId).executeTakeFirst()) !== undefined);
  if (!visible) throw new DomainError('NOT_FOUND', { field: 'interactionId' });
  let q = deps.db
    .selectFrom('messages')
    .select([
      'id',
      'direction',
      'status',
      'from_address as from',
      'to_address as to',
      'body',
      'encoding',
      'segments',
      'credits',
      'error_code as errorCode',
      'last_error as lastError',
      'needs_review as needsReview',
      'created_at as createdAt',
      'updated_at as updatedAt',
      'media',
      'in_reply_to',
    ])
    .where('account_id', '=', actor.accountId)
    .where('interaction_id', '=', interactionId);
  if (after) {
    // The anchor's time as stored (microseconds), read in SQL: through a JavaScript Date the anchor
    // itself came back. An anchor not in this conversation is ignored (the first page), as before.
    const anchorTime = sql<Date>`coalesce((select a.created_at from messages a where a.id = ${after} and a.interaction_id = ${interactionId}), '-infinity'::timestamptz)`;
    q = q.where((eb) => eb.and([eb('created_at', '>=', anchorTime), eb.or([eb('created_at', '>', anchorTime), eb('id', '>', after)])]));
  } else if (before) {
    // The same, backward; an anchor not in this conversation gives the newest page.
    const anchorTime = sql<Date>`coalesce((select a.created_at from messages a where a.id = ${before} and a.interaction_id = ${interactionId}), 'infinity'::timestamptz)`;
    q = q.where((eb) => eb.and([eb('created_at', '<=', anchorTime), eb.or([eb('created_at', '<', anchorTime), eb('id', '<', before)])]));
  }
  const backward = Boolean(before) || (cursor.latest === true && !after);
  const n = Math.min(Math.max(limit, 1), 500);
  // One row more than the page says whether another page follows.
  const read = await q
    .orderBy('created_at', backward ? 'desc' : 'asc')
    .orderBy('id', backward ? 'desc' : 'asc')
    .limit(n + 1)
    .execute();
  const hasMore = read.length > n;
  const page = read.slice(0, n);
  const rows = backward ? page.reverse() : page;
  // Media (inbound MMS): the count, types and provider links; null when the message had none.
  // A reply to a Direct SMS carries that SMS (src/app/in-reply-to.ts).
  const replied = await repliedDirectSms(deps.db, actor.accountId, rows.map((m) => m.in_reply_to));
  const messages = rows.map(({ in_reply_to, ...m }) => ({ ...m, media: (m.media ?? null) as readonly InboundMedia[] | null, inReplyTo: (in_reply_to && replied.get(in_reply_to)) || null }));
  // The Banner's counter needs the sender number's national table, as the provider can send it, to count as the server will.
  const nationalLanguage = effectiveNationalLanguage(interaction.national_language, submitCapability(interaction.provider_type, interaction.provider_config));
  return { interaction: { id: interaction.id, status: interaction.status, nationalLanguage }, messages, hasMore };
}

export async function myActiveCalls(deps: AppDeps, actor: Actor) {
  return deps.db
    .selectFrom('interactions')
    .select(['id', 'customer_number as customerNumber', 'created_at as startedAt'])
    .where('account_id', '=', actor.accountId)
    .where('agent_id', '=', actor.agentId)
    .where('kind', '=', 'voice')
    .where('status', '=', 'active')
    .orderBy('created_at', 'desc')
    .execute();
}
