// A person decides what happens to a message flagged for review (the dispatcher could not
// tell whether the provider had it). Each decision is one transaction with its event: the
// message row is locked and must still be under review, so of two decisions at once exactly
// one applies (and an abandon refunds exactly once).
import { sql, type Kysely } from 'kysely';
import { transition, type MessageStatus } from '../../domain/messages/status.js';
import { addCredits } from '../credits/add.js';
import type { Executor } from '../executor.js';
import type { Database } from '../schema.js';
import { applyEarlyReports } from './mark-sent.js';
import { lockProviderIds } from './report-lock.js';
import { statusEventsFrom } from './status-events.js';

export type ReviewDecision =
  /** The provider does not have it (its reconciliation said so): queue it again. */
  | { readonly action: 'resend' }
  /** The provider has it: record it as sent, with its id when known (so reports match). */
  | { readonly action: 'confirm-sent'; readonly provider?: string; readonly providerMessageId?: string }
  /** Give up: failed, credits refunded. */
  | { readonly action: 'abandon'; readonly reason: string };

export const REVIEW_REFUND_REASON = 'refund:review';

export interface ReviewOutcome {
  readonly before: MessageStatus;
  readonly status: MessageStatus;
  /** Credits paid back by this decision (0 unless an abandon of a message not yet final). */
  readonly refunded: number;
  readonly accountId: string;
}

/**
 * Returns false when the message is not (or no longer) waiting for review. `within` runs in
 * the decision's transaction once it has applied (the audit entry goes there).
 */
export async function resolveReview(
  db: Kysely<Database>,
  messageId: string,
  decision: ReviewDecision,
  actor: string | null,
  within?: (trx: Executor, outcome: ReviewOutcome) => Promise<void>,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const m = await trx.selectFrom('messages').select(['status', 'account_id', 'credits']).where('id', '=', messageId).where('needs_review', '=', true).forUpdate().executeTakeFirst();
    if (!m) return false;
    if (decision.action === 'resend') {
      // Only a message nothing was heard of since is sent again (a late report may have come in).
      if (m.status !== 'sending') return false;
      await sql`
        with upd as (
          update messages set status = 'queued', needs_review = false, review_since = null, run_at = now(), locked_by = null, locked_until = null, updated_at = now()
          where id = ${messageId} returning *
        ), ev as (${statusEventsFrom('upd')}) select 1 from upd`.execute(trx);
      await within?.(trx, { before: m.status, status: 'queued', refunded: 0, accountId: m.account_id });
      return true;
    }
    const t = transition(m.status, decision.action === 'confirm-sent' ? 'sent' : 'failed');
    const status = t.changed ? t.status : m.status;
    const provider = decision.action === 'confirm-sent' ? (decision.provider ?? null) : null;
    const pmid = decision.action === 'confirm-sent' ? (decision.providerMessageId ?? null) : null;
    // With its provider id the message takes the reports parked for it, and later ones match.
    const key = provider !== null && pmid !== null ? [{ accountId: m.account_id, provider, providerMessageId: pmid }] : [];
    await lockProviderIds(trx, key);
    const error = decision.action === 'abandon' ? decision.reason : null;
    await sql`
      with upd as (
        update messages set status = ${status}, needs_review = false, review_since = null, locked_by = null, locked_until = null,
          provider = coalesce(${provider}::text, provider), provider_message_id = coalesce(${pmid}::text, provider_message_id),
          sent_at = case when ${status} = 'sent' then coalesce(sent_at, now()) else sent_at end,
          last_error = coalesce(${error}::text, last_error), updated_at = now()
        where id = ${messageId} returning *
      ), ev as (${statusEventsFrom('upd')}) select 1 from upd`.execute(trx);
    await applyEarlyReports(trx, key);
    // Only a message nothing was heard of is refunded: 'sent' means the provider took it.
    const refunded = decision.action === 'abandon' && t.changed && m.status === 'sending' && m.credits > 0 ? m.credits : 0;
    if (refunded > 0) await addCredits(trx, m.account_id, refunded, { reason: REVIEW_REFUND_REASON, messageId, actor });
    await within?.(trx, { before: m.status, status, refunded, accountId: m.account_id });
    return true;
  });
}
