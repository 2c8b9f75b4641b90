// Everything a send decides before any I/O (spec D3-D6, D8): the use case loads the facts,
// this function judges them, and the store only has to apply the plan.
import type { MessageCategory, SendingWindow } from '../compliance/index.js';
import { refuse, type Refusal } from '../errors.js';
import { canStartInteraction, canUseMode, hasProvider, type InteractionLoad, type MessagingPermissions, type SmsMode } from '../permissions/index.js';
import { checkRecipient, type RecipientInfo } from '../phone/index.js';
import { analyzeSms, type NationalLanguage, type SmsAnalysis } from '../sms/index.js';
import { resolveTemplate, unfilledVariables, type Template } from '../templates/index.js';
import { checkSendingWindow, messageCategory } from './sending-window-rule.js';
import { effectiveNationalLanguage, maxPartsFor, type SubmitCapability } from './submit-capability.js';

export interface SenderNumber {
  readonly id: string;
  /** E.164, short code or alphanumeric sender id. */
  readonly address: string;
  readonly nationalLanguage?: NationalLanguage | null;
}

export interface QueueFacts {
  readonly id: string;
  readonly smsNumber: SenderNumber | null;
  readonly templates: readonly Template[];
  /** The window of its conversations' messages; null: none. */
  readonly sendingWindow: SendingWindow | null;
  /** Every message of its conversations is at least this category. */
  readonly category: MessageCategory;
}

export interface AgentFacts {
  readonly permissions: MessagingPermissions;
  readonly authorizedCountries: readonly string[];
  readonly load: InteractionLoad;
  /** The profile's window, for Direct SMS; null: none. */
  readonly sendingWindow: SendingWindow | null;
}

export interface AccountFacts {
  readonly providerType: string | null;
  /** What the account's provider can submit: the plan bills only what it will really send. */
  readonly submits: SubmitCapability;
  /**
   * The balance when it was read. Absent, the plan leaves the question to the debit in the send
   * transaction, which is the guarantee anyway (a read balance is stale by the time it is used).
   */
  readonly balance?: number;
  /** Opt-outs are per account and keyed by E.164 (D6). */
  readonly isOptedOut: (e164: string) => boolean;
}

/** Starting an outbound conversation (a Direct send, or opening a Smart interaction). */
export type StartRequest =
  | { readonly mode: 'direct'; readonly recipient: string; readonly senderId: string | null | undefined; readonly senders: readonly SenderNumber[] }
  | { readonly mode: 'smart'; readonly recipient: string; readonly queue: QueueFacts | null };

export interface StartPlan {
  readonly mode: SmsMode;
  readonly recipient: RecipientInfo;
  readonly sender: SenderNumber;
}

export type Planned<T> = { readonly ok: true; readonly plan: T } | Refusal;

/**
 * The order of refusals is the order in which an agent can act on them: who they are, what
 * the account lacks, their own workload, the sender, the recipient, then the message itself.
 */
export function planStart(agent: AgentFacts, account: AccountFacts, req: StartRequest, existingConversation = false): Planned<StartPlan> {
  const mode = canUseMode(agent.permissions, req.mode);
  if (!mode.ok) return mode;
  const provider = hasProvider(account.providerType);
  if (!provider.ok) return provider;
  // Reopening an open conversation takes no new slot.
  if (!existingConversation) {
    const load = canStartInteraction(agent.load);
    if (!load.ok) return load;
  }
  const sender = pickSender(req);
  if (!sender.ok) return sender;
  const recipient = checkRecipient(req.recipient, agent.authorizedCountries);
  if (!recipient.ok) return recipient;
  if (account.isOptedOut(recipient.recipient.e164)) return refuse('RECIPIENT_OPTED_OUT', { number: recipient.recipient.e164 });
  return { ok: true, plan: { mode: req.mode, recipient: recipient.recipient, sender: sender.sender } };
}

function pickSender(req: StartRequest): { ok: true; sender: SenderNumber } | Refusal {
  if (req.mode === 'smart') {
    if (!req.queue) return refuse('NOT_FOUND', { field: 'queueId' });
    return req.queue.smsNumber ? { ok: true, sender: req.queue.smsNumber } : refuse('NO_QUEUE_CONFIGURED', { queueId: req.queue.id });
  }
  if (req.senders.length === 0) return refuse('NO_SENDER_NUMBER');
  if (!req.senderId) return refuse('VALIDATION_FAILED', { field: 'senderId', reason: 'REQUIRED' });
  const sender = req.senders.find((s) => s.id === req.senderId);
  return sender ? { ok: true, sender } : refuse('VALIDATION_FAILED', { field: 'senderId', reason: 'NOT_ASSIGNED' });
}

