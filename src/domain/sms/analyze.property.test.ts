import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GSM7_TABLES, type Gsm7Tables } from './alphabets.js';
import { analyzeSms, isGsm7Char, type NationalLanguage, type SmsAnalysis } from './index.js';

// A reference that follows the specification literally and slowly (code point by code point, every table
// combination tried), to check the single-pass implementation against.

const ESC = '\u001b';

function costOf(lock: string, shift: Gsm7Tables['shift']): (cp: string) => number {
  const locked = new Set([...lock].filter((c) => c !== ESC));
  const shifted = new Set(shift.map(([, c]) => c));
  return (cp) => (locked.has(cp) ? 1 : shifted.has(cp) ? 2 : 0);
}

/** Septets or units of 140 octets left after the UDH, per TS 23.040. */
function capacity(encoding: 'GSM-7' | 'UCS-2', indicators: number, concatenated: boolean): number {
  const elements = (concatenated ? 5 : 0) + 3 * indicators;
  const udh = elements === 0 ? 0 : 1 + elements;
  return encoding === 'GSM-7' ? Math.floor(((140 - udh) * 8) / 7) : Math.floor((140 - udh) / 2);
}

interface Model {
  encoding: 'GSM-7' | 'UCS-2';
  characters: number;
  units: number;
  segments: number;
  parts: string[];
  perSegmentUnits: number;
  remainingInSegment: number;
  limitUnits: number;
  overLimit: boolean;
  nationalLanguage?: NationalLanguage;
}

function layout(cps: string[], costs: number[], encoding: 'GSM-7' | 'UCS-2', indicators: number): Model {
  const units = costs.reduce((s, c) => s + c, 0);
  const single = capacity(encoding, indicators, false);
  const concat = capacity(encoding, indicators, true);
  const base = { encoding, characters: cps.length, units, limitUnits: concat * 8 };
  if (units === 0) {
    return { ...base, segments: 0, parts: [], perSegmentUnits: single, remainingInSegment: single, overLimit: false };
  }
  if (units <= single) {
    return {
      ...base,
      segments: 1,
      parts: [cps.join('')],
      perSegmentUnits: single,
      remainingInSegment: single - units,
      overLimit: false,
    };
  }
  const parts: string[] = [];
  let current = '';
  let used = 0;
  cps.forEach((cp, i) => {
    const c = costs[i]!;
    if (used + c > concat) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += cp;
    used += c;
  });
  parts.push(current);
  return {
    ...base,
    segments: parts.length,
    parts,
    perSegmentUnits: concat,
    remainingInSegment: concat - used,
    overLimit: parts.length > 8,
  };
}

function reference(text: string, language?: NationalLanguage): Model {
  const cps = Array.from(text);
  const def = GSM7_TABLES.default;
  const plain = cps.map(costOf(def.lock!, def.shift));
  if (plain.every((c) => c > 0)) return layout(cps, plain, 'GSM-7', 0);
  if (language !== undefined) {
    const nat = GSM7_TABLES[language];
    const locks = nat.lock === null ? [def.lock!] : [def.lock!, nat.lock];
    let best: Model | undefined;
    let bestIndicators = 0;
    for (const lock of locks) {
      for (const shift of [def.shift, nat.shift]) {
        const indicators = (lock === def.lock ? 0 : 1) + (shift === def.shift ? 0 : 1);
        if (indicators === 0) continue;
        const costs = cps.map(costOf(lock, shift));
        if (!costs.every((c) => c > 0)) continue;
        const m = layout(cps, costs, 'GSM-7', indicators);
        const better =
          best === undefined ||
          m.segments < best.segments ||
          (m.segments === best.segments &&
            (indicators < bestIndicators || (indicators === bestIndicators && m.units < best.units)));
        if (better) {
          best = m;
          bestIndicators = indicators;
        }
      }
    }
    if (best !== undefined) return { ...best, nationalLanguage: language };
  }
  return layout(
    cps,
    cps.map((cp) => cp.length),
    'UCS-2',
    0,
  );
}

