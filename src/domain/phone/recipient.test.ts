import { describe, expect, it } from 'vitest';
import { checkRecipient, parseRecipient } from './index.js';
import type { InvalidNumberReason, NumberType, RecipientCheck } from './index.js';

function accepted(result: RecipientCheck) {
  if (!result.ok) throw new Error(`expected acceptance, got ${JSON.stringify(result)}`);
  return result.recipient;
}

function expectInvalid(input: string, reason: InvalidNumberReason, type?: NumberType): void {
  const result = parseRecipient(input);
  expect(result).toMatchObject({ ok: false, code: 'INVALID_NUMBER', details: { reason } });
  if (result.ok) return;
  expect(result.details?.['type']).toBe(type);
  expect(typeof result.details?.['hint']).toBe('string');
}

describe('parseRecipient: accepted numbers', () => {
  it('accepts a French mobile and gives E.164, region, type and display form', () => {
    expect(accepted(parseRecipient('+33 6 12 34 56 78'))).toEqual({
      e164: '+33612345678',
      country: 'FR',
      type: 'MOBILE',
      mobileVerified: true,
      display: '+33 6 12 34 56 78',
    });
  });

  it('accepts a UK mobile', () => {
    expect(accepted(parseRecipient('+44 7400 123456'))).toMatchObject({ e164: '+447400123456', country: 'GB', type: 'MOBILE', mobileVerified: true });
  });

  it('accepts a US number the plan cannot classify, flagged as not verified', () => {
    expect(accepted(parseRecipient('+1 (202) 555-0123'))).toMatchObject({
      e164: '+12025550123',
      country: 'US',
      type: 'FIXED_LINE_OR_MOBILE',
      mobileVerified: false,
      display: '+1 202 555 0123',
    });
  });

  it('accepts 00 as the international prefix', () => {
    expect(accepted(parseRecipient('0033 6 12 34 56 78')).e164).toBe('+33612345678');
    expect(accepted(parseRecipient('0033612345678')).e164).toBe('+33612345678');
  });

  it.each([
    '+33612345678',
    '+33 6 12 34 56 78',
    '+33.6.12.34.56.78',
    '+33-6-12-34-56-78',
    '+33 (6) 12 34 56 78',
    '+33 (0)6 12 34 56 78',
    ' +33 6 12 34 56 78 ',
    '+33\u00a06\u00a012\u00a034\u00a056\u00a078',
    '+33\u202f6\u202f12\u202f34\u202f56\u202f78',
    '+33 6–12–34–56–78',
    '\t+33 6 12 34 56 78\n',
  ])('accepts separators agents type or paste: %j', (input) => {
    expect(accepted(parseRecipient(input)).e164).toBe('+33612345678');
  });

  it('uses the number’s own region where a country code is shared', () => {
    expect(accepted(parseRecipient('+44 7624 123456')).country).toBe('IM');
    expect(accepted(parseRecipient('+1 604 555 1234')).country).toBe('CA');
  });
});

describe('parseRecipient: refused numbers carry the reason', () => {
  it.each(['', '   ', ' . - ( ) '])('empty input %j', (input) => expectInvalid(input, 'EMPTY'));

  it.each(['abc', '+33 6 12 34 56 7a', '+33 6 12 34 56 78 ext 12', 'tel:+33612345678', '+', '33+612345678', '++33612345678', '+33/612345678'])(
    'not a number: %j',
    (input) => expectInvalid(input, 'NOT_A_NUMBER'),
  );

  it.each(['06 12 34 56 78', '0612345678', '33612345678', '07400 123456'])('national format: %j', (input) => {
    expectInvalid(input, 'MISSING_COUNTRY_CODE');
    const result = parseRecipient(input);
    if (!result.ok) expect(result.details?.['hint']).toMatch(/country code is missing/);
  });

  it.each(['+999 123 456 789', '+0 612345678', '000 33 6 12 34 56 78'])('unknown country code: %j', (input) => expectInvalid(input, 'INVALID_COUNTRY_CODE'));

  it.each(['+33 6 12 34 56 7', '+33 6 12', '+1 202 555 012', '+33'])('too short: %j', (input) => expectInvalid(input, 'TOO_SHORT'));

  it.each(['+33 6 12 34 56 789', '+1 202 555 01234', '+33 6 12 34 56 78 90 12 34 56', `+33${'6'.repeat(500)}`])('too long: %j', (input) => expectInvalid(input, 'TOO_LONG'));

  it('a length between the lengths its country uses', () => {
    expectInvalid('+44 6666 6666', 'INVALID_LENGTH');
  });

  it('a number of a possible length in an unassigned range', () => {
    // Ofcom reserves 07700 900xxx for fiction: the right length, but no such mobile.
    expectInvalid('+44 7700 900123', 'INVALID_FOR_REGION');
    expectInvalid('+33 7 00 00 00 00', 'INVALID_FOR_REGION');
  });

  it.each([
    ['+33 1 42 68 53 00', 'FIXED_LINE'],
    ['+33 8 00 12 34 56', 'TOLL_FREE'],
    ['+1 800 555 0123', 'TOLL_FREE'],
    ['+33 8 99 12 34 56', 'PREMIUM_RATE'],
    ['+1 900 555 0123', 'PREMIUM_RATE'],
    ['+33 9 51 12 34 56', 'VOIP'],
    ['+44 56 1234 5678', 'VOIP'],
    ['+33 8 10 12 34 56', 'SHARED_COST'],
    ['+44 300 123 4567', 'UAN'],
    ['+44 76 2345 6789', 'PAGER'],
    ['+44 70 1234 5678', 'PERSONAL_NUMBER'],
    ['+800 1234 5678', 'TOLL_FREE'],
  ] as const)('not a mobile: %s (%s)', (input, type) => expectInvalid(input, 'NOT_MOBILE', type));

  it('a mobile with no region (satellite) cannot be authorized', () => {
    expectInvalid('+870 773 111 632', 'NON_GEOGRAPHIC', 'MOBILE');
  });
});

describe('checkRecipient', () => {
  it('accepts a mobile of an authorized country', () => {
    expect(accepted(checkRecipient('+33 6 12 34 56 78', ['FR', 'GB'])).e164).toBe('+33612345678');
  });

  it('compares countries case-insensitively', () => {
    expect(accepted(checkRecipient('+33 6 12 34 56 78', ['fr'])).country).toBe('FR');
    expect(accepted(checkRecipient('+44 7400 123456', [' gb '])).country).toBe('GB');
  });

  it('refuses a country that is not authorized, naming it', () => {
    expect(checkRecipient('+44 7400 123456', ['FR'])).toEqual({ ok: false, code: 'COUNTRY_NOT_AUTHORIZED', details: { country: 'GB' } });
    expect(checkRecipient('+44 7624 123456', ['GB'])).toEqual({ ok: false, code: 'COUNTRY_NOT_AUTHORIZED', details: { country: 'IM' } });
    expect(checkRecipient('+33 6 12 34 56 78', [])).toMatchObject({ code: 'COUNTRY_NOT_AUTHORIZED' });
  });

  it('judges the number before the country', () => {
    expect(checkRecipient('+44 20 7946 0958', ['FR'])).toMatchObject({ code: 'INVALID_NUMBER', details: { reason: 'NOT_MOBILE', type: 'FIXED_LINE' } });
    expect(checkRecipient('06 12 34 56 78', ['FR'])).toMatchObject({ code: 'INVALID_NUMBER', details: { reason: 'MISSING_COUNTRY_CODE' } });
  });
});
