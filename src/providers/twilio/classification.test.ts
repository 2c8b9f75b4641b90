// The tables of reference §2 and §5, row by row.
import { describe, expect, it } from 'vitest';
import type { HttpOutcome } from '../http/client.js';
import { isRetryableDeliveryError, twilioError } from './errors.js';
import { mapTwilioStatus } from './status-map.js';
import { interpretCreateMessage } from './submit-response.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const SID = `SM${'a'.repeat(32)}`;
const json = (status: number, body: unknown, headers: Record<string, string> = {}): HttpOutcome => ({
  kind: 'response',
  status,
  headers,
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
const twilioErr = (status: number, code: number, message = 'x') => json(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

describe('create-message answers', () => {
  it.each<[string, HttpOutcome, Record<string, unknown>]>([
    ['201 with an SM sid', json(201, { sid: SID, status: 'queued', num_segments: '1' }), { kind: 'accepted', providerMessageId: SID }],
    ['201 with an MM sid', json(201, { sid: `MM${'b'.repeat(32)}` }), { kind: 'accepted' }],
    ['201 without a sid', json(201, { status: 'queued' }), { kind: 'uncertain' }],
    ['201 with a malformed sid', json(201, { sid: 'SM123' }), { kind: 'uncertain' }],
    ['201 with an HTML body', json(201, '<html>'), { kind: 'uncertain' }],
    ['200 (never Twilio’s create answer)', json(200, { sid: SID }), { kind: 'uncertain' }],
    ['429 / 20429', twilioErr(429, 20429), { kind: 'transient', code: '20429' }],
    ['429 with Retry-After', json(429, { code: 20429 }, { 'retry-after': '7' }), { kind: 'transient', code: '20429', retryAfterMs: 7000 }],
    ['401 / 20003 auth failed', twilioErr(401, 20003), { kind: 'permanent', code: '20003' }],
    ['400 / 21211 invalid To', twilioErr(400, 21211), { kind: 'permanent', code: '21211' }],
    ['400 / 21408 region not enabled', twilioErr(400, 21408), { kind: 'permanent', code: '21408' }],
    ['400 / 21606 From cannot send there', twilioErr(400, 21606), { kind: 'permanent', code: '21606' }],
    ['400 / 21612 pair not routable', twilioErr(400, 21612), { kind: 'permanent', code: '21612' }],
    ['400 / 21610 recipient sent STOP', twilioErr(400, 21610), { kind: 'permanent', code: '21610' }],
    ['404 / 20404 wrong account', twilioErr(404, 20404), { kind: 'permanent', code: '20404' }],
    ['400 without a JSON body', json(400, 'Bad Request'), { kind: 'permanent', code: '400' }],
    ['500', twilioErr(500, 20500), { kind: 'uncertain' }],
    ['502 from a proxy', json(502, '<html>Bad Gateway</html>'), { kind: 'uncertain' }],
    ['503', json(503, ''), { kind: 'uncertain' }],
    ['301', json(301, ''), { kind: 'uncertain' }],
    ['connection refused before sending', { kind: 'not_sent', reason: 'ECONNREFUSED' }, { kind: 'transient', code: 'network' }],
    ['timeout after sending', { kind: 'no_response', reason: 'no response within 15000 ms' }, { kind: 'uncertain' }],
    ['reset after sending', { kind: 'no_response', reason: 'ECONNRESET' }, { kind: 'uncertain' }],
  ])('%s', (_label, outcome, expected) => {
    expect(interpretCreateMessage(outcome, NOW)).toMatchObject(expected);
  });

  it('masks phone numbers Twilio quotes in its error message', () => {
    const result = interpretCreateMessage(twilioErr(400, 21211, "The 'To' number +33612345678 is not a valid phone number."), NOW);
    expect(result.kind === 'permanent' && result.error).toContain('+33•••••••78');
    expect(JSON.stringify(result)).not.toContain('612345678');
  });
});

describe('Twilio error codes', () => {
  it.each([
    ['20003', 'fix_config'],
    ['20429', 'retry'],
    ['21211', 'invalid_number'],
    ['21408', 'fix_config'],
    ['21606', 'fix_config'],
    ['21612', 'fix_config'],
    ['21610', 'suppress'],
    ['30001', 'resend_once'],
    ['30003', 'resend_once'],
    ['30008', 'resend_once'],
    ['30004', 'do_not_resend'],
    ['30007', 'do_not_resend'],
    ['30005', 'invalid_number'],
    ['30006', 'invalid_number'],
    ['30034', 'fix_config'],
    ['30999', 'do_not_resend'],
    ['21999', 'fix_config'],
  ])('%s → %s', (code, action) => {
    expect(twilioError(code).action).toBe(action);
  });

  it('only queue overflow, unreachable handset and unknown carrier errors allow a later resend', () => {
    expect(['30001', '30003', '30008'].every(isRetryableDeliveryError)).toBe(true);
    expect(['30004', '30005', '30006', '30007', '30034', '99999'].some(isRetryableDeliveryError)).toBe(false);
  });
});

describe('Twilio status → product status', () => {
  it.each([
    ['accepted', 'sent'],
    ['scheduled', 'sent'],
    ['queued', 'sent'],
    ['sending', 'sent'],
    ['sent', 'sent'],
    ['delivered', 'delivered'],
    ['read', 'delivered'],
    ['undelivered', 'undelivered'],
    ['partially_delivered', 'undelivered'],
    ['failed', 'failed'],
    ['canceled', 'failed'],
    ['receiving', null],
    ['received', null],
    ['some_future_status', null],
    ['constructor', null],
  ])('%s → %s', (twilio, product) => {
    expect(mapTwilioStatus(twilio)).toBe(product);
  });
});
