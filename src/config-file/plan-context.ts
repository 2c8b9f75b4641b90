// What every section's planner shares: the account, new ids, the issues found so far, and the
// lookups from the file's names to row ids.
import type { ConfigFileIssue } from './issues.js';
import type { Lookup } from './lookup.js';

export interface PlanContext {
  readonly accountId: string;
  readonly issues: ConfigFileIssue[];
  readonly numbers: Lookup;
  readonly templates: Lookup;
  readonly profiles: Lookup;
  readonly agents: Lookup;
}

/** The id of the file's item: the account's row with that key, else a new id. */
export function idFor<T extends { readonly id: string }>(existing: readonly T[] | undefined, newId: () => string): { readonly id: string; readonly row: T | null } {
  // An ambiguous key is reported when it is resolved; the first row stands in meanwhile.
  const row = existing?.[0] ?? null;
  return row ? { id: row.id, row } : { id: newId(), row: null };
}
