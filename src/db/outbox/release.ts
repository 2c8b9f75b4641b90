// A dispatcher stopping gracefully hands back what it claimed but never handed to a
// provider, so another dispatcher takes it at once instead of after the lease.
import { sql } from 'kysely';
import type { Executor } from '../executor.js';
import { statusEventsFrom } from './status-events.js';

export interface HeldClaim {
  readonly id: string;
  readonly inDoubt: boolean;
}

export async function releaseClaims(db: Executor, workerId: string, claims: readonly HeldClaim[]): Promise<number> {
  const fresh = claims.filter((c) => !c.inDoubt).map((c) => c.id);
  const doubtful = claims.filter((c) => c.inDoubt).map((c) => c.id);
  let released = 0;
  if (fresh.length > 0) {
    const { rows } = await sql`
      with upd as (
        update messages set status = 'queued', attempts = greatest(attempts - 1, 0), locked_by = null, locked_until = null, updated_at = now()
        where id = any(${fresh}::text[]) and locked_by = ${workerId} and status = 'sending'
        returning *
      ), ev as (${statusEventsFrom('upd')})
      select id from upd`.execute(db);
    released += rows.length;
  }
  if (doubtful.length > 0) {
    // Still in doubt: an expired lease makes the next dispatcher reconcile it.
    const r = await sql`
      update messages set attempts = greatest(attempts - 1, 0), locked_by = null, locked_until = now(), updated_at = now()
      where id = any(${doubtful}::text[]) and locked_by = ${workerId} and status = 'sending'`.execute(db);
    released += Number(r.numAffectedRows ?? 0n);
  }
  return released;
}
