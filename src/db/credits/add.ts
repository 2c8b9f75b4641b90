// Adding credits: top-ups, refunds, corrections. Always recorded in the ledger with a reason.
import { sql, type Transaction } from 'kysely';
import type { Executor } from '../executor.js';
import type { Database } from '../schema.js';
import { CREDIT_BUCKETS, ensureCreditBuckets, randomBucket } from './buckets.js';
import { appendLedger } from './ledger.js';

export interface AddCreditsOptions {
  /** e.g. 'top-up', 'refund:rejected'. */
  readonly reason: string;
  readonly messageId?: string | null;
  readonly actor?: string | null;
}

/**
 * Adds `amount` credits. Runs in the caller's transaction when given one (a refund commits
 * with the rejection it pays back), else in a transaction of its own.
 */
export async function addCredits(db: Executor, accountId: string, amount: number, opts: AddCreditsOptions): Promise<void> {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new RangeError(`credits to add must be a positive integer, got ${amount}`);
  if (db.isTransaction) return addInTransaction(db as Transaction<Database>, accountId, amount, opts);
  return db.transaction().execute((trx) => addInTransaction(trx, accountId, amount, opts));
}

async function addInTransaction(trx: Transaction<Database>, accountId: string, amount: number, opts: AddCreditsOptions): Promise<void> {
  if (amount < CREDIT_BUCKETS) {
    // A refund is a few credits: one random row, no lock on the others.
    const r = await sql`update credit_buckets set balance = balance + ${amount} where account_id = ${accountId} and bucket = ${randomBucket()}`.execute(trx);
    if (r.numAffectedRows !== 1n) {
      await ensureCreditBuckets(trx, accountId);
      await sql`update credit_buckets set balance = balance + ${amount} where account_id = ${accountId} and bucket = 0`.execute(trx);
    }
  } else {
    await ensureCreditBuckets(trx, accountId);
    // Lock in bucket order, the order debits consolidate in, so the two never deadlock.
    await sql`select 1 from credit_buckets where account_id = ${accountId} order by bucket for update`.execute(trx);
    await sql`
      update credit_buckets set balance = balance + ${Math.floor(amount / CREDIT_BUCKETS)}
        + case when bucket < ${amount % CREDIT_BUCKETS} then 1 else 0 end
      where account_id = ${accountId}`.execute(trx);
  }
  await appendLedger(trx, { accountId, delta: amount, reason: opts.reason, messageId: opts.messageId ?? null, actor: opts.actor ?? null });
}
