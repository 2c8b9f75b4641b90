// Receipts and inbound messages from Vonage: verify (before reading anything else), then turn the flat parameters
// into product events. Answers 200 once the caller has stored the events; 401 to a bad signature; 400 to what can
// never be read (Vonage retries non-200s for a day, which cannot help those).
import type {
  InboundEvent,
  ProviderEventDetail,
  StatusEvent,
  WebhookKind,
  WebhookRefusal,
  WebhookRequest,
  WebhookResponse,
  WebhookResult,
} from '../webhook.js';
import { meaningfulErrorCode } from '../error-code.js';
import type { InboundAssembler, AssembledInbound } from './inbound-assembler.js';
import { BadRequest, webhookParams } from './params.js';
import { classifyErrCode, receiptStatus } from './receipts.js';
import type { ReplayGuard } from './replay-guard.js';
import { verifySignature, type SignatureMethod } from './signature.js';

export interface WebhookContext {
  readonly accountId: string;
  readonly signatureSecret: string | undefined;
  readonly signatureMethod: SignatureMethod;
  readonly replay: ReplayGuard;
  readonly assembler: InboundAssembler;
  readonly now: () => Date;
  /** A receipt proved Vonage has the message with this client-ref. */
  readonly onClientRef: (clientRef: string, partId: string) => void;
}

const OK = { status: 200, contentType: 'text/plain; charset=utf-8', body: '' } as const;

function refuse(status: number, refused: WebhookRefusal, body: string): WebhookResult {
  const response: WebhookResponse = { status, contentType: 'text/plain; charset=utf-8', body };
  return { events: [], response, refused };
}

/** `YYYY-MM-DD HH:MM:SS`, UTC. */
export function parseVonageTime(value: string | undefined): Date | undefined {
  const m = value && /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value);
  if (!m) return undefined;
  const d = new Date(Date.UTC(+(m[1] ?? 0), +(m[2] ?? 1) - 1, +(m[3] ?? 1), +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Vonage writes numbers as digits without `+`; names and short codes stay as they are. */
export function toE164(value: string): string {
  return /^\d{7,15}$/.test(value) ? `+${value}` : value;
}

export function handleVonageWebhook(kind: WebhookKind, req: WebhookRequest, ctx: WebhookContext): WebhookResult {
  let params: Record<string, string>;
  try {
    params = webhookParams(req);
  } catch (e) {
    if (e instanceof BadRequest) return refuse(400, 'malformed', e.message);
    throw e;
  }
  // Vonage checks a webhook URL with an empty request when it is saved: say yes, there is nothing to store.
  if (Object.keys(params).length === 0) return { events: [], response: OK };
  if (ctx.signatureSecret !== undefined) {
    const denied = verify(params, ctx);
    if (denied) return refuse(401, denied[0], denied[1]);
  }
  const events = kind === 'status' ? statusEvents(params, ctx) : inboundEvents(params, ctx);
  if (!events) return refuse(400, 'malformed', `not a Vonage ${kind} webhook`);
  return { events, response: OK };
}

function verify(params: Record<string, string>, ctx: WebhookContext): [WebhookRefusal, string] | undefined {
  const sig = params.sig;
  if (!sig) return ['missing_signature', 'signature missing'];
  if (!verifySignature(params, ctx.signatureSecret ?? '', ctx.signatureMethod)) return ['bad_signature', 'signature invalid'];
  const verdict = ctx.replay.check(params.timestamp, params.nonce, sig);
  if (verdict === 'stale') return ['stale_timestamp', 'timestamp outside the 5-minute window'];
  // A nonce reused under another signature is a forgery attempt, whatever the timestamp says.
  if (verdict === 'replayed') return ['bad_signature', 'nonce already used'];
  return undefined;
}

/**
 * One receipt per part, each under the part's own id: the product stored the parts with the
 * message and merges them, on whichever instance the receipt lands.
 */
function statusEvents(p: Record<string, string>, ctx: WebhookContext): StatusEvent[] | undefined {
  const partId = p.messageId ?? p['message-id'];
  if (!partId || p.status === undefined) return undefined;
  const clientRef = p['client-ref'];
  if (clientRef) ctx.onClientRef(clientRef, partId);
  const status = receiptStatus(p.status);
  if (!status) return [];
  // `err-code` 0, or any code on a delivered or intermediate receipt, says nothing.
  const errCode = p['err-code'];
  const errorCode = status !== 'delivered' && status !== 'sent' ? meaningfulErrorCode(errCode) : undefined;
  return [
    {
      type: 'status',
      accountId: ctx.accountId,
      providerMessageId: partId,
      status,
      providerStatus: p.status,
      ...(clientRef ? { messageId: clientRef } : {}),
      ...(errorCode ? { errorCode, errorRetryable: classifyErrCode(errorCode) === 'transient' } : {}),
      at: parseVonageTime(p['message-timestamp']) ?? ctx.now(),
    },
  ];
}

function inboundEvents(p: Record<string, string>, ctx: WebhookContext): ProviderEventDetail[] | undefined {
  const messageId = p.messageId;
  if (!messageId || !p.msisdn || !p.to) return undefined;
  const total = Number(p['concat-total']);
  const part = Number(p['concat-part']);
  const concat =
    p.concat === 'true' && p['concat-ref'] !== undefined && Number.isInteger(total) && Number.isInteger(part)
      ? { ref: p['concat-ref'], total, part }
      : undefined;
  const { message, evicted } = ctx.assembler.add({
    messageId,
    from: toE164(p.msisdn),
    to: toE164(p.to),
    // Binary messages carry hex in `data`: kept visible rather than dropped.
    text: p.text ?? (p.data ? `[binary ${p.data}]` : ''),
    at: parseVonageTime(p['message-timestamp']) ?? ctx.now(),
    ...(concat ? { concat } : {}),
  });
  return [...evicted, ...(message ? [message] : [])].map((m) => inboundEvent(m, ctx.accountId));
}

export function inboundEvent(m: AssembledInbound, accountId: string): InboundEvent {
  return { type: 'inbound', accountId, providerMessageId: m.providerMessageId, from: m.from, to: m.to, body: m.body, at: m.at };
}
