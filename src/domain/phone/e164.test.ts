import { describe, expect, it } from 'vitest';
import { toE164 } from './index.js';

describe('toE164', () => {
  it.each([
    ['447400123456', '+447400123456'],
    ['+44 7400 123456', '+447400123456'],
    ['0044 7400 123456', '+447400123456'],
    ['33612345678', '+33612345678'],
    ['+33 (0)6 12 34 56 78', '+33612345678'],
    ['12025550123', '+12025550123'],
    // Landlines too: inbound matching is not the place for the mobile rule.
    ['33142685300', '+33142685300'],
  ])('normalises %j', (raw, e164) => {
    expect(toE164(raw)).toBe(e164);
  });

  it('keeps numbers of a possible length in ranges the metadata does not list', () => {
    expect(toE164('447700900123')).toBe('+447700900123');
  });

  it.each(['', '  ', 'SMSDESK', '36111', '12345', '0612345678', '999123456789', '+33 6 12', '3361234567890123', '+33 6 12 34 56 78 ext 2'])(
    'returns null for what cannot be a phone number: %j',
    (raw) => {
      expect(toE164(raw)).toBeNull();
    },
  );
});