function modelOf(r: SmsAnalysis): Model {
  const { nonGsm: _nonGsm, maxSegments: _max, ...rest } = r;
  return { ...rest, parts: [...r.parts] };
}

// Generators: GSM-7 characters, characters only national tables hold, and characters no table holds
// (emoji, combining marks, lone surrogates, other scripts), mixed in different proportions.
const defaultChars = [...GSM7_TABLES.default.lock!.replace(ESC, ''), ...GSM7_TABLES.default.shift.map(([, c]) => c)];
function nationalOnly(language: NationalLanguage): string[] {
  const t = GSM7_TABLES[language];
  const chars = [...(t.lock ?? '').replace(ESC, ''), ...t.shift.map(([, c]) => c)];
  return [...new Set(chars)].filter((c) => !isGsm7Char(c));
}
const nationalChars = [...new Set((['turkish', 'spanish', 'portuguese'] as const).flatMap(nationalOnly))];
const foreignChars = ['😀', '👍🏽', '🇫🇷', 'ł', 'Ж', 'ع', '•', '\t', '`', '\u0301', '\u200d', '\ud83d', '\ude00', '中'];

const gsm = fc.constantFrom(...defaultChars);
const ascii = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz ABC.,!?0123456789');
const national = fc.constantFrom(...nationalChars);
const foreign = fc.constantFrom(...foreignChars);

function textOf(unit: fc.Arbitrary<string>, maxLength = 1300): fc.Arbitrary<string> {
  return fc
    .integer({ min: 0, max: maxLength })
    .chain((n) => fc.array(unit, { minLength: n, maxLength: n }))
    .map((a) => a.join(''));
}

const anyUnit = fc.oneof(
  { arbitrary: ascii, weight: 10 },
  { arbitrary: gsm, weight: 6 },
  { arbitrary: national, weight: 3 },
  { arbitrary: foreign, weight: 1 },
);
const texts = fc.oneof(
  textOf(gsm),
  textOf(fc.oneof({ arbitrary: ascii, weight: 8 }, { arbitrary: gsm, weight: 2 })),
  textOf(anyUnit),
  textOf(fc.oneof({ arbitrary: ascii, weight: 20 }, { arbitrary: national, weight: 1 })),
  textOf(fc.oneof({ arbitrary: ascii, weight: 4 }, { arbitrary: foreign, weight: 1 }), 600),
  fc.string({ unit: 'binary', maxLength: 700 }),
);
const languages = fc.constantFrom<NationalLanguage | undefined>(undefined, 'turkish', 'spanish', 'portuguese');

/** Texts a national language can often encode: its own characters among ASCII and other GSM-7 ones. */
function nationalText(language: NationalLanguage): fc.Arbitrary<string> {
  const t = GSM7_TABLES[language];
  const own = fc.constantFrom(...nationalOnly(language));
  const lock = t.lock ?? GSM7_TABLES.default.lock!;
  // Characters reached only through the national shift table: with locking-only characters they need both tables.
  const shiftOnly = fc.constantFrom(...t.shift.map(([, c]) => c).filter((c) => !lock.includes(c)));
  return fc.oneof(
    textOf(fc.oneof({ arbitrary: ascii, weight: 6 }, { arbitrary: own, weight: 1 })),
    textOf(fc.oneof({ arbitrary: ascii, weight: 12 }, { arbitrary: gsm, weight: 1 }, { arbitrary: own, weight: 3 })),
    textOf(
      fc.oneof({ arbitrary: ascii, weight: 12 }, { arbitrary: own, weight: 2 }, { arbitrary: shiftOnly, weight: 1 }),
    ),
  );
}
const nationalTexts = {
  turkish: nationalText('turkish'),
  spanish: nationalText('spanish'),
  portuguese: nationalText('portuguese'),
};
/** [text, language]: any text without a language; with one, half of the texts lean on that language. */
const cases: fc.Arbitrary<[string, NationalLanguage | undefined]> = languages.chain((language) =>
  fc.tuple(language === undefined ? texts : fc.oneof(texts, nationalTexts[language]), fc.constant(language)),
);
const opts = (language: NationalLanguage | undefined) =>
  language === undefined ? undefined : { nationalLanguage: language };

