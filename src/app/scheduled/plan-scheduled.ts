// The plan of a waiting message, by the very functions an immediate send uses (loadSendFacts,
// planDirectSend / planInteractionSend): at scheduling, at each edit, and again at its time, so
// any rule added to those (opt-out, sending window, conversation state) applies here unchanged.
import { planDirectSend, planInteractionSend, type SendPlan } from '../../domain/messages/index.js';
import { parseRecipient } from '../../domain/phone/index.js';
import type { Actor, AppDeps } from '../context.js';
import { loadSendFacts, toSender } from '../load-facts.js';
import { loadQueueRules } from '../queue-rules.js';
import { loadOwnInteraction } from '../send-in-interaction.js';
import { unwrap } from '../unwrap.js';

export type ScheduledInput =
  | { readonly kind: 'direct'; readonly recipient: string; readonly senderId: string; readonly templateId: string | null; readonly text: string }
  | { readonly kind: 'interaction'; readonly interactionId: string; readonly templateId: string | null; readonly text: string };

/**
 * Throws the rule's DomainError when one refuses. `at` is when the message would go: the
 * scheduled time when it is scheduled or edited, now when it is released (time rules such as
 * the sending window are judged for that instant).
 */
export async function planScheduled(deps: AppDeps, actor: Actor, input: ScheduledInput, at: Date): Promise<SendPlan> {
  if (input.kind === 'direct') {
    const parsed = parseRecipient(input.recipient);
    const { agent, account } = await loadSendFacts(deps, actor, parsed.ok ? parsed.recipient.e164 : null);
    return unwrap(planDirectSend(agent, account, { ...input, senders: agent.senders, templates: agent.templates, at }));
  }
  const interaction = await loadOwnInteraction(deps, actor, input.interactionId);
  const [{ agent, account }, rules] = await Promise.all([loadSendFacts(deps, actor, interaction.customer_number), loadQueueRules(deps.db, interaction.queue_id)]);
  const smsNumber = interaction.number_id && interaction.address ? toSender({ id: interaction.number_id, address: interaction.address, national_language: interaction.national_language }) : null;
  const queue = { id: interaction.queue_id ?? '', smsNumber, ...rules };
  const status = interaction.status === 'waiting' || interaction.status === 'progressing' ? interaction.status : 'closed';
  return unwrap(planInteractionSend(agent, account, { status, customerNumber: interaction.customer_number, queue }, { text: input.text, templateId: input.templateId, templates: rules.templates, at }));
}

export function inputOf(r: { interaction_id: string | null; recipient: string; sender_id: string | null; template_id: string | null; body: string }): ScheduledInput {
  return r.interaction_id
    ? { kind: 'interaction', interactionId: r.interaction_id, templateId: r.template_id, text: r.body }
    : { kind: 'direct', recipient: r.recipient, senderId: r.sender_id ?? '', templateId: r.template_id, text: r.body };
}
