import { describe, expect, it } from 'vitest';
import { inboundAddress } from './addresses.js';

describe('inbound addresses: TON/NPI honoured, E.164 or kept as they came', () => {
  it.each<[string, string, number, number, string | undefined, string]>([
    ['international (TON 1) without +', '33612345678', 1, 1, undefined, '+33612345678'],
    ['international written with +', '+33612345678', 1, 1, undefined, '+33612345678'],
    ['national with the trunk prefix (TON 2)', '0612345678', 2, 1, 'FR', '+33612345678'],
    ['national without the trunk prefix (TON 2)', '612345678', 2, 1, 'FR', '+33612345678'],
    ['national under the national plan (NPI 8)', '0612345678', 2, 8, 'FR', '+33612345678'],
    ['unknown TON with the trunk prefix', '0612345678', 0, 1, 'FR', '+33612345678'],
    ['unknown TON with the 00 international prefix', '0033612345678', 0, 1, undefined, '+33612345678'],
    ['unknown TON, international digits', '447400123456', 0, 0, 'FR', '+447400123456'],
    ['unknown TON, national digits of the default country', '612345678', 0, 1, 'FR', '+33612345678'],
    ['a British national number', '07400123456', 2, 1, 'GB', '+447400123456'],
    ['subscriber number (TON 4)', '612345678', 4, 1, 'FR', '+33612345678'],
    ['alphanumeric (TON 5)', 'ACME Bank', 5, 0, 'FR', 'ACME Bank'],
    ['letters under another TON', 'INFO', 0, 0, undefined, 'INFO'],
    ['a short code (TON 3)', '36180', 3, 0, 'FR', '36180'],
    ['a short code under unknown TON', '36180', 0, 1, 'FR', '36180'],
  ])('%s: %s → %s', (_label, addr, ton, npi, country, expected) => {
    expect(inboundAddress(addr, ton, npi, country as never)).toEqual({ kind: 'resolved', address: expected });
  });

  it.each<[string, string, number, number, string | undefined]>([
    ['national without a default country (TON 2)', '612345678', 2, 1, undefined],
    ['trunk prefix without a default country (TON 0)', '0612345678', 0, 1, undefined],
    ['an international number with no such country code', '0612345678', 1, 1, 'FR'],
    ['an international number too short', '3361', 1, 1, 'FR'],
    ['a national number too long for its country', '06123456789012', 2, 1, 'FR'],
    ['digits under a private numbering plan (NPI 9)', '33612345678', 1, 9, 'FR'],
    ['an empty address', '', 1, 1, 'FR'],
    ['punctuation', '+33 6 12', 1, 1, 'FR'],
  ])('%s stays as it came, unresolved', (_label, addr, ton, npi, country) => {
    expect(inboundAddress(addr, ton, npi, country as never)).toEqual({ kind: 'unresolved', address: addr.trim() });
  });

  it('never produces an E.164 address with an unknown country code', () => {
    for (let ton = 0; ton <= 6; ton++) {
      for (const addr of ['0612345678', '612345678', '0000000000', '999999999999']) {
        const r = inboundAddress(addr, ton, 1, 'FR');
        if (r.address.startsWith('+')) expect(r.address).toMatch(/^\+[1-9]\d{6,14}$/);
        expect(r.address.startsWith('+0')).toBe(false);
      }
    }
  });
});
