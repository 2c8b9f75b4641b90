import { describe, expect, it } from 'vitest';
import type { WebhookRequest } from '../webhook.js';
import { signatureHeaderValue } from './signature.js';
import { handleHttpJsonWebhook } from './webhook-handler.js';

const SECRET = 'whsec_unit_0123456789abcdef0123456789';
const NOW = new Date('2026-01-01T00:00:10Z');
const ctx = { secrets: [SECRET], accountId: 'acc_1', now: () => NOW };
const TS = String(Math.floor(NOW.getTime() / 1000));

function req(body: string, opts: { ts?: string; secret?: string; method?: string } = {}): WebhookRequest {
  const ts = opts.ts ?? TS;
  return {
    method: opts.method ?? 'POST',
    url: 'https://desk.example.com/webhooks/http-json/acc_1/status',
    headers: { 'content-type': 'application/json', 'x-webhook-timestamp': ts, 'x-webhook-signature': signatureHeaderValue([opts.secret ?? SECRET], ts, body) },
    rawBody: body,
    contentType: 'application/json',
  };
}

const status = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ retId: 'm_1', id: 'prv-1', status: 'delivered', errorCode: null, errorMessage: null, submittedAt: '2026-01-01T00:00:00Z', statusAt: '2026-01-01T00:00:04Z', ...over });

describe('HTTPS JSON status callbacks', () => {
  it.each([
    ['accepted', 'sent'],
    ['delivered', 'delivered'],
    ['undelivered', 'undelivered'],
    ['failed', 'failed'],
  ])('%s → %s, answered 204', (native, product) => {
    const result = handleHttpJsonWebhook('status', req(status({ status: native })), ctx);
    expect(result.response.status).toBe(204);
    expect(result.events).toEqual([
      { type: 'status', accountId: 'acc_1', providerMessageId: 'prv-1', status: product, at: new Date('2026-01-01T00:00:04Z'), providerStatus: native, messageId: 'm_1' },
    ]);
  });

  it('keeps the error code, ignores unknown fields, and takes now when statusAt is absent', () => {
    const body = JSON.stringify({ retId: 'm_1', id: 'prv-1', status: 'undelivered', errorCode: 'absent_subscriber', parts: 2 });
    expect(handleHttpJsonWebhook('status', req(body), ctx).events[0]).toMatchObject({ status: 'undelivered', errorCode: 'absent_subscriber', at: NOW });
  });

  it.each([
    ['an unknown status', status({ status: 'read' })],
    ['no id', status({ id: undefined })],
    ['no retId', status({ retId: undefined })],
    ['a bad date', status({ statusAt: 'yesterday' })],
    ['malformed JSON', '{"retId":'],
    ['a JSON array', '[]'],
  ])('answers 400 to %s', (_label, body) => {
    expect(handleHttpJsonWebhook('status', req(body), ctx)).toMatchObject({ events: [], response: { status: 400 }, refused: 'malformed' });
  });

  it('answers 401 to a bad signature, a stale or future timestamp, a missing header — before parsing', () => {
    expect(handleHttpJsonWebhook('status', req(status(), { secret: 'whsec_other_0123456789abcdef0123456789' }), ctx)).toMatchObject({ events: [], response: { status: 401 }, refused: 'bad_signature' });
    expect(handleHttpJsonWebhook('status', req(status(), { ts: String(Number(TS) - 301) }), ctx).refused).toBe('stale_timestamp');
    expect(handleHttpJsonWebhook('status', req(status(), { ts: String(Number(TS) + 301) }), ctx).refused).toBe('stale_timestamp');
    const unsigned = { ...req(status()), headers: { 'content-type': 'application/json' } };
    expect(handleHttpJsonWebhook('status', unsigned, ctx)).toMatchObject({ response: { status: 401 }, refused: 'missing_signature' });
    // Garbage with a bad signature is a 401, not a 400: nothing is parsed before verification.
    expect(handleHttpJsonWebhook('status', { ...req('{"a":'), rawBody: 'not json' }, ctx).response.status).toBe(401);
  });

  it('accepts the previous secret during a rotation', () => {
    const old = 'whsec_old_0123456789abcdef0123456789';
    expect(handleHttpJsonWebhook('status', req(status(), { secret: old }), { ...ctx, secrets: [SECRET, old] }).events).toHaveLength(1);
  });

  it('refuses other methods with 405', () => {
    expect(handleHttpJsonWebhook('status', req(status(), { method: 'GET' }), ctx).response.status).toBe(405);
  });
});

describe('HTTPS JSON inbound callbacks', () => {
  it('the reference inbound STOP becomes one inbound event with the text untouched', () => {
    const body = '{"id":"in-9","from":"+33612345678","to":"+33939000001","text":"STOP","receivedAt":"2026-01-01T00:00:00Z"}';
    const result = handleHttpJsonWebhook('inbound', req(body), ctx);
    expect(result.response).toEqual({ status: 204, contentType: 'text/plain; charset=utf-8', body: '' });
    expect(result.events).toEqual([
      { type: 'inbound', accountId: 'acc_1', providerMessageId: 'in-9', from: '+33612345678', to: '+33939000001', body: 'STOP', at: new Date('2026-01-01T00:00:00Z') },
    ]);
  });

  it('answers 400 to an inbound without text', () => {
    const body = '{"id":"in-9","from":"+33612345678","to":"+33939000001"}';
    expect(handleHttpJsonWebhook('inbound', req(body), ctx).response.status).toBe(400);
  });
});
