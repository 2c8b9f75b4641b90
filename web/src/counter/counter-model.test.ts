import { describe, expect, it } from 'vitest';
import { MAX_CULPRITS, counterView, replaceLookalikes } from './counter-model';

describe('counterView', () => {
  it('counts an empty message as nothing used', () => {
    const v = counterView('');
    expect(v).toMatchObject({ characters: 0, segments: 0, maxSegments: 8, encoding: 'GSM-7', limitUnits: 1224, overLimit: false, unicode: null });
  });

  it('shows the GSM-7 limit while the text is GSM-7, the UCS-2 limit once it is not', () => {
    expect(counterView('Hello').limitUnits).toBe(1224);
    expect(counterView('Hello ✓').limitUnits).toBe(536);
    expect(counterView('Hello ✓').encoding).toBe('UCS-2');
  });

  it('counts credits across the single and concatenated capacities', () => {
    expect(counterView('a'.repeat(160)).segments).toBe(1);
    expect(counterView('a'.repeat(161)).segments).toBe(2);
    expect(counterView('a'.repeat(1224))).toMatchObject({ segments: 8, overLimit: false });
    expect(counterView('a'.repeat(1225))).toMatchObject({ segments: 9, overLimit: true });
    expect(counterView('ж'.repeat(536))).toMatchObject({ encoding: 'UCS-2', segments: 8, overLimit: false });
    expect(counterView('ж'.repeat(537))).toMatchObject({ encoding: 'UCS-2', segments: 9, overLimit: true });
  });

  it('counts escaped characters twice in the length, once in the characters', () => {
    const v = counterView('€[]');
    expect(v.characters).toBe(3);
    expect(v.units).toBe(6);
  });

  it('names the characters that force Unicode, once each with their count', () => {
    const v = counterView('“Hi” – it’s “me”');
    expect(v.unicode?.culprits.map((c) => [c.char, c.count, c.codePoint])).toEqual([
      ['“', 2, 'U+201C'],
      ['”', 2, 'U+201D'],
      ['–', 1, 'U+2013'],
      ['’', 1, 'U+2019'],
    ]);
    expect(v.unicode?.canReplace).toBe(true);
  });

  it('names invisible culprits instead of showing nothing', () => {
    const v = counterView('a\u00a0b\u200bc\u2028d');
    expect(v.unicode?.culprits.map((c) => c.look)).toEqual(['noBreakSpace', 'invisible', 'lineBreak']);
  });

  it('offers no replacement when no look-alike is the cause', () => {
    expect(counterView('Merci 🙂').unicode?.canReplace).toBe(false);
    expect(counterView('Merci 🙂').unicode?.culprits.map((c) => c.char)).toEqual(['🙂']);
  });

  it('lists at most MAX_CULPRITS characters and says how many more', () => {
    const v = counterView('абвгдежзийк');
    expect(v.unicode?.culprits).toHaveLength(MAX_CULPRITS);
    expect(v.unicode?.more).toBe(11 - MAX_CULPRITS);
  });

  it('uses the sender number’s national table when it has one', () => {
    expect(counterView('Günaydın ş', 'turkish')).toMatchObject({ encoding: 'GSM-7', nationalLanguage: 'turkish', unicode: null });
    expect(counterView('Günaydın ş', null).encoding).toBe('UCS-2');
  });
});

describe('replaceLookalikes', () => {
  it('turns typographic look-alikes into standard characters, so the message goes back to GSM-7', () => {
    const r = replaceLookalikes('“Hi” – it’s…');
    expect(r).toEqual({ text: '"Hi" - it\'s...', replaced: 5 });
    expect(counterView(r.text).encoding).toBe('GSM-7');
  });
});
