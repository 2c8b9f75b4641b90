// A message in a Smart conversation (D5): progressing only, by the agent who holds it.
import { debitCredits } from '../db/credits.js';
import { DomainError } from '../domain/errors.js';
import { planInteractionSend } from '../domain/messages/index.js';
import type { Actor, AppDeps } from './context.js';
import { sealCommitted, sealKey, type KeySeal } from './idempotency-seal.js';
import { insufficientCredits } from './insufficient-credits.js';
import { loadSendFacts, toSender } from './load-facts.js';
import { loadQueueRules } from './queue-rules.js';
import { insertOutbound, messageView } from './record.js';
import type { SentMessage } from './send-direct.js';
import { unwrap } from './unwrap.js';

export interface SendInInteractionInput {
  readonly interactionId: string;
  readonly templateId?: string | null;
  readonly text: string;
}

/** With a seal, the Idempotency-Key's answer is stored by the send's own transaction. */
export async function sendInInteraction(deps: AppDeps, actor: Actor, input: SendInInteractionInput, seal: KeySeal<SentMessage> | null = null): Promise<SentMessage> {
  const interaction = await loadOwnInteraction(deps, actor, input.interactionId);
  const [{ agent, account }, rules] = await Promise.all([loadSendFacts(deps, actor, interaction.customer_number), loadQueueRules(deps.db, interaction.queue_id)]);
  const smsNumber = interaction.number_id && interaction.address ? toSender({ id: interaction.number_id, address: interaction.address, national_language: interaction.national_language }) : null;
  const queue = { id: interaction.queue_id ?? '', smsNumber, ...rules };
  const status = interaction.status === 'waiting' || interaction.status === 'progressing' ? interaction.status : 'closed';
  const now = deps.clock.now();
  const content = { text: input.text, templateId: input.templateId ?? null, templates: rules.templates, at: now };
  const plan = unwrap(planInteractionSend(agent, account, { status, customerNumber: interaction.customer_number, queue }, content));
  const id = deps.ids.next();
  const row = { id, accountId: actor.accountId, agentId: actor.agentId, interactionId: interaction.id, originCallId: null, plan, now };
  const result: SentMessage = { messageId: id, status: 'queued', credits: plan.credits, plan };
  await deps.db.transaction().execute(async (trx) => {
    if (seal) await sealKey(trx, seal, result);
    // Re-check under lock: the conversation may have been closed since it was read.
    const current = await trx.selectFrom('interactions').select('status').where('id', '=', interaction.id).forUpdate().executeTakeFirst();
    if (current?.status !== 'progressing') throw new DomainError('INTERACTION_NOT_PROGRESSING', { status: current?.status ?? 'closed' });
    const debited = await debitCredits(trx, actor.accountId, plan.credits, { reason: 'send', messageId: id, actor: actor.agentId });
    if (!debited) throw await insufficientCredits(trx, actor.accountId, plan.credits);
    await insertOutbound(trx, row, { accountId: actor.accountId, agentId: actor.agentId, type: 'message.created', payload: messageView(row) });
    await trx.updateTable('interactions').set({ updated_at: now }).where('id', '=', interaction.id).execute();
  });
  sealCommitted(seal?.hold);
  deps.wake();
  return result;
}

/** The agent's own Smart interaction; another agent's or another account's is NOT_FOUND. */
export async function loadOwnInteraction(deps: AppDeps, actor: Actor, interactionId: string) {
  const row = await deps.db
    .selectFrom('interactions')
    .leftJoin('sms_numbers', 'sms_numbers.id', 'interactions.sms_number_id')
    .select([
      'interactions.id',
      'interactions.status',
      'interactions.customer_number',
      'interactions.queue_id',
      'interactions.agent_id',
      'sms_numbers.id as number_id',
      'sms_numbers.address',
      'sms_numbers.national_language',
    ])
    .where('interactions.id', '=', interactionId)
    .where('interactions.account_id', '=', actor.accountId)
    .where('interactions.kind', '=', 'sms')
    .where('interactions.agent_id', '=', actor.agentId)
    .executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', { field: 'interactionId' });
  return row;
}
