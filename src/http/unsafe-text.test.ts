import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findUnsafeText, unsafeTextReason, wellFormedEvent, wellFormedText } from './unsafe-text.js';

describe('unsafe text', () => {
  it('names NUL and lone surrogates, and lets noncharacters and 4-byte characters pass', () => {
    expect(unsafeTextReason('a\u0000b')).toBe('NUL_CHARACTER');
    expect(unsafeTextReason('end \ud83d')).toBe('LONE_SURROGATE');
    expect(unsafeTextReason('\ude00 start')).toBe('LONE_SURROGATE');
    expect(unsafeTextReason('swapped \ude00\ud83d')).toBe('LONE_SURROGATE');
    expect(unsafeTextReason('party 🎉 𝄞 \uFFFE \uFDD0 \uFFFF')).toBeNull();
  });

  it('points at the field: nested, in an array, in a key', () => {
    expect(findUnsafeText({ name: 'ok', settings: { url: 'x\u0000' } })).toEqual({ field: 'settings.url', reason: 'NUL_CHARACTER' });
    expect(findUnsafeText({ numberIds: ['a', '\ud800'] })).toEqual({ field: 'numberIds.1', reason: 'LONE_SURROGATE' });
    expect(findUnsafeText({ settings: { 'k\u0000': 1 } })).toEqual({ field: 'settings.k\\u0000', reason: 'NUL_CHARACTER' });
    expect(findUnsafeText('raw \u0000')).toEqual({ field: '', reason: 'NUL_CHARACTER' });
    expect(findUnsafeText({ n: 1e308, b: true, z: null, list: [] })).toBeNull();
  });

  it('walks a body nested 50,000 levels deep without overflowing the stack', () => {
    const deep = JSON.parse('['.repeat(50_000) + '"\\u0000"' + ']'.repeat(50_000)) as unknown;
    expect(findUnsafeText(deep)?.reason).toBe('NUL_CHARACTER');
  });

  it('cleans any string into one PostgreSQL stores, changing nothing else', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const clean = wellFormedText(s);
        expect(unsafeTextReason(clean)).toBeNull();
        expect(clean.length).toBe(s.length);
        if (unsafeTextReason(s) === null) expect(clean).toBe(s);
      }),
    );
    expect(wellFormedText('at\u0000home \ud800')).toBe('at\uFFFDhome \uFFFD');
    const at = new Date();
    expect(wellFormedEvent({ type: 'inbound', body: 'a\u0000', at })).toEqual({ type: 'inbound', body: 'a\uFFFD', at });
  });
});
