// A delivery report and the submit result that names its message can be recorded at the same
// moment by two transactions; each would miss the other's uncommitted row (the report finds
// no message, the submit finds no early report). Both take a transaction-scoped advisory
// lock on the provider id first, so the second one sees the first one's commit.
import { sql } from 'kysely';
import type { Executor } from '../executor.js';

export interface ProviderIdKey {
  readonly accountId: string;
  readonly provider: string;
  readonly providerMessageId: string;
}

export async function lockProviderIds(trx: Executor, keys: readonly ProviderIdKey[]): Promise<void> {
  if (keys.length === 0) return;
  // One global order for every locker, so two batches never wait on each other in a circle.
  const texts = [...new Set(keys.map((k) => `${k.accountId}\u001f${k.provider}\u001f${k.providerMessageId}`))].sort();
  await sql`
    select pg_advisory_xact_lock(hashtextextended(k, 0))
    from unnest(${texts}::text[]) with ordinality as t(k, o) order by o`.execute(trx);
}
