import { sql } from 'kysely';
import { int8ToNumber } from '../int8.js';
import type { Executor } from '../executor.js';

/** The account's credits: one statement, so one snapshot, so an exact sum of its buckets. */
export async function creditBalance(db: Executor, accountId: string): Promise<number> {
  const { rows } = await sql<{ total: string }>`
    select coalesce(sum(balance), 0)::int8 as total from credit_buckets where account_id = ${accountId}`.execute(db);
  return int8ToNumber(rows[0]?.total, 'credit balance');
}
