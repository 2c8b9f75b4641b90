import { describe, expect, it } from 'vitest';
import { MAX_SEGMENTS, analyzeSms } from './index.js';

const a = (n: number) => 'a'.repeat(n);
/** A UCS-2 text of n units: one ç forces UCS-2, the rest is ASCII. */
const ucs = (n: number) => 'ç' + a(n - 1);
const lengths = (parts: readonly string[]) => parts.map((p) => p.length);

describe('empty text', () => {
  it('is GSM-7 with no segment and a full first part left', () => {
    expect(analyzeSms('')).toEqual({
      encoding: 'GSM-7',
      characters: 0,
      units: 0,
      segments: 0,
      parts: [],
      maxSegments: 8,
      limitUnits: 1224,
      perSegmentUnits: 160,
      remainingInSegment: 160,
      overLimit: false,
      nonGsm: [],
    });
    expect(analyzeSms('', { nationalLanguage: 'turkish' }).nationalLanguage).toBeUndefined();
  });
});

describe('GSM-7 credits', () => {
  it('160 septets are one credit, 161 are two parts of 153 + 8', () => {
    const one = analyzeSms(a(160));
    expect(one).toMatchObject({
      encoding: 'GSM-7',
      units: 160,
      segments: 1,
      perSegmentUnits: 160,
      remainingInSegment: 0,
    });
    expect(one.parts).toEqual([a(160)]);
    const two = analyzeSms(a(161));
    expect(two).toMatchObject({ units: 161, segments: 2, perSegmentUnits: 153, remainingInSegment: 145 });
    expect(lengths(two.parts)).toEqual([153, 8]);
  });

  it('306 septets are two credits, 307 are three', () => {
    expect(analyzeSms(a(306))).toMatchObject({ segments: 2, remainingInSegment: 0 });
    expect(analyzeSms(a(307))).toMatchObject({ segments: 3, remainingInSegment: 152 });
    expect(lengths(analyzeSms(a(307)).parts)).toEqual([153, 153, 1]);
  });

  it('1224 septets are the cap of 8 credits; 1225 are over it and still counted', () => {
    const cap = analyzeSms(a(1224));
    expect(cap).toMatchObject({ segments: 8, overLimit: false, limitUnits: 1224, maxSegments: MAX_SEGMENTS });
    const over = analyzeSms(a(1225));
    expect(over).toMatchObject({ segments: 9, overLimit: true, units: 1225, limitUnits: 1224 });
    expect(over.parts).toHaveLength(9);
  });

  it('extension characters cost two septets each', () => {
    const r = analyzeSms('\f^{}\\[~]|€');
    expect(r).toMatchObject({ encoding: 'GSM-7', characters: 10, units: 20, segments: 1, remainingInSegment: 140 });
    expect(analyzeSms('€'.repeat(80))).toMatchObject({ units: 160, segments: 1 });
    expect(analyzeSms('€'.repeat(81))).toMatchObject({ units: 162, segments: 2 });
  });

  it('never splits an escape pair: a € that would straddle septet 153 moves to the next part', () => {
    const r = analyzeSms(a(152) + '€' + a(10));
    expect(r).toMatchObject({ units: 164, segments: 2, remainingInSegment: 153 - 12 });
    expect(r.parts).toEqual([a(152), '€' + a(10)]);
    // The closed part leaves one septet unused, which can add a credit.
    expect(analyzeSms(a(152) + '€' + a(152)).segments).toBe(3);
    expect(analyzeSms(a(151) + '€' + a(153)).segments).toBe(2);
  });

  it('a € that fits exactly at septets 152-153 stays in the first part', () => {
    expect(analyzeSms(a(151) + '€' + a(10)).parts).toEqual([a(151) + '€', a(10)]);
  });

  it('costs every ASCII character as the tables say', () => {
    const single = '\n\r !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';
    const escaped = '\f[\\]^{|}~';
    for (let c = 0; c < 128; c++) {
      const ch = String.fromCharCode(c);
      const r = analyzeSms('a' + ch.repeat(200));
      if (single.includes(ch)) expect(r, JSON.stringify(ch)).toMatchObject({ encoding: 'GSM-7', units: 201 });
      else if (escaped.includes(ch)) expect(r, JSON.stringify(ch)).toMatchObject({ encoding: 'GSM-7', units: 401 });
      else expect(r, JSON.stringify(ch)).toMatchObject({ encoding: 'UCS-2', units: 201 });
    }
  });

  it('@ is septet 0 and costs one', () => {
    expect(analyzeSms('@'.repeat(160))).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(analyzeSms('@'.repeat(161)).segments).toBe(2);
  });

  it('CR and LF are one septet each, CRLF two, and they may fall on either side of a split', () => {
    expect(analyzeSms('a\r\nb')).toMatchObject({ encoding: 'GSM-7', units: 4, characters: 4 });
    expect(analyzeSms(a(158) + '\r\n')).toMatchObject({ units: 160, segments: 1 });
    expect(analyzeSms(a(159) + '\r\n').segments).toBe(2);
    expect(analyzeSms(a(152) + '\r\n' + a(10)).parts).toEqual([a(152) + '\r', '\n' + a(10)]);
  });

  it('is case sensitive: Ç is GSM-7, ç is not', () => {
    expect(analyzeSms('Ça va')).toMatchObject({ encoding: 'GSM-7', units: 5, nonGsm: [] });
    expect(analyzeSms('ça va')).toMatchObject({ encoding: 'UCS-2', units: 5, nonGsm: [{ char: 'ç', index: 0 }] });
  });
});

