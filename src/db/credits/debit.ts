// Spending credits. The balance is the sum of CREDIT_BUCKETS rows; each row's check
// constraint forbids a negative value, so whatever runs concurrently, no debit can overdraw.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../schema.js';

export interface DebitOptions {
  readonly reason: string;
  readonly messageId?: string | null;
  readonly actor?: string | null;
}

/**
 * Takes `amount` credits from the account, with its ledger row, inside the caller's
 * transaction (so the message insert and the debit commit or roll back together). Returns
 * false, changing nothing and keeping no lock, when the account holds less than `amount`.
 *
 * The work is the function smsdesk_debit_credits (migration 0003): a free bucket with
 * enough credits if there is one (SKIP LOCKED), else wait for one, else lock all buckets in
 * order and consolidate. It runs server-side because each failed attempt must roll back the
 * row locks it took: PostgreSQL keeps the lock of a row it waited for even when the row no
 * longer qualifies, and two senders each sitting on the other's bucket deadlocked within
 * seconds under 500 concurrent debits before the attempts became subtransactions.
 *
 * Debit after taking the transaction's other locks (e.g. the interaction's): a transaction
 * that holds a bucket and then waits on a lock held by a consolidating sender can deadlock.
 */
export async function debitCredits(trx: Transaction<Database>, accountId: string, amount: number, opts: DebitOptions): Promise<boolean> {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new RangeError(`a debit must be a positive integer, got ${amount}`);
  const { rows } = await sql<{ ok: boolean }>`
    select smsdesk_debit_credits(${accountId}, ${amount}::int8, ${opts.reason}, ${opts.messageId ?? null}::text, ${opts.actor ?? null}::text) as ok`.execute(trx);
  return rows[0]?.ok === true;
}
