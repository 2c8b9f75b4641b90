// Delivery reports and inbound messages from an HTTPS JSON gateway. The signature and its
// timestamp are checked over the raw bytes before the JSON is parsed; nothing here has side
// effects, so a redelivered callback yields the same events, deduplicated downstream on
// (id, status) for reports and id for inbound messages.
import type { MessageStatus } from '../../domain/messages/status.js';
import { meaningfulErrorCode } from '../error-code.js';
import { headerValue, type ProviderEventDetail, type WebhookKind, type WebhookRequest, type WebhookResult } from '../webhook.js';
import { inboundCallbackSchema, statusCallbackSchema, type StatusCallback } from './payloads.js';
import { checkWebhookSignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature.js';

export interface HttpJsonWebhookContext {
  readonly secrets: readonly string[];
  readonly accountId: string;
  readonly now: () => Date;
}

const STATUS: Readonly<Record<StatusCallback['status'], MessageStatus>> = {
  accepted: 'sent',
  delivered: 'delivered',
  undelivered: 'undelivered',
  failed: 'failed',
};

const PLAIN = 'text/plain; charset=utf-8';

function refused(reason: NonNullable<WebhookResult['refused']>, status: number): WebhookResult {
  return { events: [], response: { status, contentType: PLAIN, body: reason }, refused: reason };
}

const accepted = (events: ProviderEventDetail[]): WebhookResult => ({ events, response: { status: 204, contentType: PLAIN, body: '' } });

export function handleHttpJsonWebhook(kind: WebhookKind, req: WebhookRequest, ctx: HttpJsonWebhookContext): WebhookResult {
  if (req.method.toUpperCase() !== 'POST') return refused('method_not_allowed', 405);
  const check = checkWebhookSignature({
    secrets: ctx.secrets,
    timestamp: headerValue(req, TIMESTAMP_HEADER),
    signature: headerValue(req, SIGNATURE_HEADER),
    rawBody: req.rawBody,
    now: ctx.now(),
  });
  if (!check.ok) return refused(check.reason, 401);

  let json: unknown;
  try {
    json = JSON.parse(req.rawBody);
  } catch {
    return refused('malformed', 400);
  }
  if (kind === 'status') {
    const parsed = statusCallbackSchema.safeParse(json);
    if (!parsed.success) return refused('malformed', 400);
    const c = parsed.data;
    return accepted([
      {
        type: 'status',
        accountId: ctx.accountId,
        providerMessageId: c.id,
        status: STATUS[c.status],
        at: instant(c.statusAt, ctx.now),
        providerStatus: c.status,
        messageId: c.retId,
        ...(meaningfulErrorCode(c.errorCode) === undefined ? {} : { errorCode: meaningfulErrorCode(c.errorCode) }),
      },
    ]);
  }
  const parsed = inboundCallbackSchema.safeParse(json);
  if (!parsed.success) return refused('malformed', 400);
  const c = parsed.data;
  return accepted([{ type: 'inbound', accountId: ctx.accountId, providerMessageId: c.id, from: c.from, to: c.to, body: c.text, at: instant(c.receivedAt, ctx.now) }]);
}

function instant(value: string | null | undefined, now: () => Date): Date {
  return value == null ? now() : new Date(Date.parse(value));
}
