import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeSms, isGsm7Char, toGsmLookalikes } from './index.js';

describe('toGsmLookalikes', () => {
  it('replaces curly, low and angle quotes and primes', () => {
    const r = toGsmLookalikes('‘a’ ‚b‛ “c” „d‟ ′ ″ «e» ‹f›');
    expect(r.text).toBe(`'a' 'b' "c" "d" ' " "e" 'f'`);
    expect(r.replacements).toHaveLength(14);
    expect(r.replacements[0]).toEqual({ index: 0, from: '‘', to: "'" });
    expect(r.replacements[4]).toEqual({ index: 8, from: '“', to: '"' });
  });

  it('replaces hyphens, dashes and the minus sign with -', () => {
    expect(toGsmLookalikes('a\u2010b\u2011c\u2012d–e—f―g−1').text).toBe('a-b-c-d-e-f-g-1');
  });

  it('expands the ellipsis and reports indices in the original text', () => {
    const r = toGsmLookalikes('Wait… “ok”');
    expect(r.text).toBe('Wait... "ok"');
    expect(r.replacements).toEqual([
      { index: 4, from: '…', to: '...' },
      { index: 6, from: '“', to: '"' },
      { index: 9, from: '”', to: '"' },
    ]);
  });

  it('turns no-break, narrow, thin, hair, figure, ideographic and other spaces into a space', () => {
    const spaces = '\u00a0\u202f\u2009\u200a\u2007\u3000\u2002\u2003\u205f\t';
    const r = toGsmLookalikes(`a${spaces}b`);
    expect(r.text).toBe(`a${' '.repeat(spaces.length)}b`);
    expect(r.replacements.map((x) => x.index)).toEqual([...spaces].map((_, i) => i + 1));
  });

  it('turns line and paragraph separators into a line feed', () => {
    expect(toGsmLookalikes('a\u2028b\u2029c').text).toBe('a\nb\nc');
  });

  it('removes zero-width spaces, word joiners, soft hyphens and byte order marks', () => {
    const r = toGsmLookalikes('\ufeffco\u00adop\u200Ber\u2060ate');
    expect(r.text).toBe('cooperate');
    expect(r.replacements).toEqual([
      { index: 0, from: '\ufeff', to: '' },
      { index: 3, from: '\u00ad', to: '' },
      { index: 6, from: '\u200b', to: '' },
      { index: 9, from: '\u2060', to: '' },
    ]);
  });

  it('removes joiners between GSM-7 characters but keeps them where they shape emoji or scripts', () => {
    expect(toGsmLookalikes('a\u200db\u200cc\u200d').text).toBe('abc');
    const family = '👨\u200d👩\u200d👧';
    expect(toGsmLookalikes(family)).toEqual({ text: family, replacements: [] });
    const persian = 'می\u200cخواهم';
    expect(toGsmLookalikes(persian)).toEqual({ text: persian, replacements: [] });
    // A joiner next to an emoji is kept even when the other side is plain text.
    expect(toGsmLookalikes('ok\u200d😀').text).toBe('ok\u200d😀');
  });

  it('judges joiners across other invisible characters', () => {
    expect(toGsmLookalikes('a\u200d\u200b\u200cb').replacements).toEqual([
      { index: 1, from: '\u200d', to: '' },
      { index: 2, from: '\u200b', to: '' },
      { index: 3, from: '\u200c', to: '' },
    ]);
    expect(toGsmLookalikes('😀\u200d\u200b\u200d😀').text).toBe('😀\u200d\u200d😀');
  });

  it('maps fullwidth ASCII to ASCII, except the grave accent which GSM-7 lacks', () => {
    const r = toGsmLookalikes('ＡＢＣ１２３！＠｛～｝￡￥｀');
    expect(r.text).toBe('ABC123!@{~}£¥｀');
    expect(r.replacements).toHaveLength(13);
  });

  it('leaves characters without a faithful GSM-7 equivalent untouched', () => {
    const text = 'ça, łódź, 😀👍🏽, • item, 5×3, ´, `, ñ Ç';
    expect(toGsmLookalikes(text)).toEqual({ text, replacements: [] });
  });

  it('can cost more credits when ellipses expand to three characters', () => {
    const t = 'ç' + '…'.repeat(69);
    expect(analyzeSms(t).segments).toBe(1);
    expect(analyzeSms(toGsmLookalikes(t).text).segments).toBe(4);
  });

  it('returns the text itself when there is nothing to replace', () => {
    expect(toGsmLookalikes('')).toEqual({ text: '', replacements: [] });
    expect(toGsmLookalikes('Plain GSM text {€}')).toEqual({ text: 'Plain GSM text {€}', replacements: [] });
  });

  it('makes a smart-punctuation message GSM-7 again, saving credits', () => {
    const typed = '“Your order’s ready” – pick it up at 10\u202fam…';
    expect(analyzeSms(typed).encoding).toBe('UCS-2');
    expect(analyzeSms(toGsmLookalikes(typed).text)).toMatchObject({ encoding: 'GSM-7', nonGsm: [] });
  });
});

describe('toGsmLookalikes properties', () => {
  const special = fc.constantFrom(
    ...'‘’‚‛“”„‟′″«»‹›\u2010\u2011\u2012\u2013\u2014\u2015\u2212…\u00a0\u202f\u2009\u3000\u200b\u200c\u200d\ufeff\u00adＡ｀çł•',
    '😀',
    '👍🏽',
  );
  const text = fc
    .array(fc.oneof({ arbitrary: fc.constantFrom(...'ab c.'), weight: 3 }, { arbitrary: special, weight: 2 }), {
      maxLength: 60,
    })
    .map((a) => a.join(''));
  const anyText = fc.oneof(text, fc.string({ unit: 'binary', maxLength: 60 }));

  it('replacements rebuild the output from the original, in order, with GSM-7 replacements only', () => {
    fc.assert(
      fc.property(anyText, (t) => {
        const r = toGsmLookalikes(t);
        let rebuilt = '';
        let at = 0;
        for (const x of r.replacements) {
          expect(x.index).toBeGreaterThanOrEqual(at);
          expect(t.slice(x.index, x.index + x.from.length)).toBe(x.from);
          for (const ch of x.to) expect(isGsm7Char(ch)).toBe(true);
          rebuilt += t.slice(at, x.index) + x.to;
          at = x.index + x.from.length;
        }
        expect(rebuilt + t.slice(at)).toBe(r.text);
      }),
      { numRuns: 500 },
    );
  });

  it('never replaces a GSM-7 character and is idempotent', () => {
    fc.assert(
      fc.property(anyText, (t) => {
        const r = toGsmLookalikes(t);
        for (const x of r.replacements) expect(isGsm7Char(x.from)).toBe(false);
        expect(toGsmLookalikes(r.text).text).toBe(r.text);
      }),
      { numRuns: 500 },
    );
  });

  it('never costs more credits than the original, unless ellipses expand', () => {
    fc.assert(
      fc.property(
        text.map((t) => t.replaceAll('…', '')),
        (t) => {
          expect(analyzeSms(toGsmLookalikes(t).text).segments).toBeLessThanOrEqual(analyzeSms(t).segments);
        },
      ),
      { numRuns: 300 },
    );
  });
});
