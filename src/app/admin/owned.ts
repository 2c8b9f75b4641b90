// Every id an administrator names must belong to their account; one query per list tells.
import type { Db } from '../context.js';
import type { Executor } from '../../db/executor.js';
import { notFound } from './refusals.js';

type OwnedTable = 'sms_numbers' | 'templates' | 'agents' | 'queues' | 'profiles';

/** Throws NOT_FOUND (naming `field`) unless every id is one of the account's rows. */
export async function requireOwned(db: Db | Executor, table: OwnedTable, accountId: string, ids: readonly string[], field: string): Promise<void> {
  const distinct = [...new Set(ids)];
  if (distinct.length === 0) return;
  const rows = await db.selectFrom(table).select('id').where('account_id', '=', accountId).where('id', 'in', distinct).execute();
  if (rows.length !== distinct.length) throw notFound(field);
}
