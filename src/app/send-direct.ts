// Direct SMS (D4): a one-off send, no interaction; the message is still stored and tracked.
import { creditBalance } from '../db/credits.js';
import { DomainError } from '../domain/errors.js';
import { planDirectSend, type SendPlan } from '../domain/messages/index.js';
import { parseRecipient } from '../domain/phone/index.js';
import type { Actor, AppDeps } from './context.js';
import { KeyTakenOver, sealCommitted, storedAnswer, type KeySeal } from './idempotency-seal.js';
import { loadSendFacts } from './load-facts.js';
import { ownCall } from './own-call.js';
import { messageView } from './record.js';
import { debitAndQueue } from './send-in-one-statement.js';
import { unwrap } from './unwrap.js';

export interface SendDirectInput {
  readonly recipient: string;
  readonly senderId: string;
  readonly templateId?: string | null;
  readonly text: string;
  /** The voice call the agent sent it from (D7). */
  readonly originCallId?: string | null;
  /** The failed message this one sends again (set by resend-direct.ts, never by the request body). */
  readonly resendOf?: string | null;
}

export interface SentMessage {
  readonly messageId: string;
  readonly status: 'queued';
  readonly credits: number;
  readonly plan: SendPlan;
}

/** With a seal, the Idempotency-Key's answer is stored by the send's own statement. */
export async function sendDirect(deps: AppDeps, actor: Actor, input: SendDirectInput, seal: KeySeal<SentMessage> | null = null): Promise<SentMessage> {
  const parsed = parseRecipient(input.recipient);
  const { agent, account } = await loadSendFacts(deps, actor, parsed.ok ? parsed.recipient.e164 : null);
  const now = deps.clock.now();
  const plan = unwrap(planDirectSend(agent, account, { ...input, senders: agent.senders, templates: agent.templates, at: now }));
  const originCallId = input.originCallId ? await ownCall(deps, actor, input.originCallId) : null;
  const id = deps.ids.next();
  const row = { id, accountId: actor.accountId, agentId: actor.agentId, interactionId: null, originCallId, plan, now, resendOf: input.resendOf ?? null };
  // The balance read by the plan was advice (or not read); this debit is the guarantee (D8).
  const event = { accountId: actor.accountId, agentId: actor.agentId, type: 'message.created', payload: messageView(row) };
  const result: SentMessage = { messageId: id, status: 'queued', credits: plan.credits, plan };
  const written = await debitAndQueue(deps.db, row, event, actor.agentId, seal ? { hold: seal.hold, answer: storedAnswer(seal, result) } : null);
  if (!written.held) throw new KeyTakenOver();
  if (!written.debited) {
    throw new DomainError('INSUFFICIENT_CREDITS', { required: plan.credits, balance: await creditBalance(deps.db, actor.accountId) });
  }
  sealCommitted(seal?.hold);
  deps.wake();
  return result;
}
