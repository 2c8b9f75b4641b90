import { describe, expect, it } from 'vitest';
import type { WebhookRequest } from '../webhook.js';
import { handleTwilioWebhook, MESSAGE_ID_PARAM } from './webhook-handler.js';
import { twilioSignature } from './signature.js';

const TOKEN = 'f'.repeat(32);
const AT = new Date('2026-01-01T10:00:00Z');
const ctx = { authToken: TOKEN, accountId: 'acc_1', now: () => AT };
const SID = `SM${'1'.repeat(32)}`;
const STATUS_URL = `https://desk.example.com/webhooks/twilio/acc_1/status?${MESSAGE_ID_PARAM}=m_42`;
const INBOUND_URL = 'https://desk.example.com/webhooks/twilio/acc_1/inbound';

function signed(url: string, params: Array<[string, string]>, opts: { signUrl?: string; tamper?: (p: Array<[string, string]>) => void; method?: string } = {}): WebhookRequest {
  const signature = twilioSignature(TOKEN, opts.signUrl ?? url, params);
  const sent = params.map(([k, v]) => [k, v] as [string, string]);
  opts.tamper?.(sent);
  return {
    method: opts.method ?? 'POST',
    url,
    headers: { 'x-twilio-signature': signature, 'content-type': 'application/x-www-form-urlencoded' },
    rawBody: new URLSearchParams(sent).toString(),
    contentType: 'application/x-www-form-urlencoded',
  };
}

const statusParams = (status: string, extra: Array<[string, string]> = []): Array<[string, string]> => [
  ...extra,
  ['SmsSid', SID],
  ['SmsStatus', status],
  ['MessageStatus', status],
  ['To', '+33612345678'],
  ['MessageSid', SID],
  ['AccountSid', `AC${'2'.repeat(32)}`],
  ['From', '+33939000001'],
  ['ApiVersion', '2010-04-01'],
];

const inboundParams = (body: string, extra: Array<[string, string]> = []): Array<[string, string]> => [
  ['MessageSid', SID],
  ['SmsMessageSid', SID],
  ['SmsSid', SID],
  ['AccountSid', `AC${'2'.repeat(32)}`],
  ['From', '+33612345678'],
  ['To', '+33939000001'],
  ['Body', body],
  ['NumMedia', '0'],
  ['NumSegments', '1'],
  ['SmsStatus', 'received'],
  ['ApiVersion', '2010-04-01'],
  ...extra,
];

describe('Twilio status callbacks', () => {
  it('a signed delivered report becomes one status event, answered 204', () => {
    const result = handleTwilioWebhook('status', signed(STATUS_URL, statusParams('delivered')), ctx);
    expect(result.response.status).toBe(204);
    expect(result.events).toEqual([
      { type: 'status', accountId: 'acc_1', providerMessageId: SID, status: 'delivered', at: AT, providerStatus: 'delivered', messageId: 'm_42' },
    ]);
  });

  it('an undelivered report carries ErrorCode and whether it allows a resend', () => {
    const r1 = handleTwilioWebhook('status', signed(STATUS_URL, statusParams('undelivered', [['ErrorCode', '30003']])), ctx);
    expect(r1.events[0]).toMatchObject({ status: 'undelivered', errorCode: '30003', errorRetryable: true });
    const r2 = handleTwilioWebhook('status', signed(STATUS_URL, statusParams('undelivered', [['ErrorCode', '30007']])), ctx);
    expect(r2.events[0]).toMatchObject({ status: 'undelivered', errorCode: '30007', errorRetryable: false });
  });

  it('a status that changes nothing is acknowledged without events', () => {
    const result = handleTwilioWebhook('status', signed(STATUS_URL, statusParams('receiving')), ctx);
    expect(result).toMatchObject({ events: [], response: { status: 204 } });
  });

  it('refuses a missing signature with 400 and a bad one with 403, before reading anything', () => {
    const req = signed(STATUS_URL, statusParams('delivered'));
    expect(handleTwilioWebhook('status', { ...req, headers: {} }, ctx)).toMatchObject({ events: [], response: { status: 400 }, refused: 'missing_signature' });
    const forged = signed(STATUS_URL, statusParams('undelivered'), { tamper: (p) => p.forEach((x) => x[0] === 'MessageStatus' && (x[1] = 'delivered')) });
    expect(handleTwilioWebhook('status', forged, ctx)).toMatchObject({ events: [], response: { status: 403 }, refused: 'bad_signature' });
    const garbage = { ...req, rawBody: 'not a form at all' };
    expect(handleTwilioWebhook('status', garbage, ctx).response.status).toBe(403);
  });

  it('a report for another message id in the URL does not verify (the query is signed)', () => {
    const req = signed(STATUS_URL, statusParams('delivered'));
    expect(handleTwilioWebhook('status', { ...req, url: STATUS_URL.replace('m_42', 'm_43') }, ctx).response.status).toBe(403);
  });

  it('verifies when Twilio signed the URL with the default port and the proxy reports it without', () => {
    const req = signed(STATUS_URL, statusParams('sent'), { signUrl: STATUS_URL.replace('desk.example.com', 'desk.example.com:443') });
    expect(handleTwilioWebhook('status', req, ctx).events).toHaveLength(1);
  });

  it('a signed report without MessageSid is malformed: 400', () => {
    const req = signed(STATUS_URL, [['MessageStatus', 'sent']]);
    expect(handleTwilioWebhook('status', req, ctx)).toMatchObject({ events: [], response: { status: 400 }, refused: 'malformed' });
  });

  it('refuses other methods', () => {
    const req = signed(STATUS_URL, statusParams('sent'), { method: 'PUT' });
    expect(handleTwilioWebhook('status', req, ctx).response.status).toBe(405);
  });
});

