import { describe, expect, it } from 'vitest';
import { prefixUpperBound, searchTerms } from './search-terms.js';

describe('searchTerms', () => {
  it('folds accents and case into prefix words', () => {
    expect(searchTerms('  Reçu COLIS ')).toEqual({ tsquery: 'recu:* & colis:*', numberPrefix: null });
  });
  it('keeps the tsquery syntax out of what was typed', () => {
    expect(searchTerms("a&b|!c:*'(d)<->")?.tsquery).toBe('a:* & b:* & c:* & d:*');
    expect(searchTerms('&|!')?.tsquery ?? null).toBeNull();
  });
  it('reads a number, whole or its beginning, in international form', () => {
    expect(searchTerms('+33 6 12-34')?.numberPrefix).toBe('+3361234');
    expect(searchTerms('0033612')?.numberPrefix).toBe('+33612');
    expect(searchTerms('33612345678')?.numberPrefix).toBe('+33612345678');
    expect(searchTerms('hello 12')?.numberPrefix).toBeNull();
    expect(searchTerms('+44')?.numberPrefix).toBe('+44');
    expect(searchTerms('44')?.numberPrefix).toBeNull();
  });
  it('is nothing for an empty text', () => {
    expect(searchTerms('   ')).toBeNull();
    expect(searchTerms(undefined)).toBeNull();
  });
  it('bounds a prefix range', () => {
    expect(prefixUpperBound('+3361')).toBe('+3362');
    expect('+33619999' < prefixUpperBound('+3361')).toBe(true);
  });
});
