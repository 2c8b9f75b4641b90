// Smart SMS initiation (D5): an interaction in `progressing`, assigned to the agent, with the
// queue's SMS number as sender; an open conversation with the same customer on the same
// number is reopened, never duplicated.
import { DomainError } from '../domain/errors.js';
import { planStart, type StartPlan } from '../domain/messages/index.js';
import { parseRecipient } from '../domain/phone/index.js';
import type { Actor, AppDeps } from './context.js';
import { sealCommitted, sealKey, type KeySeal } from './idempotency-seal.js';
import { loadAccount, loadAgent, loadQueue } from './load-facts.js';
import { ownCall } from './own-call.js';
import { reserveSlot, takeWaiting } from './reserve-slot.js';
import { retryOnConflict } from './retry-on-conflict.js';
import { appendEvent } from './record.js';
import { waitingTaken } from './take-interaction.js';
import { unwrap } from './unwrap.js';

export interface StartSmartInput {
  readonly recipient: string;
  readonly queueId: string;
  readonly originCallId?: string | null;
}

export interface StartedInteraction {
  readonly interactionId: string;
  /** True when an open conversation already existed and was returned instead. */
  readonly reopened: boolean;
  readonly plan: StartPlan;
}

/**
 * With a seal, the Idempotency-Key's answer is stored by the start's own transaction; reopening
 * the agent's own conversation writes nothing, so a retry simply reopens it again.
 */
export async function startSmart(deps: AppDeps, actor: Actor, input: StartSmartInput, seal: KeySeal<StartedInteraction> | null = null): Promise<StartedInteraction> {
  // Two starts for one customer and number at once (a double click, two agents, a reply
  // arriving): the loser hits the unique open-conversation index and, on retry, finds the
  // winner's conversation.
  return retryOnConflict(() => startOnce(deps, actor, input, seal));
}

async function startOnce(deps: AppDeps, actor: Actor, input: StartSmartInput, seal: KeySeal<StartedInteraction> | null): Promise<StartedInteraction> {
  const originCallId = input.originCallId ? await ownCall(deps, actor, input.originCallId) : null;
  const agent = await loadAgent(deps, actor);
  const queue = await loadQueue(deps.db, actor, input.queueId);
  const parsed = parseRecipient(input.recipient);
  const account = await loadAccount(deps.db, actor.accountId, parsed.ok ? parsed.recipient.e164 : null);
  const existing = parsed.ok && queue?.smsNumber ? await findOpen(deps, actor.accountId, parsed.recipient.e164, queue.smsNumber.id) : undefined;
  const mine = existing?.agent_id === actor.agentId && existing.status === 'progressing';
  const plan = unwrap(planStart(agent, account, { mode: 'smart', recipient: input.recipient, queue }, mine));
  if (existing && mine) return { interactionId: existing.id, reopened: true, plan };
  if (existing && existing.status === 'progressing') {
    // Another agent is already talking to this customer on this number.
    throw new DomainError('FORBIDDEN', { reason: 'HANDLED_BY_ANOTHER_AGENT', interactionId: existing.id });
  }
  const now = deps.clock.now();
  const id = existing?.id ?? deps.ids.next();
  const result: StartedInteraction = { interactionId: id, reopened: existing !== undefined, plan };
  await deps.db.transaction().execute(async (trx) => {
    if (seal) await sealKey(trx, seal, result);
    await reserveSlot(trx, actor, agent.load.maxInteractions);
    if (existing) {
      // A waiting conversation (the customer wrote first): the agent takes it.
      if (!(await takeWaiting(trx, existing.id, actor.agentId, now))) throw new DomainError('FORBIDDEN', { reason: 'HANDLED_BY_ANOTHER_AGENT', interactionId: existing.id });
      if (existing.queue_id) await appendEvent(trx, waitingTaken(actor.accountId, existing.queue_id, existing.id, actor.agentId, agent.name));
    } else {
      await trx
        .insertInto('interactions')
        .values({
          id,
          account_id: actor.accountId,
          kind: 'sms',
          status: 'progressing',
          agent_id: actor.agentId,
          queue_id: input.queueId,
          customer_number: plan.recipient.e164,
          sms_number_id: plan.sender.id,
          origin_call_id: originCallId,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    await appendEvent(trx, {
      accountId: actor.accountId,
      agentId: actor.agentId,
      queueId: input.queueId,
      type: 'interaction.started',
      payload: { interactionId: id, queueId: input.queueId, customerNumber: plan.recipient.e164, from: plan.sender.address, status: 'progressing' },
    });
  });
  sealCommitted(seal?.hold);
  deps.wake();
  return result;
}

async function findOpen(deps: AppDeps, accountId: string, customer: string, numberId: string) {
  return deps.db
    .selectFrom('interactions')
    .select(['id', 'agent_id', 'status', 'queue_id'])
    .where('account_id', '=', accountId)
    .where('kind', '=', 'sms')
    .where('customer_number', '=', customer)
    .where('sms_number_id', '=', numberId)
    .where('status', 'in', ['waiting', 'progressing'])
    .executeTakeFirst();
}
