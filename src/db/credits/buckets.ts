// Spreading an account's credits over several rows lets concurrent sends lock different rows:
// one row caps a busy account at ~1.7k debits/s here (every transaction waits for the
// previous one's commit on that row), 16 rows lift the cap above what the whole server does
// (8.6k tx/s with 10 clients), and the balance is still exact (a sum over 16 rows).
import { sql } from 'kysely';
import type { Executor } from '../executor.js';

export const CREDIT_BUCKETS = 16;

/** Creates the account's buckets, empty; existing ones are left alone. */
export async function ensureCreditBuckets(db: Executor, accountId: string): Promise<void> {
  await sql`
    insert into credit_buckets (account_id, bucket, balance)
    select ${accountId}, g, 0 from generate_series(0, ${CREDIT_BUCKETS - 1}::int) g
    on conflict do nothing`.execute(db);
}

export function randomBucket(): number {
  return Math.floor(Math.random() * CREDIT_BUCKETS);
}
