// One line of the plan: what will be created or updated, and the writes that do it.
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';

export type Section = 'account' | 'provider' | 'numbers' | 'templates' | 'profiles' | 'agents' | 'queues' | 'contacts' | 'optOuts';

export interface Change {
  readonly section: Section;
  readonly action: 'create' | 'update';
  readonly key: string;
  /** The fields that differ (empty for a creation). */
  readonly fields: readonly string[];
  run(trx: Transaction<Database>): Promise<void>;
}

/** Set equality: link lists and country lists are sets, whatever order the file uses. */
export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  return sa.size === new Set(b).size && b.every((x) => sa.has(x));
}

export function describeChange(c: Change): string {
  const what = `${c.action} ${c.section} "${c.key}"`;
  return c.fields.length > 0 ? `${what}: ${c.fields.join(', ')}` : what;
}
