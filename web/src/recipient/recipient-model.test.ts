import { describe, expect, it } from 'vitest';
import { checkRecipient } from '@domain/phone';
import { recipientStatus } from './recipient-model';

const FR_MOBILE = '+33 6 12 34 56 78';
const server = { valid: true as const, e164: '+33612345678', country: 'FR', type: 'MOBILE', mobileVerified: true, display: '+33 6 12 34 56 78', authorized: true, code: null };

describe('recipientStatus', () => {
  it('is empty until something is typed', () => {
    expect(recipientStatus('  ', null, null)).toEqual({ state: 'empty' });
  });

  it('refuses at once, in the browser, what the rules refuse', () => {
    expect(recipientStatus('06 12 34 56 78', checkRecipient('06 12 34 56 78', ['FR']), null)).toMatchObject({ state: 'invalid', refusal: { code: 'INVALID_NUMBER', details: { reason: 'MISSING_COUNTRY_CODE' } } });
    expect(recipientStatus('+33 1 42 68 53 00', checkRecipient('+33 1 42 68 53 00', ['FR']), null)).toMatchObject({ state: 'invalid', refusal: { details: { reason: 'NOT_MOBILE' } } });
    expect(recipientStatus('+44 7400 123456', checkRecipient('+44 7400 123456', ['FR']), null)).toMatchObject({ state: 'invalid', refusal: { code: 'COUNTRY_NOT_AUTHORIZED' } });
  });

  it('waits for the server when the browser finds nothing wrong', () => {
    expect(recipientStatus(FR_MOBILE, checkRecipient(FR_MOBILE, ['FR']), null)).toMatchObject({ state: 'checking', recipient: { e164: '+33612345678' } });
    expect(recipientStatus(FR_MOBILE, null, null)).toEqual({ state: 'checking', recipient: null });
  });

  it('lets the server have the last word, for the input it was asked about only', () => {
    expect(recipientStatus(FR_MOBILE, null, { input: FR_MOBILE, result: server })).toMatchObject({ state: 'valid', recipient: { e164: '+33612345678', country: 'FR' } });
    expect(recipientStatus(FR_MOBILE, null, { input: FR_MOBILE, result: { ...server, authorized: false, code: 'COUNTRY_NOT_AUTHORIZED' } })).toMatchObject({ state: 'invalid', refusal: { code: 'COUNTRY_NOT_AUTHORIZED', details: { country: 'FR' } } });
    expect(recipientStatus(`${FR_MOBILE}9`, null, { input: FR_MOBILE, result: server }).state).toBe('checking');
    expect(recipientStatus(FR_MOBILE, null, { input: FR_MOBILE, error: { code: 'NETWORK' } })).toMatchObject({ state: 'invalid', refusal: { code: 'NETWORK' } });
  });
});
