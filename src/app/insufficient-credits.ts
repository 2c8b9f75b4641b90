import type { Transaction } from 'kysely';
import { creditBalance } from '../db/credits.js';
import type { Database } from '../db/schema.js';
import { DomainError } from '../domain/errors.js';

/** The refusal with the balance the debit saw, read in the same transaction (the rare path). */
export async function insufficientCredits(trx: Transaction<Database>, accountId: string, required: number): Promise<DomainError> {
  return new DomainError('INSUFFICIENT_CREDITS', { required, balance: await creditBalance(trx, accountId) });
}
