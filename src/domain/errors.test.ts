import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DomainError, ERROR_CATALOGUE, ERROR_CODES, errorMessage, refuse } from './errors.js';

describe('error catalogue', () => {
  it('holds the customer seven and the product codes of D9', () => {
    const expected = [
      'COUNTRY_NOT_AUTHORIZED', 'INVALID_NUMBER', 'INSUFFICIENT_CREDITS', 'CREDIT_LIMIT_EXCEEDED', 'INVALID_TEMPLATE',
      'NO_SENDER_NUMBER', 'NO_QUEUE_CONFIGURED', 'MESSAGING_NOT_PERMITTED', 'MODE_NOT_PERMITTED', 'MAX_INTERACTIONS_REACHED',
      'NO_PROVIDER_CONFIGURED', 'EMPTY_MESSAGE', 'UNFILLED_VARIABLES', 'RECIPIENT_OPTED_OUT', 'INTERACTION_NOT_PROGRESSING', 'OPT_OUT_BY_CUSTOMER',
      'NOT_FOUND', 'UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED', 'RATE_LIMITED', 'SERVICE_UNAVAILABLE',
      'ALREADY_TAKEN', 'SIMULATOR_NOT_IN_USE',
      'ERASURE_CONFIRMATION_MISMATCH', 'ERASURE_MESSAGES_PENDING',
      'CALL_ENDED', 'REVIEW_ALREADY_DECIDED', 'RESEND_NOT_SAFE',
      'RESEND_NOT_FAILED', 'ALREADY_RESENT',
      'ALREADY_SENT', 'MESSAGE_NOT_SCHEDULED',
      'OUTSIDE_SENDING_WINDOW',
    ];
    expect([...ERROR_CODES].sort()).toEqual([...expected].sort());
  });

  it('has a distinct, non-empty English and French message for every code', () => {
    for (const code of ERROR_CODES) {
      const { en, fr } = ERROR_CATALOGUE[code];
      expect(en.trim().length, code).toBeGreaterThan(5);
      expect(fr.trim().length, code).toBeGreaterThan(5);
      expect(fr, code).not.toBe(en);
    }
  });

  it('uses the customer’s words for the customer’s seven errors', () => {
    expect(errorMessage('COUNTRY_NOT_AUTHORIZED')).toMatch(/^Country not authorized/);
    expect(errorMessage('INVALID_NUMBER')).toMatch(/^Invalid number/);
    expect(errorMessage('INSUFFICIENT_CREDITS')).toMatch(/^Insufficient credits/);
    expect(errorMessage('CREDIT_LIMIT_EXCEEDED')).toMatch(/^Credit limit exceeded/);
    expect(errorMessage('INVALID_TEMPLATE')).toMatch(/^Invalid template/);
    expect(errorMessage('NO_SENDER_NUMBER')).toMatch(/^No sender number/);
    expect(errorMessage('NO_QUEUE_CONFIGURED')).toMatch(/^No queue configured/);
    expect(errorMessage('EMPTY_MESSAGE')).toBe('Message content is required.');
  });

  it('DomainError and refuse carry the code and details', () => {
    const e = new DomainError('NOT_FOUND', { field: 'queueId' });
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('NOT_FOUND');
    expect(e.details).toEqual({ field: 'queueId' });
    expect(refuse('EMPTY_MESSAGE')).toEqual({ ok: false, code: 'EMPTY_MESSAGE' });
    expect(refuse('MODE_NOT_PERMITTED', { mode: 'smart' })).toEqual({ ok: false, code: 'MODE_NOT_PERMITTED', details: { mode: 'smart' } });
  });

  it('docs/errors.md lists every code', () => {
    const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    for (const code of ERROR_CODES) expect(doc, code).toContain(`\`${code}\``);
  });
});
