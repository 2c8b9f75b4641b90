// Lookup tables derived once from the alphabets, so that analysing a message costs one typed-array read per
// UTF-16 code unit instead of a string or map lookup.
import { GSM7_ESCAPE, GSM7_TABLES, type Gsm7Tables } from './alphabets.js';
import type { NationalLanguage } from './types.js';

const DEFAULT_LOCK = 1;
const DEFAULT_SHIFT = 2;
const TURKISH_LOCK = 4;
const TURKISH_SHIFT = 8;
const SPANISH_SHIFT = 16;
const PORTUGUESE_LOCK = 32;
const PORTUGUESE_SHIFT = 64;

function tableSize(): number {
  let max = 0;
  for (const t of Object.values(GSM7_TABLES)) {
    if (t.lock !== null) for (let i = 0; i < t.lock.length; i++) max = Math.max(max, t.lock.charCodeAt(i));
    for (const [, ch] of t.shift) max = Math.max(max, ch.charCodeAt(0));
  }
  return max + 1;
}

function addTables(mask: Uint8Array, tables: Gsm7Tables, lockBit: number, shiftBit: number): void {
  if (tables.lock !== null) {
    for (let septet = 0; septet < tables.lock.length; septet++) {
      if (septet !== GSM7_ESCAPE) mask[tables.lock.charCodeAt(septet)]! |= lockBit;
    }
  }
  for (const [, ch] of tables.shift) mask[ch.charCodeAt(0)]! |= shiftBit;
}

/** Which tables hold each code unit up to the highest one used (every table character is one BMP code unit). */
const MASK: Uint8Array = (() => {
  const mask = new Uint8Array(tableSize());
  addTables(mask, GSM7_TABLES.default, DEFAULT_LOCK, DEFAULT_SHIFT);
  addTables(mask, GSM7_TABLES.turkish, TURKISH_LOCK, TURKISH_SHIFT);
  // Spanish locks to the default alphabet, which DEFAULT_LOCK already marks.
  addTables(mask, GSM7_TABLES.spanish, 0, SPANISH_SHIFT);
  addTables(mask, GSM7_TABLES.portuguese, PORTUGUESE_LOCK, PORTUGUESE_SHIFT);
  return mask;
})();

/** Septets per code unit for one locking/shift pair: 1 in the locking table, 2 via the shift table, 0 if absent. */
function costTable(lockBit: number, shiftBit: number): Uint8Array {
  const cost = new Uint8Array(MASK.length);
  for (let c = 0; c < MASK.length; c++) {
    const m = MASK[c]!;
    cost[c] = m & lockBit ? 1 : m & shiftBit ? 2 : 0;
  }
  return cost;
}

export interface TableChoice {
  /** National language table indicators in the UDH (3 octets each). */
  readonly indicators: 1 | 2;
  readonly cost: Uint8Array;
}

/**
 * The plain alphabet's costs over the whole BMP (64 KiB), the table every keystroke reads: any charCodeAt indexes
 * it without falling outside, so the range check in the scanning loop never fails and costs next to nothing.
 */
export const DEFAULT_COST: Uint8Array = (() => {
  const cost = new Uint8Array(0x10000);
  cost.set(costTable(DEFAULT_LOCK, DEFAULT_SHIFT));
  return cost;
})();

const DEFAULT_BITS = DEFAULT_LOCK | DEFAULT_SHIFT;

export interface LanguageTables {
  readonly choices: readonly TableChoice[];
  /** Non-zero for a code unit that some table of the language holds: what no combination can encode is 0. */
  readonly encodable: Uint8Array;
}

function encodableIn(bits: number): Uint8Array {
  const t = new Uint8Array(MASK.length);
  for (let c = 0; c < MASK.length; c++) t[c] = MASK[c]! & bits ? 1 : 0;
  return t;
}

function languageTables(language: NationalLanguage): LanguageTables | undefined {
  switch (language) {
    case 'turkish':
      return {
        choices: [
          { indicators: 1, cost: costTable(DEFAULT_LOCK, TURKISH_SHIFT) },
          { indicators: 1, cost: costTable(TURKISH_LOCK, DEFAULT_SHIFT) },
          { indicators: 2, cost: costTable(TURKISH_LOCK, TURKISH_SHIFT) },
        ],
        encodable: encodableIn(DEFAULT_BITS | TURKISH_LOCK | TURKISH_SHIFT),
      };
    case 'spanish':
      return {
        choices: [{ indicators: 1, cost: costTable(DEFAULT_LOCK, SPANISH_SHIFT) }],
        encodable: encodableIn(DEFAULT_BITS | SPANISH_SHIFT),
      };
    case 'portuguese':
      return {
        choices: [
          { indicators: 1, cost: costTable(DEFAULT_LOCK, PORTUGUESE_SHIFT) },
          { indicators: 1, cost: costTable(PORTUGUESE_LOCK, DEFAULT_SHIFT) },
          { indicators: 2, cost: costTable(PORTUGUESE_LOCK, PORTUGUESE_SHIFT) },
        ],
        encodable: encodableIn(DEFAULT_BITS | PORTUGUESE_LOCK | PORTUGUESE_SHIFT),
      };
    default:
      // Callers outside the type checker (a stored setting, a form value) get plain GSM-7/UCS-2.
      return undefined;
  }
}

// Built on first use: most sessions never enable a national language.
const languageCache = new Map<NationalLanguage, LanguageTables>();

export function tablesFor(language: NationalLanguage): LanguageTables | undefined {
  let t = languageCache.get(language);
  if (t === undefined) {
    t = languageTables(language);
    if (t !== undefined) languageCache.set(language, t);
  }
  return t;
}

/** In the GSM 7-bit default alphabet or its extension table. */
export function isGsm7Char(ch: string): boolean {
  return ch.length === 1 && DEFAULT_COST[ch.charCodeAt(0)] !== 0;
}
