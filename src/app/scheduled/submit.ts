// What Send does: at once, or scheduled, either for the time the agent chose (`sendAt`) or
// for the profile's undo window, so it can still be taken back (docs/scheduled-sends.md).
import type { Actor, AppDeps } from '../context.js';
import type { KeySeal } from '../idempotency-seal.js';
import { profileOf } from '../load-facts.js';
import { ownCall } from '../own-call.js';
import { sendDirect, type SendDirectInput, type SentMessage } from '../send-direct.js';
import { sendInInteraction, type SendInInteractionInput } from '../send-in-interaction.js';
import { scheduleSend, type ScheduledMessage } from './schedule.js';

export type Submitted = SentMessage | ScheduledMessage;

async function when(deps: AppDeps, actor: Actor, sendAt: string | undefined): Promise<{ sendAt: Date; origin: 'schedule' | 'undo' } | null> {
  if (sendAt !== undefined) return { sendAt: new Date(sendAt), origin: 'schedule' };
  const undo = (await profileOf(deps, actor)).undoSeconds;
  return undo > 0 ? { sendAt: new Date(deps.clock.now().getTime() + undo * 1000), origin: 'undo' } : null;
}

export async function submitDirect(deps: AppDeps, actor: Actor, input: SendDirectInput & { readonly sendAt?: string | undefined }, seal: KeySeal<Submitted> | null): Promise<Submitted> {
  const w = await when(deps, actor, input.sendAt);
  if (!w) return sendDirect(deps, actor, input, seal);
  const direct = { kind: 'direct' as const, recipient: input.recipient, senderId: input.senderId, templateId: input.templateId ?? null, text: input.text };
  // The same check as an immediate send: the agent's own call, still in progress.
  const originCallId = input.originCallId ? await ownCall(deps, actor, input.originCallId) : null;
  return scheduleSend(deps, actor, direct, { ...w, originCallId }, seal);
}

export async function submitInInteraction(deps: AppDeps, actor: Actor, input: SendInInteractionInput & { readonly sendAt?: string | undefined }, seal: KeySeal<Submitted> | null): Promise<Submitted> {
  const w = await when(deps, actor, input.sendAt);
  if (!w) return sendInInteraction(deps, actor, input, seal);
  return scheduleSend(deps, actor, { kind: 'interaction', interactionId: input.interactionId, templateId: input.templateId ?? null, text: input.text }, w, seal);
}

/** The send answer's extra fields for a scheduled one. */
export function scheduledFields(r: Submitted): Record<string, string> {
  if (r.status !== 'scheduled') return {};
  const at = r.sendAt.toISOString();
  return r.origin === 'undo' ? { sendAt: at, undoUntil: at } : { sendAt: at };
}
