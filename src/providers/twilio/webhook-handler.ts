// Twilio's status callbacks and inbound messages (form-encoded). The signature is checked before
// any parameter is read; nothing here has side effects, so a redelivered callback yields the
// same events, deduplicated downstream on MessageSid (inbound) or (MessageSid, MessageStatus).
import type { WebhookKind, WebhookRequest, WebhookResponse, WebhookResult, ProviderEventDetail } from '../webhook.js';
import { headerValue } from '../webhook.js';
import { meaningfulErrorCode } from '../error-code.js';
import { isRetryableDeliveryError } from './errors.js';
import { twilioInboundMedia } from './inbound-media.js';
import { verifyTwilioSignature, type FormParams } from './signature.js';
import { mapTwilioStatus } from './status-map.js';

export interface TwilioWebhookContext {
  readonly authToken: string;
  readonly accountId: string;
  readonly now: () => Date;
}

/** The query parameter the adapter adds to StatusCallback so a report names the product message. */
export const MESSAGE_ID_PARAM = 'smsdeskMessageId';

const EMPTY_TWIML = '<Response></Response>';

function answer(status: number, body = '', contentType = 'text/plain; charset=utf-8'): WebhookResponse {
  return { status, contentType, body };
}

function refused(reason: NonNullable<WebhookResult['refused']>, status: number, kind: WebhookKind): WebhookResult {
  // A refused inbound still gets TwiML so Twilio's debugger shows the status, not a parse error.
  const response = kind === 'inbound' ? answer(status, EMPTY_TWIML, 'text/xml') : answer(status);
  return { events: [], response, refused: reason };
}

export function handleTwilioWebhook(kind: WebhookKind, req: WebhookRequest, ctx: TwilioWebhookContext): WebhookResult {
  const method = req.method.toUpperCase();
  if (method !== 'POST' && method !== 'GET') return refused('method_not_allowed', 405, kind);
  const signature = headerValue(req, 'x-twilio-signature');
  if (signature === undefined || signature === '') return refused('missing_signature', 400, kind);
  // With GET, Twilio puts the parameters in the query, which the signed URL already covers.
  const posted: FormParams = method === 'POST' ? [...new URLSearchParams(req.rawBody)] : [];
  if (!verifyTwilioSignature(ctx.authToken, signature, req.url, posted, req.rawBody)) return refused('bad_signature', 403, kind);

  const params = new URLSearchParams(method === 'POST' ? req.rawBody : queryOf(req.url));
  return kind === 'status' ? statusCallback(params, req.url, ctx) : inboundMessage(params, ctx);
}

function statusCallback(params: URLSearchParams, url: string, ctx: TwilioWebhookContext): WebhookResult {
  const sid = params.get('MessageSid') ?? params.get('SmsSid');
  const twilioStatus = params.get('MessageStatus') ?? params.get('SmsStatus');
  if (sid === null || sid === '' || twilioStatus === null) return refused('malformed', 400, 'status');
  const status = mapTwilioStatus(twilioStatus);
  // A status that changes nothing (receiving, an unknown new word) is acknowledged, not retried.
  if (status === null) return { events: [], response: answer(204) };
  const errorCode = meaningfulErrorCode(params.get('ErrorCode'));
  const messageId = new URLSearchParams(queryOf(url)).get(MESSAGE_ID_PARAM);
  const event: ProviderEventDetail = {
    type: 'status',
    accountId: ctx.accountId,
    providerMessageId: sid,
    status,
    at: ctx.now(),
    providerStatus: twilioStatus,
    ...(errorCode === undefined ? {} : { errorCode, errorRetryable: isRetryableDeliveryError(errorCode) }),
    ...(messageId === null || messageId === '' ? {} : { messageId }),
  };
  return { events: [event], response: answer(204) };
}

function inboundMessage(params: URLSearchParams, ctx: TwilioWebhookContext): WebhookResult {
  const sid = params.get('MessageSid') ?? params.get('SmsMessageSid') ?? params.get('SmsSid');
  const from = params.get('From');
  const to = params.get('To');
  if (sid === null || sid === '' || from === null || to === null) return refused('malformed', 400, 'inbound');
  const optOutType = params.get('OptOutType')?.toUpperCase();
  const media = twilioInboundMedia(params);
  const event: ProviderEventDetail = {
    type: 'inbound',
    accountId: ctx.accountId,
    providerMessageId: sid,
    from,
    to,
    body: params.get('Body') ?? '',
    at: ctx.now(),
    // HELP (and any keyword Twilio adds later) is not an opt-out: it stays a plain inbound message.
    ...(optOutType === 'STOP' || optOutType === 'START' ? { optOut: optOutType } : {}),
    ...(media.length > 0 ? { media } : {}),
  };
  // Empty TwiML: Twilio sends no automatic reply (its own STOP confirmation aside).
  return { events: [event], response: answer(200, EMPTY_TWIML, 'text/xml') };
}

function queryOf(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? '' : url.slice(q + 1).replace(/#.*$/, '');
}
