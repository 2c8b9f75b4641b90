// Read state per agent (what needs me now): how far an agent has read a conversation, kept on
// the server so it follows them to a reload and another device, and announced to their other
// tabs by an event only they receive.
import { sql } from 'kysely';
import { DomainError } from '../domain/errors.js';
import type { Actor, AppDeps } from './context.js';

export const INTERACTION_READ_EVENT = 'interaction.read';

export interface ReadState {
  readonly interactionId: string;
  /** The stored mark: never lower than before, never past the conversation's last message. */
  readonly lastReadSeq: number;
  /** False when the mark already stood at or past the seq asked for (a repeat, another tab first). */
  readonly changed: boolean;
}

/**
 * Conversations an agent may read are the ones they may open: their own (any status) and the
 * waiting ones of their queues, as the thread allows. Anything else is NOT_FOUND, so nothing leaks.
 */
async function assertVisible(deps: AppDeps, actor: Actor, interactionId: string): Promise<void> {
  const row = await deps.db
    .selectFrom('interactions')
    .select('interactions.id')
    .where('interactions.id', '=', interactionId)
    .where('interactions.account_id', '=', actor.accountId)
    .where('interactions.kind', '=', 'sms')
    .where((eb) =>
      eb.or([
        eb('interactions.agent_id', '=', actor.agentId),
        eb.and([
          eb('interactions.status', '=', 'waiting'),
          eb.exists(eb.selectFrom('queue_members').select('queue_members.agent_id').whereRef('queue_members.queue_id', '=', 'interactions.queue_id').where('queue_members.agent_id', '=', actor.agentId)),
        ]),
      ]),
    )
    .executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', { field: 'interactionId' });
}

/**
 * Moves the agent's mark forward to `seq` (capped at the conversation's last message) in one
 * statement: the upsert keeps the maximum, so two tabs marking at once, or a repeat, never move it
 * back; the event is written only when the mark moved, in the same statement.
 */
export async function markRead(deps: AppDeps, actor: Actor, interactionId: string, seq: number): Promise<ReadState> {
  await assertVisible(deps, actor, interactionId);
  const now = deps.clock.now();
  const { rows } = await sql<{ moved: string | null; before: string | null }>`
    with cap as (
      select coalesce((select m.seq from messages m where m.interaction_id = ${interactionId} order by m.seq desc limit 1), 0) as top
    ),
    up as (
      insert into interaction_reads (agent_id, interaction_id, last_read_seq, read_at)
      select ${actor.agentId}, ${interactionId}, least(${seq}::bigint, cap.top), ${now}::timestamptz from cap
      on conflict (agent_id, interaction_id) do update set last_read_seq = excluded.last_read_seq, read_at = excluded.read_at
        where interaction_reads.last_read_seq < excluded.last_read_seq
      returning last_read_seq
    ),
    e as (
      insert into events (account_id, agent_id, queue_id, type, payload)
      select ${actor.accountId}, ${actor.agentId}, null, ${INTERACTION_READ_EVENT},
        jsonb_build_object('interactionId', ${interactionId}::text, 'seq', up.last_read_seq, 'readAt', ${now.toISOString()}::text)
      from up
    )
    select (select last_read_seq from up)::text as moved,
      (select last_read_seq from interaction_reads where agent_id = ${actor.agentId} and interaction_id = ${interactionId})::text as before`.execute(deps.db);
  const r = rows[0];
  const moved = r?.moved ?? null;
  if (moved !== null) deps.wake();
  if (moved !== null) return { interactionId, lastReadSeq: Number(moved), changed: true };
  // The statement read the table as it was when it started; a mark another tab wrote meanwhile is read now.
  const stored = r?.before ?? (await deps.db.selectFrom('interaction_reads').select('last_read_seq').where('agent_id', '=', actor.agentId).where('interaction_id', '=', interactionId).executeTakeFirst())?.last_read_seq;
  return { interactionId, lastReadSeq: Number(stored ?? 0), changed: false };
}