describe('Twilio inbound messages', () => {
  it('answers empty TwiML and reports the message, with unknown parameters signed and ignored', () => {
    const result = handleTwilioWebhook('inbound', signed(INBOUND_URL, inboundParams('Hello', [['FutureParam', 'x']])), ctx);
    expect(result.response).toEqual({ status: 200, contentType: 'text/xml', body: '<Response></Response>' });
    expect(result.events).toEqual([{ type: 'inbound', accountId: 'acc_1', providerMessageId: SID, from: '+33612345678', to: '+33939000001', body: 'Hello', at: AT }]);
  });

  it('keeps the media of an MMS with its types and links, even with no text', () => {
    const params = inboundParams('', [
      ['NumMedia', '2'],
      ['MediaUrl0', 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1'],
      ['MediaContentType0', 'image/jpeg'],
      ['MediaUrl1', 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2'],
      ['MediaContentType1', 'video/mp4'],
    ]).filter(([k, v]) => !(k === 'NumMedia' && v === '0'));
    const result = handleTwilioWebhook('inbound', signed(INBOUND_URL, params), ctx);
    expect(result.events[0]).toMatchObject({
      type: 'inbound',
      body: '',
      media: [
        { url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1', contentType: 'image/jpeg' },
        { url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2', contentType: 'video/mp4' },
      ],
    });
  });

  it.each([
    ['STOP', 'STOP'],
    ['START', 'START'],
    ['stop', 'STOP'],
    ['HELP', undefined],
    ['SOMETHING_NEW', undefined],
  ])('OptOutType=%s → optOut %s', (type, expected) => {
    const result = handleTwilioWebhook('inbound', signed(INBOUND_URL, inboundParams('arret', [['OptOutType', type]])), ctx);
    expect(result.events[0]).toMatchObject({ type: 'inbound', body: 'arret' });
    expect((result.events[0] as { optOut?: string }).optOut).toBe(expected);
  });

  it('a GET webhook is verified over the URL with its query and no body parameters', () => {
    const query = new URLSearchParams(inboundParams('Via GET')).toString();
    const url = `${INBOUND_URL}?${query}`;
    const req: WebhookRequest = { method: 'GET', url, headers: { 'x-twilio-signature': twilioSignature(TOKEN, url, []) }, rawBody: '', contentType: '' };
    expect(handleTwilioWebhook('inbound', req, ctx).events[0]).toMatchObject({ body: 'Via GET', from: '+33612345678' });
  });

  it('a forged inbound answers 403 with TwiML and no events', () => {
    const req = signed(INBOUND_URL, inboundParams('Pay 10'), { tamper: (p) => p.forEach((x) => x[0] === 'Body' && (x[1] = 'Pay 90')) });
    expect(handleTwilioWebhook('inbound', req, ctx)).toMatchObject({ events: [], response: { status: 403, contentType: 'text/xml' } });
  });

  it('a repeated header (array) is read as its first value', () => {
    const req = signed(INBOUND_URL, inboundParams('Hi'));
    const sig = req.headers['x-twilio-signature'] as string;
    expect(handleTwilioWebhook('inbound', { ...req, headers: { 'x-twilio-signature': [sig, 'other'] } }, ctx).events).toHaveLength(1);
  });
});
