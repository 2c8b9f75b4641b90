// The account's credits for administrators: balance, top-ups, signed adjustments, the ledger.
// A negative adjustment goes through the send path's debit, so it can never take the balance
// below zero, whatever runs at the same time.
import type { Balance, LedgerEntry, LedgerPage } from '../../api/admin-views.js';
import { addCredits, creditBalance, debitCredits } from '../../db/credits.js';
import type { Executor } from '../../db/executor.js';
import { int8ToNumber } from '../../db/int8.js';
import type { Actor, AppDeps } from '../context.js';
import { appendEvent } from '../record.js';
import { audit } from './audit.js';
import { invalid } from './refusals.js';

export async function balance(deps: Pick<AppDeps, 'db'>, actor: Actor): Promise<Balance> {
  return { balance: await creditBalance(deps.db, actor.accountId) };
}

export async function topUp(deps: Pick<AppDeps, 'db' | 'wake'>, actor: Actor, input: { amount: number; note?: string | undefined }): Promise<Balance> {
  const reason = input.note ? `top-up: ${input.note}` : 'top-up';
  await deps.db.transaction().execute(async (trx) => {
    await addCredits(trx, actor.accountId, input.amount, { reason, actor: actor.agentId });
    await audit(trx, actor, { what: 'credits.topped_up', targetId: null, after: { amount: input.amount, reason } });
    await announceBalance(trx, actor.accountId);
  });
  deps.wake();
  return balance(deps, actor);
}

export async function adjust(deps: Pick<AppDeps, 'db' | 'wake'>, actor: Actor, input: { amount: number; reason: string }): Promise<Balance> {
  const reason = `adjustment: ${input.reason}`;
  await deps.db.transaction().execute(async (trx) => {
    if (input.amount > 0) await addCredits(trx, actor.accountId, input.amount, { reason, actor: actor.agentId });
    else if (!(await debitCredits(trx, actor.accountId, -input.amount, { reason, actor: actor.agentId }))) {
      throw invalid('amount', 'EXCEEDS_BALANCE', { balance: await creditBalance(trx, actor.accountId) });
    }
    await audit(trx, actor, { what: 'credits.adjusted', targetId: null, after: { amount: input.amount, reason } });
    await announceBalance(trx, actor.accountId);
  });
  deps.wake();
  return balance(deps, actor);
}

/**
 * Every agent of the account sees the new balance at once (their Banner shows it): an
 * account-wide event in the change's transaction. Sends are not announced this way (one event
 * per send to every agent would be most of the stream); each agent's own sends reload it.
 */
async function announceBalance(trx: Executor, accountId: string): Promise<void> {
  await appendEvent(trx, { accountId, agentId: null, queueId: null, type: 'credits.changed', payload: { balance: await creditBalance(trx, accountId) } });
}

/** Newest first; `before` is the id of the last line of the previous page. */
export async function ledger(deps: Pick<AppDeps, 'db'>, actor: Actor, page: { limit: number; before?: string | undefined }): Promise<LedgerPage> {
  let q = deps.db
    .selectFrom('credit_ledger')
    .leftJoin('agents', (j) => j.onRef('agents.id', '=', 'credit_ledger.actor').on('agents.account_id', '=', actor.accountId))
    .select(['credit_ledger.id', 'credit_ledger.delta', 'credit_ledger.reason', 'credit_ledger.message_id', 'credit_ledger.actor', 'credit_ledger.created_at', 'agents.name'])
    .where('credit_ledger.account_id', '=', actor.accountId)
    .orderBy('credit_ledger.id', 'desc')
    .limit(page.limit);
  if (page.before !== undefined) q = q.where('credit_ledger.id', '<', page.before);
  const rows = await q.execute();
  const entries = rows.map((r): LedgerEntry => ({
    id: String(r.id),
    delta: int8ToNumber(r.delta, 'ledger delta'),
    reason: r.reason,
    messageId: r.message_id,
    actor: r.actor,
    actorName: r.name,
    at: new Date(r.created_at).toISOString(),
  }));
  return { entries, nextBefore: rows.length === page.limit ? (entries[entries.length - 1]?.id ?? null) : null };
}