/** Septets (escape included) of a GSM-7 text without national tables, or UTF-16 units of a UCS-2 one. */
function unitsOf(s: string, encoding: 'GSM-7' | 'UCS-2'): number {
  if (encoding === 'UCS-2') return s.length;
  let n = 0;
  for (const ch of s) n += GSM7_TABLES.default.shift.some(([, c]) => c === ch) ? 2 : 1;
  return n;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

describe('analyzeSms properties', { timeout: 60_000 }, () => {
  it('matches the literal reference on every field', () => {
    fc.assert(
      fc.property(cases, ([text, language]) => {
        expect(modelOf(analyzeSms(text, opts(language)))).toEqual(reference(text, language));
      }),
      { numRuns: 600 },
    );
  });

  it('parts join back to the text', () => {
    fc.assert(
      fc.property(
        fc.oneof(cases, fc.tuple(fc.string({ unit: 'grapheme', maxLength: 400 }), languages)),
        ([text, language]) => {
          expect(analyzeSms(text, opts(language)).parts.join('')).toBe(text);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('every part fits its capacity and closes only when the next character does not fit', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const r = analyzeSms(text);
        const sizes = r.parts.map((p) => unitsOf(p, r.encoding));
        expect(sizes.reduce((s, n) => s + n, 0)).toBe(r.units);
        for (const size of sizes) expect(size).toBeLessThanOrEqual(r.perSegmentUnits);
        for (let i = 0; i + 1 < r.parts.length; i++) {
          const next = r.parts[i + 1]!;
          const first = String.fromCodePoint(next.codePointAt(0)!);
          expect(sizes[i]! + unitsOf(first, r.encoding)).toBeGreaterThan(r.perSegmentUnits);
        }
        expect(r.overLimit).toBe(r.segments > 8);
      }),
      { numRuns: 300 },
    );
  });

  it('never splits a surrogate pair', () => {
    fc.assert(
      fc.property(cases, ([text, language]) => {
        const parts = analyzeSms(text, opts(language)).parts;
        for (let i = 0; i + 1 < parts.length; i++) {
          const end = parts[i]!.charCodeAt(parts[i]!.length - 1);
          const start = parts[i + 1]!.charCodeAt(0);
          expect(isHigh(end) && isLow(start)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is GSM-7 exactly when every character is in the default alphabet or extension table', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const r = analyzeSms(text);
        const cps = Array.from(text);
        expect(r.encoding === 'GSM-7').toBe(cps.every(isGsm7Char));
        const expected: { char: string; index: number }[] = [];
        let index = 0;
        for (const cp of cps) {
          if (!isGsm7Char(cp)) expected.push({ char: cp, index });
          index += cp.length;
        }
        expect(r.nonGsm).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('never lowers the credit count when characters are appended', () => {
    fc.assert(
      fc.property(texts, textOf(anyUnit, 5), (text, more) => {
        expect(analyzeSms(text + more).segments).toBeGreaterThanOrEqual(analyzeSms(text).segments);
      }),
      { numRuns: 300 },
    );
  });

  it('with a national language, never lowers the credit count once the plain alphabet no longer suffices', () => {
    // Moving from the plain alphabet to national tables can lower the count (see the € example in the unit tests):
    // plain GSM-7 is kept whenever it works. After that point every table combination only grows.
    fc.assert(
      fc.property(cases, textOf(anyUnit, 5), ([text, language], more) => {
        const before = analyzeSms(text, opts(language));
        fc.pre(before.encoding === 'UCS-2' || before.nationalLanguage !== undefined);
        expect(analyzeSms(text + more, opts(language)).segments).toBeGreaterThanOrEqual(before.segments);
      }),
      { numRuns: 300 },
    );
  });
});
