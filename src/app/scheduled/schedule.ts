// Scheduling a message (a chosen time, or the profile's undo window): the same plan as an
// immediate send, the credits debited now, the waiting row and its event in one transaction.
import { debitCredits } from '../../db/credits.js';
import { DomainError } from '../../domain/errors.js';
import type { SendPlan } from '../../domain/messages/index.js';
import { checkSendAt } from '../../domain/messages/send-at.js';
import type { Actor, AppDeps } from '../context.js';
import { sealCommitted, sealKey, type KeySeal } from '../idempotency-seal.js';
import { insufficientCredits } from '../insufficient-credits.js';
import { appendEvent } from '../record.js';
import { planScheduled, type ScheduledInput } from './plan-scheduled.js';
import { scheduledView, type ScheduledRow } from './scheduled-row.js';

export interface ScheduledMessage {
  readonly messageId: string;
  readonly status: 'scheduled';
  readonly credits: number;
  readonly sendAt: Date;
  readonly origin: 'schedule' | 'undo';
  readonly plan: SendPlan;
}

export interface ScheduleOptions {
  readonly sendAt: Date;
  readonly origin: 'schedule' | 'undo';
  readonly originCallId?: string | null;
}

export async function scheduleSend(deps: AppDeps, actor: Actor, input: ScheduledInput, o: ScheduleOptions, seal: KeySeal<ScheduledMessage> | null = null): Promise<ScheduledMessage> {
  const now = deps.clock.now();
  const when = checkSendAt(o.sendAt, now);
  if (!when.ok) throw new DomainError(when.code, when.details);
  const plan = await planScheduled(deps, actor, input, o.sendAt);
  const id = deps.ids.next();
  const result: ScheduledMessage = { messageId: id, status: 'scheduled', credits: plan.credits, sendAt: o.sendAt, origin: o.origin, plan };
  await deps.db.transaction().execute(async (trx) => {
    if (seal) await sealKey(trx, seal, result);
    const row = await trx
      .insertInto('scheduled_messages')
      .values({
        id,
        account_id: actor.accountId,
        agent_id: actor.agentId,
        interaction_id: input.kind === 'interaction' ? input.interactionId : null,
        recipient: plan.recipient.e164,
        sender_id: input.kind === 'direct' ? plan.sender.id : null,
        template_id: plan.templateId,
        origin_call_id: o.originCallId ?? null,
        body: plan.body,
        credits: plan.credits,
        send_at: o.sendAt,
        origin: o.origin,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    // The debit last: it takes credit bucket locks (see debitCredits).
    if (plan.credits > 0 && !(await debitCredits(trx, actor.accountId, plan.credits, { reason: 'send', messageId: id, actor: actor.agentId }))) {
      throw await insufficientCredits(trx, actor.accountId, plan.credits);
    }
    await appendEvent(trx, { accountId: actor.accountId, agentId: actor.agentId, type: 'scheduled.created', payload: { ...scheduledView(row as ScheduledRow) } });
  });
  sealCommitted(seal?.hold);
  deps.wake();
  return result;
}
