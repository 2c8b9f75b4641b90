// Spending credits. The balance is the sum of CREDIT_BUCKETS rows; each row's check
// constraint forbids a negative value, so whatever runs concurrently, no debit can overdraw.
import { sql, type Transaction } from 'kysely';
import { int8ToNumber } from '../int8.js';
import type { Database } from '../schema.js';
import { randomBucket } from './buckets.js';
import { appendLedger } from './ledger.js';

export interface DebitOptions {
  readonly reason: string;
  readonly messageId?: string | null;
  readonly actor?: string | null;
}

/**
 * Takes `amount` credits from the account inside the caller's transaction (so the message
 * insert and the debit commit or roll back together). Returns false, changing nothing, when
 * the account holds less than `amount`.
 *
 * Three steps, cheapest first:
 * 1. one statement: a bucket with enough credits that no other transaction holds (SKIP
 *    LOCKED, starting from a random bucket so concurrent senders spread over the rows);
 * 2. all such buckets are held: wait for one of them (the holder may commit or roll back);
 * 3. no single bucket holds enough but the total does: lock every bucket in bucket order
 *    (one order for everyone: no deadlock between consolidators) and spread the remainder
 *    evenly again, so the following debits find step 1 open.
 *
 * Call it once per transaction and account: a transaction that already holds one bucket
 * and reaches step 3 may deadlock with another consolidator (PostgreSQL then aborts one).
 */
export async function debitCredits(trx: Transaction<Database>, accountId: string, amount: number, opts: DebitOptions): Promise<boolean> {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new RangeError(`a debit must be a positive integer, got ${amount}`);
  const ok = (await takeFromFreeBucket(trx, accountId, amount)) || (await waitForABucket(trx, accountId, amount)) || (await consolidate(trx, accountId, amount));
  if (ok) await appendLedger(trx, { accountId, delta: -amount, reason: opts.reason, messageId: opts.messageId ?? null, actor: opts.actor ?? null });
  return ok;
}

async function takeFromFreeBucket(trx: Transaction<Database>, accountId: string, amount: number): Promise<boolean> {
  const start = randomBucket();
  const { rows } = await sql<{ bucket: number }>`
    update credit_buckets b set balance = b.balance - ${amount}
    from (
      select bucket from credit_buckets
      where account_id = ${accountId} and balance >= ${amount}
      order by bucket < ${start}, bucket
      limit 1
      for update skip locked
    ) pick
    where b.account_id = ${accountId} and b.bucket = pick.bucket and b.balance >= ${amount}
    returning b.bucket`.execute(trx);
  return rows.length > 0;
}

async function waitForABucket(trx: Transaction<Database>, accountId: string, amount: number): Promise<boolean> {
  // What the buckets held at this statement's snapshot; holders may still change them.
  const { rows } = await sql<{ bucket: number; balance: string }>`
    select bucket, balance from credit_buckets where account_id = ${accountId}`.execute(trx);
  const total = rows.reduce((s, r) => s + int8ToNumber(r.balance), 0);
  if (total < amount) return false;
  const candidates = rows.filter((r) => int8ToNumber(r.balance) >= amount).map((r) => r.bucket);
  shuffle(candidates);
  // Each try waits for at most one commit; three keep step 2 short before consolidating.
  for (const bucket of candidates.slice(0, 3)) {
    const r = await sql`
      update credit_buckets set balance = balance - ${amount}
      where account_id = ${accountId} and bucket = ${bucket} and balance >= ${amount}`.execute(trx);
    if (r.numAffectedRows === 1n) return true;
  }
  return false;
}

async function consolidate(trx: Transaction<Database>, accountId: string, amount: number): Promise<boolean> {
  const { rows } = await sql<{ bucket: number; balance: string }>`
    select bucket, balance from credit_buckets where account_id = ${accountId} order by bucket for update`.execute(trx);
  const total = rows.reduce((s, r) => s + int8ToNumber(r.balance), 0);
  if (total < amount) return false;
  const rest = total - amount;
  const n = rows.length;
  const buckets = rows.map((r) => r.bucket);
  const balances = rows.map((_, i) => Math.floor(rest / n) + (i < rest % n ? 1 : 0));
  await sql`
    update credit_buckets b set balance = v.balance
    from unnest(${buckets}::int2[], ${balances}::int8[]) as v(bucket, balance)
    where b.account_id = ${accountId} and b.bucket = v.bucket`.execute(trx);
  return true;
}

function shuffle<T>(items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    const a = items[i] as T;
    items[i] = items[j] as T;
    items[j] = a;
  }
}

