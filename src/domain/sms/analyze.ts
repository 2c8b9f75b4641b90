// Encoding, length and credit count of an SMS per 3GPP TS 23.038 (alphabets) and TS 23.040 (concatenation).
// It runs on every keystroke, so each code unit is read once (once per table combination with a national
// language) and nothing is allocated per character beyond the parts and the list of characters that force UCS-2:
// a native regular-expression scan covers the leading run of one-septet ASCII characters (all of most messages),
// typed-array lookups the rest, and runs of one-unit characters are laid into parts arithmetically.
import { DEFAULT_COST, tablesFor, type TableChoice } from './charset.js';
import {
  MAX_SEGMENTS,
  type NationalLanguage,
  type NonGsmCharacter,
  type SmsAnalysis,
  type SmsAnalysisOptions,
  type SmsEncoding,
} from './types.js';

// Capacities of one part, from 140 octets of user data. A concatenated part carries a 6-octet UDH (length octet
// and the 8-bit-reference concatenation element); each national table indicator adds 3 octets. GSM-7 septets
// after the UDH start on a septet boundary, hence the floor of (140 - udh) * 8 / 7.
const GSM_SINGLE = [160, 155, 152] as const; // by number of national indicators
const GSM_CONCAT = [153, 149, 146] as const;
const UCS2_SINGLE = 70;
const UCS2_CONCAT = 67;

/** First code unit that is not a one-septet ASCII character of the default alphabet (LF, CR, space to Z, _, a to z). */
const NOT_PLAIN_ASCII = /[^\n\r\x20-\x5a\x5f\x61-\x7a]/;

interface Split {
  readonly units: number;
  /** UTF-16 indices where a new part starts when the message is concatenated. */
  readonly boundaries: readonly number[];
  /** Units in the last concatenated part. */
  readonly lastPartUnits: number;
}

/** Parts of `capacity` units holding the first `count` code units of the text, one unit each. */
function evenBoundaries(count: number, capacity: number): number[] {
  const boundaries: number[] = [];
  for (let b = capacity; b < count; b += capacity) boundaries.push(b);
  return boundaries;
}

/**
 * Greedy split into parts of `capacity` septets, or the index of the first code unit outside the tables. An
 * escape pair is one code unit of cost 2, so it moves whole to the next part when only one septet is left.
 * The first `from` code units are known to cost one septet each.
 */
function splitSeptets(text: string, cost: Uint8Array, capacity: number, from: number): Split | number {
  const n = text.length;
  const size = cost.length;
  const boundaries = evenBoundaries(from, capacity);
  let units = from;
  let part = from - boundaries.length * capacity;
  for (let i = from; i < n; i++) {
    // A run of one-septet characters fills parts arithmetically.
    const start = i;
    let c = text.charCodeAt(i);
    while (c < size && cost[c] === 1 && ++i < n) c = text.charCodeAt(i);
    if (i > start) {
      let run = i - start;
      units += run;
      let at = start;
      while (part + run > capacity) {
        at += capacity - part;
        run -= capacity - part;
        boundaries.push(at);
        part = 0;
      }
      part += run;
      if (i === n) break;
    }
    const k = c < size ? cost[c]! : 0;
    if (k === 0) return i;
    units += k;
    part += k;
    if (part > capacity) {
      boundaries.push(i);
      part = k;
    }
  }
  return { units, boundaries, lastPartUnits: part };
}

function segmentCount(split: Split, single: number): number {
  return split.units === 0 ? 0 : split.units <= single ? 1 : split.boundaries.length + 1;
}

function build(
  text: string,
  encoding: SmsEncoding,
  characters: number,
  split: Split,
  single: number,
  concat: number,
  nonGsm: readonly NonGsmCharacter[],
  nationalLanguage: NationalLanguage | undefined,
): SmsAnalysis {
  const segments = segmentCount(split, single);
  let parts: string[];
  if (segments === 0) parts = [];
  else if (segments === 1) parts = [text];
  else {
    const b = split.boundaries;
    parts = [];
    let start = 0;
    for (let p = 0; p < b.length; p++) {
      const end = b[p]!;
      parts.push(text.slice(start, end));
      start = end;
    }
    parts.push(text.slice(start));
  }
  const multi = segments > 1;
  const analysis: SmsAnalysis = {
    encoding,
    characters,
    units: split.units,
    segments,
    parts,
    maxSegments: MAX_SEGMENTS,
    limitUnits: concat * MAX_SEGMENTS,
    perSegmentUnits: multi ? concat : single,
    remainingInSegment: multi ? concat - split.lastPartUnits : single - split.units,
    overLimit: segments > MAX_SEGMENTS,
    nonGsm,
  };
  return nationalLanguage === undefined ? analysis : { ...analysis, nationalLanguage };
}

const NO_CHARACTERS: readonly NonGsmCharacter[] = Object.freeze([]);

