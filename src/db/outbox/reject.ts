// A provider refused the message at submission (spec D8): rejected, and its credits paid
// back in the same transaction, so the ledger can never show one without the other.
import { sql, type Kysely } from 'kysely';
import { transition } from '../../domain/messages/status.js';
import { addCredits } from '../credits/add.js';
import type { Database } from '../schema.js';
import { statusEventsFrom } from './status-events.js';

export const REFUND_REASON = 'refund:rejected';

export interface FailureInfo {
  readonly error: string;
  readonly code?: string | null;
}

const REJECTED = transition('sending', 'rejected');
if (!REJECTED.changed) throw new Error('the status machine forbids sending -> rejected');

/** Returns false when this worker no longer held the message (nothing changed). */
export async function rejectMessage(db: Kysely<Database>, workerId: string, messageId: string, failure: FailureInfo): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ account_id: string; credits: number }>`
      with upd as (
        update messages set status = ${REJECTED.status}, last_error = ${failure.error}, error_code = ${failure.code ?? null}::text,
          locked_by = null, locked_until = null, updated_at = now()
        where id = ${messageId} and locked_by = ${workerId} and status = 'sending'
        returning *
      ), ev as (${statusEventsFrom('upd')})
      select account_id, credits from upd`.execute(trx);
    const row = rows[0];
    if (!row) return false;
    if (row.credits > 0) await addCredits(trx, row.account_id, row.credits, { reason: REFUND_REASON, messageId, actor: null });
    return true;
  });
}
