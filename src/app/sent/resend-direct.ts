// Send again one of the agent's own Direct SMS that failed: a new message (resend_of = the
// first) and a new debit, through the Direct send itself so every rule is checked again as if
// the agent had typed it now (permissions, sender still in the profile, country, opt-out,
// template, credits). One resend per message: two tabs or a double press never send it twice,
// and the link stays one to one; a resend that fails in turn can itself be sent again.
import { DomainError } from '../../domain/errors.js';
import type { Actor, AppDeps } from '../context.js';
import type { KeySeal } from '../idempotency-seal.js';
import { sendDirect, type SentMessage } from '../send-direct.js';
import { RESENDABLE } from './sent-view.js';

export async function resendDirect(deps: AppDeps, actor: Actor, messageId: string, seal: KeySeal<SentMessage> | null = null): Promise<SentMessage> {
  // The first message's row lock makes "not sent again yet" and the new message one decision:
  // a second resend waits, then reads the first one's commit (each statement a new snapshot).
  const result = await deps.db.transaction().execute(async (trx) => {
    const first = await trx
      .selectFrom('messages')
      .select(['id', 'status', 'to_address', 'sms_number_id', 'template_id', 'body'])
      .where('id', '=', messageId)
      .where('account_id', '=', actor.accountId)
      .where('agent_id', '=', actor.agentId)
      .where('interaction_id', 'is', null)
      .where('direction', '=', 'out')
      .forUpdate()
      .executeTakeFirst();
    if (!first) throw new DomainError('NOT_FOUND', { field: 'messageId' });
    if (!RESENDABLE.has(first.status)) throw new DomainError('RESEND_NOT_FAILED', { messageId, status: first.status });
    const again = await trx.selectFrom('messages').select('id').where('resend_of', '=', messageId).limit(1).executeTakeFirst();
    if (again) throw new DomainError('ALREADY_RESENT', { messageId, resentAs: again.id });
    const input = { recipient: first.to_address, senderId: first.sms_number_id ?? '', templateId: first.template_id, text: first.body ?? '', resendOf: messageId };
    return sendDirect({ ...deps, db: trx }, actor, input, seal);
  });
  // The send woke the dispatcher before this transaction committed: wake it again now.
  deps.wake();
  return result;
}