// Strings of recently reported characters, by code point modulo the size: a text that is not GSM-7 repeats the
// same few dozen letters or emoji, and reusing their strings halves the cost of listing them.
const CHAR_CACHE_SIZE = 256;
const cachedCodePoints = new Int32Array(CHAR_CACHE_SIZE).fill(-1);
const cachedStrings: string[] = new Array<string>(CHAR_CACHE_SIZE).fill('');

function charString(text: string, i: number, codePoint: number, length: 1 | 2): string {
  const slot = codePoint & (CHAR_CACHE_SIZE - 1);
  if (cachedCodePoints[slot] === codePoint) return cachedStrings[slot]!;
  const s = length === 2 ? text.slice(i, i + 2) : text.charAt(i);
  cachedCodePoints[slot] = codePoint;
  cachedStrings[slot] = s;
  return s;
}

/**
 * UCS-2 split and the characters `encodable` lacks, resuming at `from`: every code unit before it is in the plain
 * alphabet, one unit each, so the parts so far are whole multiples of 67.
 */
function analyzeUcs2(text: string, from: number, encodable: Uint8Array): SmsAnalysis {
  const n = text.length;
  const size = encodable.length;
  const boundaries = evenBoundaries(from, UCS2_CONCAT);
  let part = from - boundaries.length * UCS2_CONCAT;
  let pairs = 0;
  const nonGsm: NonGsmCharacter[] = [];
  for (let i = from; i < n; i++) {
    // A run of encodable characters, one unit each, fills parts arithmetically.
    const start = i;
    let c = text.charCodeAt(i);
    while (c < size && encodable[c] !== 0 && ++i < n) c = text.charCodeAt(i);
    if (i > start) {
      let run = i - start;
      let at = start;
      while (part + run > UCS2_CONCAT) {
        at += UCS2_CONCAT - part;
        run -= UCS2_CONCAT - part;
        boundaries.push(at);
        part = 0;
      }
      part += run;
      if (i === n) break;
    }
    const low = i + 1 < n ? text.charCodeAt(i + 1) : 0;
    const pair = (c & 0xfc00) === 0xd800 && (low & 0xfc00) === 0xdc00;
    const k = pair ? 2 : 1;
    part += k;
    if (part > UCS2_CONCAT) {
      boundaries.push(i);
      part = k;
    }
    if (pair) {
      nonGsm.push({ char: charString(text, i, 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00), 2), index: i });
      pairs++;
      i++;
    } else {
      nonGsm.push({ char: charString(text, i, c, 1), index: i });
    }
  }
  const split: Split = { units: n, boundaries, lastPartUnits: part };
  return build(text, 'UCS-2', n - pairs, split, UCS2_SINGLE, UCS2_CONCAT, nonGsm, undefined);
}

export function analyzeSms(text: string, options?: SmsAnalysisOptions): SmsAnalysis {
  const ascii = text.search(NOT_PLAIN_ASCII);
  const plain = splitSeptets(text, DEFAULT_COST, GSM_CONCAT[0], ascii === -1 ? text.length : ascii);
  if (typeof plain !== 'number') {
    return build(text, 'GSM-7', text.length, plain, GSM_SINGLE[0], GSM_CONCAT[0], NO_CHARACTERS, undefined);
  }
  const language = options?.nationalLanguage;
  const tables = language === undefined ? undefined : tablesFor(language);
  if (language === undefined || tables === undefined) return analyzeUcs2(text, plain, DEFAULT_COST);

  // Fewest credits first; on a tie, fewer indicators (less UDH, wider handset support), then fewer septets
  // (more room left in the last part).
  let best: { split: Split; choice: TableChoice; segments: number } | undefined;
  for (const choice of tables.choices) {
    const split = splitSeptets(text, choice.cost, GSM_CONCAT[choice.indicators], 0);
    if (typeof split === 'number') continue;
    const segments = segmentCount(split, GSM_SINGLE[choice.indicators]);
    if (
      best === undefined ||
      segments < best.segments ||
      (segments === best.segments &&
        (choice.indicators < best.choice.indicators ||
          (choice.indicators === best.choice.indicators && split.units < best.split.units)))
    ) {
      best = { split, choice, segments };
    }
  }
  if (best === undefined) {
    // With a national language, the characters to point at are those no table can encode. When every character
    // is encodable but no single table combination holds them all, the ones outside the plain alphabet are.
    const r = analyzeUcs2(text, plain, tables.encodable);
    return r.nonGsm.length > 0 ? r : analyzeUcs2(text, plain, DEFAULT_COST);
  }
  const { split, choice } = best;
  return build(
    text,
    'GSM-7',
    text.length,
    split,
    GSM_SINGLE[choice.indicators],
    GSM_CONCAT[choice.indicators],
    NO_CHARACTERS,
    language,
  );
}