describe('UCS-2 credits', () => {
  it('70 units are one credit, 71 are two parts of 67 + 4', () => {
    expect(analyzeSms(ucs(70))).toMatchObject({
      encoding: 'UCS-2',
      units: 70,
      segments: 1,
      perSegmentUnits: 70,
      remainingInSegment: 0,
    });
    const r = analyzeSms(ucs(71));
    expect(r).toMatchObject({ segments: 2, perSegmentUnits: 67, remainingInSegment: 63, limitUnits: 536 });
    expect(lengths(r.parts)).toEqual([67, 4]);
  });

  it('134 units are two credits, 135 are three', () => {
    expect(analyzeSms(ucs(134))).toMatchObject({ segments: 2, remainingInSegment: 0 });
    expect(analyzeSms(ucs(135))).toMatchObject({ segments: 3, remainingInSegment: 66 });
  });

  it('536 units are the cap of 8 credits; 537 are over it', () => {
    expect(analyzeSms(ucs(536))).toMatchObject({ segments: 8, overLimit: false, limitUnits: 536 });
    expect(analyzeSms(ucs(537))).toMatchObject({ segments: 9, overLimit: true, units: 537 });
  });

  it('counts most emoji as two units and one character', () => {
    expect(analyzeSms('😀')).toMatchObject({
      encoding: 'UCS-2',
      characters: 1,
      units: 2,
      nonGsm: [{ char: '😀', index: 0 }],
    });
    expect(analyzeSms('😀'.repeat(35))).toMatchObject({ units: 70, segments: 1 });
    expect(analyzeSms('😀'.repeat(36))).toMatchObject({ units: 72, segments: 2 });
  });

  it('never splits a surrogate pair: an emoji that would straddle unit 67 moves to the next part', () => {
    const r = analyzeSms(ucs(66) + '😀' + a(10));
    expect(r).toMatchObject({ units: 78, segments: 2, remainingInSegment: 67 - 12 });
    expect(r.parts).toEqual([ucs(66), '😀' + a(10)]);
    expect(analyzeSms(ucs(65) + '😀' + a(10)).parts).toEqual([ucs(65) + '😀', a(10)]);
  });

  it('may split inside a grapheme cluster', () => {
    const r = analyzeSms(ucs(66) + 'e\u0301' + a(10));
    expect(r.parts).toEqual([ucs(66) + 'e', '\u0301' + a(10)]);
    expect(r.characters).toBe(78);
  });

  it('reports every character forcing UCS-2 at its UTF-16 index', () => {
    expect(analyzeSms('a😀çŁ€').nonGsm).toEqual([
      { char: '😀', index: 1 },
      { char: 'ç', index: 3 },
      { char: 'Ł', index: 4 },
    ]);
  });

  it('counts a lone surrogate as one unit and one character', () => {
    expect(analyzeSms('a\ud83d')).toMatchObject({
      encoding: 'UCS-2',
      characters: 2,
      units: 2,
      nonGsm: [{ char: '\ud83d', index: 1 }],
    });
    expect(analyzeSms('\ude00\ud83d')).toMatchObject({ characters: 2, units: 2 });
  });

  it('counts GSM-7 extension characters as one unit in UCS-2', () => {
    expect(analyzeSms('ç€{')).toMatchObject({ encoding: 'UCS-2', units: 3, nonGsm: [{ char: 'ç', index: 0 }] });
  });
});

