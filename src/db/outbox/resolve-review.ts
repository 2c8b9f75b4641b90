// A person decides what happens to a message flagged for review (the dispatcher could not
// tell whether the provider had it). Each decision is one transaction with its event.
import { sql, type Kysely } from 'kysely';
import { transition } from '../../domain/messages/status.js';
import { addCredits } from '../credits/add.js';
import type { Database } from '../schema.js';
import { statusEventsFrom } from './status-events.js';

export type ReviewDecision =
  /** The provider does not have it (checked in its console): queue it again. */
  | { readonly action: 'resend' }
  /** The provider has it: record it as sent, with its id when known (so reports match). */
  | { readonly action: 'confirm-sent'; readonly provider?: string; readonly providerMessageId?: string }
  /** Give up: rejected, credits refunded. */
  | { readonly action: 'abandon'; readonly reason: string };

export const REVIEW_REFUND_REASON = 'refund:review';

/** Returns false when the message is not (or no longer) waiting for review. */
export async function resolveReview(db: Kysely<Database>, messageId: string, decision: ReviewDecision, actor: string | null): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const m = await trx.selectFrom('messages').select(['status', 'account_id', 'credits']).where('id', '=', messageId).where('needs_review', '=', true).forUpdate().executeTakeFirst();
    if (!m) return false;
    if (decision.action === 'resend') {
      await sql`
        with upd as (
          update messages set status = 'queued', needs_review = false, run_at = now(), locked_by = null, locked_until = null, updated_at = now()
          where id = ${messageId} returning *
        ), ev as (${statusEventsFrom('upd')}) select 1 from upd`.execute(trx);
      return true;
    }
    const t = transition(m.status, decision.action === 'confirm-sent' ? 'sent' : 'rejected');
    const status = t.changed ? t.status : m.status;
    const provider = decision.action === 'confirm-sent' ? (decision.provider ?? null) : null;
    const pmid = decision.action === 'confirm-sent' ? (decision.providerMessageId ?? null) : null;
    const error = decision.action === 'abandon' ? decision.reason : null;
    await sql`
      with upd as (
        update messages set status = ${status}, needs_review = false, locked_by = null, locked_until = null,
          provider = coalesce(${provider}::text, provider), provider_message_id = coalesce(${pmid}::text, provider_message_id),
          sent_at = case when ${status} = 'sent' then coalesce(sent_at, now()) else sent_at end,
          last_error = coalesce(${error}::text, last_error), updated_at = now()
        where id = ${messageId} returning *
      ), ev as (${statusEventsFrom('upd')}) select 1 from upd`.execute(trx);
    if (decision.action === 'abandon' && t.changed && m.credits > 0) {
      await addCredits(trx, m.account_id, m.credits, { reason: REVIEW_REFUND_REASON, messageId, actor });
    }
    return true;
  });
}
