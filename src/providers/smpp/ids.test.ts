import { describe, expect, it } from 'vitest';
import { alternateIds, canonicalId, convertReceiptId } from './ids.js';

describe('SMSC message ids', () => {
  it('compares without case, surrounding space or leading zeros', () => {
    expect(canonicalId(' 000a1b2c ')).toBe('A1B2C');
    expect(canonicalId('0000')).toBe('0');
    expect(canonicalId('')).toBe('');
  });

  it('offers the same number in the other base', () => {
    expect(alternateIds('255')).toEqual(['FF', '597']);
    expect(alternateIds('ff')).toEqual(['255']);
    expect(alternateIds('msg-1')).toEqual([]);
  });

  it('converts receipt ids when the operator says the SMSC mixes bases', () => {
    expect(convertReceiptId('00ff', 'hex-to-decimal')).toBe('255');
    expect(convertReceiptId('255', 'decimal-to-hex')).toBe('FF');
    expect(convertReceiptId('0255', 'none')).toBe('255');
  });

  it('handles ids wider than 53 bits', () => {
    expect(convertReceiptId('FFFFFFFFFFFFFFFF', 'hex-to-decimal')).toBe('18446744073709551615');
  });
});
