// Reclaims messages whose lease ran out while they were being sent: their dispatcher died or
// their submission's outcome was unknown. They may have reached the provider, so they come
// back flagged in doubt, to be reconciled, never blindly resent.
import { sql } from 'kysely';
import type { Executor } from '../executor.js';
import { CLAIMED_COLUMNS, toClaimed, type ClaimedMessage, type ClaimedRow } from './claimed-message.js';

export interface ClaimExpiredOptions {
  readonly workerId: string;
  readonly limit: number;
  readonly leaseMs: number;
}

export async function claimExpired(db: Executor, o: ClaimExpiredOptions): Promise<ClaimedMessage[]> {
  if (o.limit <= 0) return [];
  // The status stays 'sending' (no status change, so no event): only the lease moves.
  const { rows } = await sql<ClaimedRow>`
    with cand as (
      select m.id, m.submitted_at from messages m
      where m.status = 'sending' and not m.needs_review and m.locked_until <= now()
      order by m.locked_until
      limit ${o.limit}
      for update of m skip locked
    ), upd as (
      update messages m set locked_by = ${o.workerId},
        locked_until = now() + ${o.leaseMs}::float8 * interval '1 millisecond',
        attempts = m.attempts + 1, updated_at = now()
      from cand where m.id = cand.id
      returning m.*
    )
    select ${CLAIMED_COLUMNS}, cand.submitted_at as prev_submitted_at
    from upd join cand on cand.id = upd.id left join sms_numbers n on n.id = upd.sms_number_id
    order by upd.seq`.execute(db);
  return rows.map((r) => toClaimed(r, true));
}