describe('national language tables (3GPP TS 23.038 Annex A)', () => {
  const tr = { nationalLanguage: 'turkish' } as const;
  const es = { nationalLanguage: 'spanish' } as const;
  const pt = { nationalLanguage: 'portuguese' } as const;

  it('Turkish text with ş, ğ, ı is GSM-7 with the option, UCS-2 without', () => {
    const text = 'Sipariş ağır değil, ılık İstanbul';
    expect(analyzeSms(text)).toMatchObject({ encoding: 'UCS-2' });
    const r = analyzeSms(text, tr);
    expect(r).toMatchObject({ encoding: 'GSM-7', nationalLanguage: 'turkish', nonGsm: [], segments: 1 });
    // The Turkish locking table holds all of them: one septet each, one indicator.
    expect(r).toMatchObject({ units: text.length, perSegmentUnits: 155, limitUnits: 8 * 149 });
  });

  it('one indicator: 155 septets in one credit, then parts of 149', () => {
    expect(analyzeSms('ş'.repeat(155), tr)).toMatchObject({ segments: 1, perSegmentUnits: 155, remainingInSegment: 0 });
    const r = analyzeSms('ş'.repeat(156), tr);
    expect(r).toMatchObject({ segments: 2, perSegmentUnits: 149, remainingInSegment: 142, limitUnits: 1192 });
    expect(lengths(r.parts)).toEqual([149, 7]);
    expect(analyzeSms('ş'.repeat(1192), tr)).toMatchObject({ segments: 8, overLimit: false });
    expect(analyzeSms('ş'.repeat(1193), tr)).toMatchObject({ segments: 9, overLimit: true });
  });

  it('two indicators: 152 septets in one credit, then parts of 146', () => {
    // ª is only in the Portuguese locking table, Φ in the default alphabet and the Portuguese shift table but not in
    // the Portuguese locking table: together they need the Portuguese locking and shift tables.
    const base = 'ªΦ'; // 1 + 2 septets
    expect(analyzeSms(base, pt)).toMatchObject({
      encoding: 'GSM-7',
      units: 3,
      perSegmentUnits: 152,
      nationalLanguage: 'portuguese',
    });
    expect(analyzeSms(base + a(149), pt)).toMatchObject({ units: 152, segments: 1, remainingInSegment: 0 });
    const r = analyzeSms(base + a(150), pt);
    expect(r).toMatchObject({
      units: 153,
      segments: 2,
      perSegmentUnits: 146,
      limitUnits: 1168,
      remainingInSegment: 139,
    });
    expect(lengths(r.parts)).toEqual([145, 7]);
  });

  it('never splits a national escape pair', () => {
    // á is only in the Spanish single shift table: two septets.
    const r = analyzeSms(a(148) + 'á' + a(10), es);
    expect(r).toMatchObject({ units: 160, segments: 2, perSegmentUnits: 149 });
    expect(r.parts).toEqual([a(148), 'á' + a(10)]);
  });

  it('Spanish uses the default alphabet with the Spanish single shift table', () => {
    // ¿ é Ñ are in the default alphabet; ú only in the Spanish single shift table.
    const text = '¿Qué tal? Ñandú';
    expect(analyzeSms(text)).toMatchObject({ encoding: 'UCS-2', nonGsm: [{ char: 'ú', index: 14 }] });
    expect(analyzeSms(text, es)).toMatchObject({
      encoding: 'GSM-7',
      units: text.length + 1,
      nationalLanguage: 'spanish',
    });
    // ã is in no Spanish table.
    expect(analyzeSms('ú ã', es)).toMatchObject({ encoding: 'UCS-2', nonGsm: [{ char: 'ã', index: 2 }] });
  });

  it('Spanish accented capitals and ç cost two septets', () => {
    const r = analyzeSms('Información útil: Ángel, ç', es);
    expect(r).toMatchObject({ encoding: 'GSM-7', nationalLanguage: 'spanish', perSegmentUnits: 155 });
    // ó ú Á ç via the shift table; the rest is in the default alphabet.
    expect(r.units).toBe(r.characters + 4);
    expect(analyzeSms('á'.repeat(77) + 'a', es)).toMatchObject({ units: 155, segments: 1 });
    expect(analyzeSms('á'.repeat(78), es)).toMatchObject({ units: 156, segments: 2 });
  });

  it('Portuguese picks the cheapest table combination', () => {
    const text = 'Não é possível, ação já!';
    const r = analyzeSms(text, pt);
    // Portuguese locking table: ã, ç, í, á one septet each.
    expect(r).toMatchObject({
      encoding: 'GSM-7',
      nationalLanguage: 'portuguese',
      units: text.length,
      perSegmentUnits: 155,
    });
  });

  it('prefers the default alphabet with the national shift table when that is cheaper', () => {
    // è and Ø are not in the Turkish locking table; ş is in the Turkish shift table.
    const r = analyzeSms('Øè ş', tr);
    expect(r).toMatchObject({ encoding: 'GSM-7', units: 5, perSegmentUnits: 155, nationalLanguage: 'turkish' });
  });

  it('does not use national tables for plain GSM-7 text', () => {
    const r = analyzeSms('Hello {world} €', tr);
    expect(r).toMatchObject({ encoding: 'GSM-7', perSegmentUnits: 160, limitUnits: 1224 });
    expect(r.nationalLanguage).toBeUndefined();
  });

  it('keeps the plain alphabet even where national tables would save a credit', () => {
    const euros = '€'.repeat(160); // 320 septets in the default alphabet
    expect(analyzeSms(euros, tr)).toMatchObject({ segments: 3, perSegmentUnits: 153 });
    // Once ş needs the Turkish tables, € costs one septet in the Turkish locking table.
    expect(analyzeSms(euros + 'ş', tr)).toMatchObject({ segments: 2, units: 161, nationalLanguage: 'turkish' });
  });

  it('falls back to UCS-2 when the national tables cannot encode the text', () => {
    const r = analyzeSms('ş 😀', tr);
    expect(r).toMatchObject({ encoding: 'UCS-2', units: 4, perSegmentUnits: 70 });
    expect(r.nationalLanguage).toBeUndefined();
    // Only the emoji forces UCS-2 here: ş alone would be GSM-7 with the Turkish tables.
    expect(r.nonGsm).toEqual([{ char: '😀', index: 2 }]);
  });

  it('reports the national characters when no single table combination holds them all', () => {
    // ª exists only in the Portuguese locking table, è only in the default alphabet.
    const r = analyzeSms('ª è', pt);
    expect(r).toMatchObject({ encoding: 'UCS-2' });
    expect(r.nonGsm).toEqual([{ char: 'ª', index: 0 }]);
  });

  it('ignores an unknown language', () => {
    const r = analyzeSms('ş', { nationalLanguage: 'klingon' as 'turkish' });
    expect(r).toMatchObject({ encoding: 'UCS-2' });
    expect(r.nationalLanguage).toBeUndefined();
  });
});
