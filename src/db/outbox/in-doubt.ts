// Messages whose hand-off may or may not have reached the provider.
import { sql } from 'kysely';
import type { Executor } from '../executor.js';
import { statusEventsFrom } from './status-events.js';

/**
 * The submission's outcome is unknown (timeout after sending, connection reset): leave the
 * message 'sending' with a lease that runs out in `reconcileInMs`. A dispatcher then
 * reclaims it as in doubt and asks the provider, giving a late acceptance time to land.
 */
export async function markInDoubt(db: Executor, workerId: string, messageId: string, reconcileInMs: number, error: string): Promise<boolean> {
  const r = await sql`
    update messages set locked_by = null, locked_until = now() + ${reconcileInMs}::float8 * interval '1 millisecond',
      last_error = ${error}, updated_at = now()
    where id = ${messageId} and locked_by = ${workerId} and status = 'sending'`.execute(db);
  return r.numAffectedRows === 1n;
}

/**
 * Nobody can tell whether the provider has it (its API has no look-up, or asking kept
 * failing). Resending could send it twice, so it leaves the queue for a person to decide.
 */
export async function flagForReview(db: Executor, workerId: string, messageId: string, error: string): Promise<boolean> {
  const { rows } = await sql`
    with upd as (
      update messages set needs_review = true, review_since = now(), locked_by = null, locked_until = null, last_error = ${error}, updated_at = now()
      where id = ${messageId} and locked_by = ${workerId} and status = 'sending'
      returning *
    ), ev as (${statusEventsFrom('upd')})
    select id from upd`.execute(db);
  return rows.length > 0;
}
