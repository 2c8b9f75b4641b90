// Claims due queued messages for one dispatcher: graphile-worker's pattern, with the
// messages table as the queue. SKIP LOCKED lets several dispatchers (threads or processes)
// claim side by side without waiting on or taking each other's rows.
import { sql } from 'kysely';
import { transition } from '../../domain/messages/status.js';
import type { Executor } from '../executor.js';
import { CLAIMED_COLUMNS, toClaimed, type ClaimedMessage, type ClaimedRow } from './claimed-message.js';
import { statusEventsFrom } from './status-events.js';

export interface ClaimDueOptions {
  readonly workerId: string;
  readonly limit: number;
  readonly leaseMs: number;
  /**
   * How far ahead this claim feeds the senders: at most rate x horizon messages per SMS
   * number are taken, the rest stay queued for whichever dispatcher has room.
   */
  readonly horizonMs: number;
  /** SMS numbers this dispatcher already has enough of in hand (its pacer is behind). */
  readonly excludeNumbers?: readonly string[];
}

// The claim's only legal move; asserted once so the SQL below cannot drift from the domain.
const CLAIMED = transition('queued', 'sending');
if (!CLAIMED.changed) throw new Error('the status machine forbids queued -> sending');

/**
 * Order within a conversation: a message is not taken while an earlier message of its
 * interaction is queued or sending (a retry's back-off holds the later ones too), so after
 * an outage the conversation still arrives in order. One flagged for review does not block.
 */
export async function claimDue(db: Executor, o: ClaimDueOptions): Promise<ClaimedMessage[]> {
  if (o.limit <= 0) return [];
  // Scan a little more than the limit: some candidates fall to the per-number cap.
  const scan = o.limit * 2;
  const { rows } = await sql<ClaimedRow>`
    with cand as (
      select m.id, m.sms_number_id, m.seq, m.run_at
      from messages m
      where m.status = 'queued' and not m.needs_review and m.run_at <= now() and m.direction = 'out'
        and (m.interaction_id is null or not exists (
          select 1 from messages e
          where e.interaction_id = m.interaction_id and e.status in ('queued', 'sending')
            and e.seq < m.seq and not e.needs_review))
        and (m.sms_number_id is null or not (m.sms_number_id = any(${[...(o.excludeNumbers ?? [])]}::text[])))
      order by m.run_at, m.seq
      limit ${scan}
      for update of m skip locked
    ), ranked as (
      select c.id, c.seq, c.run_at, n.send_rate_per_second as rate,
        row_number() over (partition by c.sms_number_id order by c.seq) as rn
      from cand c left join sms_numbers n on n.id = c.sms_number_id
    ), chosen as (
      select id from ranked
      where rate is null or rn <= greatest(1, ceil(rate * ${o.horizonMs}::float8 / 1000))
      order by run_at, seq
      limit ${o.limit}
    ), upd as (
      update messages m set status = ${CLAIMED.status}, locked_by = ${o.workerId},
        locked_until = now() + ${o.leaseMs}::float8 * interval '1 millisecond',
        attempts = m.attempts + 1, submitted_at = now(), updated_at = now()
      from chosen where m.id = chosen.id
      returning m.*
    ), ev as (${statusEventsFrom('upd')})
    select ${CLAIMED_COLUMNS}, null::timestamptz as prev_submitted_at
    from upd left join sms_numbers n on n.id = upd.sms_number_id
    order by upd.seq`.execute(db);
  return rows.map((r) => toClaimed(r, false));
}
