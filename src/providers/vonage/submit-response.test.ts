import { describe, expect, it } from 'vitest';
import { interpretSubmit } from './submit-response.js';

const ok = (body: unknown, status = 200, headers = {}) =>
  interpretSubmit({ kind: 'response', status, headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
const part = (status: string, id?: string, errorText?: string) => ({
  to: '447700900000',
  status,
  ...(id ? { 'message-id': id } : {}),
  ...(errorText ? { 'error-text': errorText } : {}),
});

describe('reading POST /sms/json answers', () => {
  it('accepts with the first part id and keeps every part id', () => {
    expect(ok({ 'message-count': '2', messages: [part('0', 'A1'), part('0', 'A2')] })).toEqual({
      kind: 'accepted', providerMessageId: 'A1', partMessageIds: ['A1', 'A2'], failedParts: 0, partErrors: [],
    });
  });

  it('accepts a partial failure: the message went out, it must never be resent', () => {
    expect(ok({ messages: [part('0', 'A1'), part('1', undefined, 'Throughput Rate Exceeded')] })).toEqual({
      kind: 'accepted', providerMessageId: 'A1', partMessageIds: ['A1'], failedParts: 1,
      partErrors: [{ status: '1', errorText: 'Throughput Rate Exceeded' }],
    });
  });

  it('takes the first accepted part when an earlier one was refused', () => {
    expect(ok({ messages: [part('3'), part('0', 'B2')] })).toMatchObject({ kind: 'accepted', providerMessageId: 'B2', failedParts: 1 });
  });

  it('reports a throttle on every part as transient, with a wait', () => {
    expect(ok({ messages: [part('1', undefined, 'Throughput Rate Exceeded')] })).toEqual({
      kind: 'transient', error: 'Vonage status 1: Throughput Rate Exceeded', code: '1', retryAfterMs: 1000,
    });
  });

  it('reports a refusal as permanent, even next to a transient one', () => {
    expect(ok({ messages: [part('1'), part('3', undefined, 'Invalid Params')] })).toEqual({
      kind: 'permanent', error: 'Vonage status 3: Invalid Params', code: '3',
    });
    expect(ok({ messages: [part('9', undefined, 'Partner quota exceeded')] })).toMatchObject({ kind: 'permanent', code: '9' });
  });

  it('maps HTTP statuses: 429 transient with Retry-After, 401 permanent, 5xx uncertain', () => {
    expect(ok('', 429, { 'retry-after': '2' })).toEqual({ kind: 'transient', error: 'HTTP 429', code: 'http_429', retryAfterMs: 2000 });
    expect(ok('', 401)).toMatchObject({ kind: 'permanent', code: 'http_401' });
    expect(ok('', 400)).toMatchObject({ kind: 'permanent', code: 'http_400' });
    expect(ok('', 502)).toEqual({ kind: 'uncertain', error: 'HTTP 502' });
  });

  it('cannot tell from a garbled 200', () => {
    expect(ok('<html>').kind).toBe('uncertain');
    expect(ok({ messages: [] }).kind).toBe('uncertain');
    expect(ok({ messages: [part('0')] }).kind).toBe('uncertain');
  });

  it('is transient when nothing left, uncertain when the request may have arrived', () => {
    expect(interpretSubmit({ kind: 'not_sent', reason: 'ECONNREFUSED' })).toEqual({ kind: 'transient', error: 'not sent: ECONNREFUSED', code: 'not_sent' });
    expect(interpretSubmit({ kind: 'no_response', reason: 'timeout' })).toEqual({ kind: 'uncertain', error: 'timeout' });
  });
});
