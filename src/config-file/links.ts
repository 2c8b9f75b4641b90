// A link list inside an item (a profile's numbers, a queue's members...) is the whole list:
// applying it replaces the owner's links with exactly these.
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';

type LinkTable = 'profile_numbers' | 'profile_templates' | 'queue_templates' | 'queue_members';

const COLUMNS = {
  profile_numbers: ['profile_id', 'number_id'],
  profile_templates: ['profile_id', 'template_id'],
  queue_templates: ['queue_id', 'template_id'],
  queue_members: ['queue_id', 'agent_id'],
} as const satisfies Record<LinkTable, readonly [string, string]>;

export async function replaceLinks(trx: Transaction<Database>, table: LinkTable, ownerId: string, refIds: readonly string[]): Promise<void> {
  const [owner, ref] = COLUMNS[table];
  await trx.deleteFrom(table).where(owner, '=', ownerId).execute();
  if (refIds.length === 0) return;
  // The four tables share this two-column shape; Kysely cannot narrow a union of tables by itself.
  const rows = [...new Set(refIds)].map((id) => ({ [owner]: ownerId, [ref]: id })) as never[];
  await trx.insertInto(table).values(rows).execute();
}