export interface ContentRequest {
  readonly text: string;
  readonly templateId?: string | null;
  /** Templates the agent may use here: the profile's (Direct) or the queue's (Smart). */
  readonly templates: readonly Template[];
  /** When the message will go: now, or the time it is scheduled for (the sending window is judged then). */
  readonly at: Date;
}

export interface ContentPlan {
  readonly body: string;
  readonly templateId: string | null;
  readonly analysis: SmsAnalysis;
  /** One credit per segment (D1). */
  readonly credits: number;
  /** From the template (and the queue in a Smart conversation); handed to providers that take it. */
  readonly category: MessageCategory;
}

/**
 * The message itself: template, content, encoding and the 8-credit cap, then the balance. The
 * sender's national table counts only if the provider can signal it: otherwise the text goes
 * out as UCS-2, so that is what is counted, capped and debited.
 */
export function planContent(
  sender: SenderNumber,
  account: Pick<AccountFacts, 'balance' | 'submits'>,
  req: Omit<ContentRequest, 'at'>,
  queueCategory?: MessageCategory,
): Planned<ContentPlan> {
  const template = resolveTemplate(req.templateId, req.templates);
  if (!template.ok) return template;
  if (req.text.trim() === '') return refuse('EMPTY_MESSAGE');
  if (template.template) {
    const unfilled = unfilledVariables(req.text, template.template.body);
    if (unfilled.length > 0) return refuse('UNFILLED_VARIABLES', { variables: unfilled });
  }
  const national = effectiveNationalLanguage(sender.nationalLanguage, account.submits);
  const analysis = analyzeSms(req.text, national ? { nationalLanguage: national } : undefined);
  const maxParts = maxPartsFor(account.submits);
  if (analysis.segments > maxParts) {
    const limitUnits = (analysis.limitUnits / analysis.maxSegments) * maxParts;
    return refuse('CREDIT_LIMIT_EXCEEDED', { segments: analysis.segments, maxSegments: maxParts, units: analysis.units, limitUnits, encoding: analysis.encoding });
  }
  if (account.balance !== undefined && account.balance < analysis.segments) return refuse('INSUFFICIENT_CREDITS', { required: analysis.segments, balance: account.balance });
  const category = messageCategory(template.template, queueCategory);
  return { ok: true, plan: { body: req.text, templateId: template.template?.id ?? null, analysis, credits: analysis.segments, category } };
}

export interface SendPlan extends StartPlan, ContentPlan {}

/** A Direct SMS: start checks and content checks in one plan. */
export function planDirectSend(
  agent: AgentFacts,
  account: AccountFacts,
  req: { readonly recipient: string; readonly senderId: string | null | undefined; readonly senders: readonly SenderNumber[] } & ContentRequest,
): Planned<SendPlan> {
  const start = planStart(agent, account, { mode: 'direct', recipient: req.recipient, senderId: req.senderId, senders: req.senders });
  if (!start.ok) return start;
  const content = planContent(start.plan.sender, account, req);
  if (!content.ok) return content;
  // Last: the agent can act on it by choosing a later time, once the message itself is right.
  const window = checkSendingWindow(agent.sendingWindow, content.plan.category, start.plan.recipient, req.at);
  if (!window.ok) return window;
  return { ok: true, plan: { ...start.plan, ...content.plan } };
}

export interface InteractionFacts {
  readonly status: 'waiting' | 'progressing' | 'closed';
  readonly customerNumber: string;
  readonly queue: QueueFacts | null;
}

/** A message inside an existing Smart interaction: no new slot, but it must be progressing. */
export function planInteractionSend(agent: AgentFacts, account: AccountFacts, interaction: InteractionFacts, req: ContentRequest): Planned<SendPlan> {
  const mode = canUseMode(agent.permissions, 'smart');
  if (!mode.ok) return mode;
  const provider = hasProvider(account.providerType);
  if (!provider.ok) return provider;
  if (interaction.status !== 'progressing') return refuse('INTERACTION_NOT_PROGRESSING', { status: interaction.status });
  const start = planStart(agent, account, { mode: 'smart', recipient: interaction.customerNumber, queue: interaction.queue }, true);
  if (!start.ok) return start;
  const content = planContent(start.plan.sender, account, req, interaction.queue?.category);
  if (!content.ok) return content;
  const window = checkSendingWindow(interaction.queue?.sendingWindow ?? null, content.plan.category, start.plan.recipient, req.at);
  if (!window.ok) return window;
  return { ok: true, plan: { ...start.plan, ...content.plan } };
}
