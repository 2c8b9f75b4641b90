import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '@domain/errors';
import { errorText } from './error-text';

describe('errorText', () => {
  it('words catalogue codes in the Banner’s language, whatever language the server answered in', () => {
    expect(errorText({ code: 'NO_SENDER_NUMBER', message: 'Aucun numéro…' }, 'en')).toBe(ERROR_CATALOGUE.NO_SENDER_NUMBER.en);
    expect(errorText({ code: 'NO_SENDER_NUMBER', message: 'No sender…' }, 'fr')).toBe(ERROR_CATALOGUE.NO_SENDER_NUMBER.fr);
  });

  it('adds why a number is invalid', () => {
    const en = errorText({ code: 'INVALID_NUMBER', details: { reason: 'MISSING_COUNTRY_CODE' } }, 'en');
    expect(en).toContain(ERROR_CATALOGUE.INVALID_NUMBER.en);
    expect(en).toContain('country code is missing');
    expect(errorText({ code: 'INVALID_NUMBER', details: { reason: 'NOT_MOBILE', type: 'FIXED_LINE' } }, 'fr')).toContain('pas un numéro mobile');
    expect(errorText({ code: 'INVALID_NUMBER', details: { reason: 'SOMETHING_NEW' } }, 'en')).toBe(ERROR_CATALOGUE.INVALID_NUMBER.en);
  });

  it('names the variables still to fill', () => {
    expect(errorText({ code: 'UNFILLED_VARIABLES', details: { variables: ['firstname', 'order'] } }, 'en')).toContain('$firstname, $order');
  });

  it('falls back on the server’s words for a code it does not know, then on the code', () => {
    expect(errorText({ code: 'BRAND_NEW', message: 'Server says so.' }, 'en')).toBe('Server says so.');
    expect(errorText({ code: 'BRAND_NEW' }, 'fr')).toContain('BRAND_NEW');
  });

  it('explains a lost connection and the race for a conversation', () => {
    expect(errorText({ code: 'NETWORK' }, 'en')).toMatch(/cannot be reached/);
    expect(errorText({ code: 'FORBIDDEN', details: { reason: 'ALREADY_TAKEN' } }, 'fr')).toMatch(/vient de prendre/);
    expect(errorText({ code: 'ALREADY_TAKEN', details: { agentId: 'a1', agentName: 'Bob' } }, 'en')).toBe('Bob took this conversation.');
    expect(errorText({ code: 'ALREADY_TAKEN', details: { agentId: 'a1', agentName: 'Bob' } }, 'fr')).toBe('Bob a pris cette conversation.');
    expect(errorText({ code: 'ALREADY_TAKEN', details: { agentId: null, agentName: null } }, 'en')).toMatch(/Another agent/);
  });
});
