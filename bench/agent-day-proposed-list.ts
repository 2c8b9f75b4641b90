// A proposed shape for the lists' statement (src/app/agent-views.ts, interactionListQuery),
// measured beside it by bench/agent-day.bench.ts. Same rows, same columns; two changes:
// - the page is chosen first, from interactions alone, and only its rows get the contact, read
//   state, last message and unread count (PostgreSQL sorts after the LATERAL joins otherwise,
//   so every open or waiting conversation of the agent had them computed before the LIMIT);
// - the waiting list takes each of the agent's queues in its own order (a LATERAL per queue,
//   each limited), so it reads at most `limit` rows per queue with an index on
//   (queue_id, updated_at desc, id desc) where status = 'waiting'.
import { sql } from 'kysely';
import { PREVIEW_CHARS, UNREAD_CAP, type InteractionFilter } from '../src/app/agent-views.js';
import type { Actor, Db } from '../src/app/context.js';

export function proposedListQuery(db: Db, actor: Actor, filter: InteractionFilter, limit: number, anchor?: { readonly updated_at: Date; readonly id: string }) {
  const n = Math.min(Math.max(limit, 1), 200);
  const base = db.selectFrom('interactions').selectAll('interactions').where('interactions.account_id', '=', actor.accountId).where('interactions.kind', '=', 'sms');
  const before = <Q extends typeof base>(q: Q): Q =>
    anchor
      ? (q.where((eb) =>
          eb.and([eb('interactions.updated_at', '<=', anchor.updated_at), eb.or([eb('interactions.updated_at', '<', anchor.updated_at), eb('interactions.id', '<', anchor.id)])]),
        ) as Q)
      : q;
  const page =
    filter === 'waiting'
      ? db
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
      : before(base.where('interactions.agent_id', '=', actor.agentId).where('interactions.status', '=', filter === 'open' ? 'progressing' : 'closed'))
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

/** As myInteractions reads a page, with the proposed statement (rows as the statement returns them). */
export async function proposedInteractions(db: Db, actor: Actor, filter: InteractionFilter, limit = 50, before?: string) {
  const anchor = before ? await db.selectFrom('interactions').select(['updated_at', 'id']).where('id', '=', before).where('account_id', '=', actor.accountId).executeTakeFirst() : undefined;
  return proposedListQuery(db, actor, filter, limit, anchor).execute();
}
