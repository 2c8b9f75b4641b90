import type { Executor } from '../executor.js';

export interface LedgerEntry {
  readonly accountId: string;
  /** Positive adds credits, negative spends them. */
  readonly delta: number;
  /** Why, e.g. 'send', 'top-up', 'refund:rejected'. */
  readonly reason: string;
  readonly messageId?: string | null;
  readonly actor?: string | null;
}

export async function appendLedger(db: Executor, e: LedgerEntry): Promise<void> {
  await db
    .insertInto('credit_ledger')
    .values({ account_id: e.accountId, delta: e.delta, reason: e.reason, message_id: e.messageId ?? null, actor: e.actor ?? null })
    .execute();
}
