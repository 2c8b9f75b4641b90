// The "provider answer" table of reference §8, row by row.
import { describe, expect, it } from 'vitest';
import type { HttpOutcome } from '../http/client.js';
import { interpretSend } from './submit-response.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const res = (status: number, body: unknown = '', headers: Record<string, string> = {}): HttpOutcome => ({
  kind: 'response',
  status,
  headers,
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('gateway answers to a send', () => {
  it.each<[string, HttpOutcome, Record<string, unknown>]>([
    ['200 {id}', res(200, { id: 'prv-42' }), { kind: 'accepted', providerMessageId: 'prv-42' }],
    ['201 {id}', res(201, { id: 'prv-42' }), { kind: 'accepted', providerMessageId: 'prv-42' }],
    ['202 {id}', res(202, { id: 'prv-42' }), { kind: 'accepted', providerMessageId: 'prv-42' }],
    ['202 with a 64-character id', res(202, { id: 'x'.repeat(64) }), { kind: 'accepted' }],
    ['202 with a 65-character id', res(202, { id: 'x'.repeat(65) }), { kind: 'uncertain' }],
    ['202 without id', res(202, {}), { kind: 'uncertain' }],
    ['202 with a numeric id', res(202, { id: 42 }), { kind: 'uncertain' }],
    ['204 (no body): it may have taken it', res(204), { kind: 'uncertain' }],
    ['400 {code,message}', res(400, { code: 'invalid_to', message: 'bad number +33612345678' }), { kind: 'permanent', code: 'invalid_to' }],
    ['422 {code,message}', res(422, { code: 'text_too_long', message: 'x' }), { kind: 'permanent', code: 'text_too_long' }],
    ['400 without a JSON body', res(400, 'Bad Request'), { kind: 'permanent', code: 'http_400' }],
    ['401', res(401, { code: 'unauthorized' }), { kind: 'permanent', code: 'http_401' }],
    ['403', res(403), { kind: 'permanent', code: 'http_403' }],
    ['402 out of credit', res(402), { kind: 'permanent', code: 'http_402' }],
    ['404 wrong URL', res(404), { kind: 'permanent', code: 'http_404' }],
    ['429 with Retry-After seconds', res(429, '', { 'retry-after': '30' }), { kind: 'transient', code: 'http_429', retryAfterMs: 30_000 }],
    ['429 with an HTTP-date Retry-After', res(429, '', { 'retry-after': 'Thu, 01 Jan 2026 00:00:10 GMT' }), { kind: 'transient', retryAfterMs: 10_000 }],
    ['429 without Retry-After', res(429), { kind: 'transient', code: 'http_429' }],
    ['409 same retId in flight', res(409), { kind: 'transient', code: 'http_409' }],
    ['500', res(500), { kind: 'uncertain' }],
    ['503', res(503, '<html>'), { kind: 'uncertain' }],
    ['connection refused', { kind: 'not_sent', reason: 'ECONNREFUSED' }, { kind: 'transient', code: 'network' }],
    ['timeout after sending', { kind: 'no_response', reason: 'timeout' }, { kind: 'uncertain' }],
  ])('%s', (_label, outcome, expected) => {
    const result = interpretSend(outcome, NOW);
    expect(result).toMatchObject(expected);
    if (!('retryAfterMs' in expected)) expect(result).not.toHaveProperty('retryAfterMs');
  });

  it("masks numbers quoted in the gateway's message", () => {
    expect(JSON.stringify(interpretSend(res(400, { code: 'invalid_to', message: 'bad number +33612345678' }), NOW))).not.toContain('612345678');
  });
});
