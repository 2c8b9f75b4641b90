// An opt-out holds for the number as written, and also once its customer was erased: erasure
// replaces the number in opt_outs by its keyed hash (smsdesk_number_hash, migration 0024), so
// every check also compares with the hash of the number asked about. The hash is computed in
// the query itself, from the account's key, so no check costs another round trip.
import { sql, type RawBuilder } from 'kysely';

/**
 * `opt_outs.number` is the number or its hash. `accountKey` is an expression giving the
 * account's `number_hash_key` (the outer query's `accounts` row by default).
 */
export function optOutMatches(e164: string | null, column = 'opt_outs.number', accountKey: RawBuilder<unknown> = sql.ref('accounts.number_hash_key')): RawBuilder<boolean> {
  const n = e164 ?? '';
  return sql<boolean>`${sql.ref(column)} in (${n}, smsdesk_number_hash(${accountKey}, ${n}))`;
}

/** The number asked about when an opt-out matched, whichever form of it was stored. */
export function optedOutNumber(e164: string | null): RawBuilder<string> {
  return sql<string>`${e164 ?? ''}::text`;
}

/** The account's hash key as a subquery, for statements that do not read the account row. */
export function accountHashKey(accountId: string): RawBuilder<unknown> {
  return sql`(select number_hash_key from accounts where id = ${accountId})`;
}

/** What smsdesk_number_hash puts before the hash: an erased customer's number in opt_outs and consent_changes. */
export const ERASED_NUMBER_PREFIX = 'erased:';

export function isErasedNumber(stored: string): boolean {
  return stored.startsWith(ERASED_NUMBER_PREFIX);
}
