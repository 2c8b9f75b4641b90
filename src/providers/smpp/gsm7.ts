// GSM 7-bit text as SMPP carries it with data_coding 0x00: one septet per octet (unpacked), the SMSC packs it for
// the air interface. The tables are the domain's (3GPP TS 23.038 6.2.1 and Annex A), so the adapter encodes exactly
// what the credit counter counted.
import { GSM7_ESCAPE, GSM7_TABLES } from '../../domain/sms/alphabets.js';
import type { NationalLanguage } from '../../domain/sms/types.js';

export type TableName = 'default' | NationalLanguage;

/** Which locking table the septets index and which single shift table follows an escape. */
export interface Gsm7Tables {
  readonly lock: TableName;
  readonly shift: TableName;
}

export const DEFAULT_TABLES: Gsm7Tables = { lock: 'default', shift: 'default' };

interface Lookup {
  readonly toSeptet: ReadonlyMap<string, number>;
  readonly fromSeptet: readonly string[];
}

const lockCache = new Map<TableName, Lookup>();
const shiftCache = new Map<TableName, Lookup>();

function lockTable(name: TableName): Lookup {
  let t = lockCache.get(name);
  if (!t) {
    const chars = GSM7_TABLES[name].lock ?? GSM7_TABLES.default.lock;
    if (chars === null) throw new Error('the default GSM 7-bit alphabet has no locking table');
    const toSeptet = new Map<string, number>();
    const fromSeptet = [...chars];
    fromSeptet.forEach((c, i) => {
      if (i !== GSM7_ESCAPE) toSeptet.set(c, i);
    });
    t = { toSeptet, fromSeptet };
    lockCache.set(name, t);
  }
  return t;
}

function shiftTable(name: TableName): Lookup {
  let t = shiftCache.get(name);
  if (!t) {
    const toSeptet = new Map<string, number>();
    const fromSeptet: string[] = [];
    for (const [septet, c] of GSM7_TABLES[name].shift) {
      toSeptet.set(c, septet);
      fromSeptet[septet] = c;
    }
    t = { toSeptet, fromSeptet };
    shiftCache.set(name, t);
  }
  return t;
}

/**
 * The septets of each character (one, or the escape and one), so a splitter can keep an escape with its character.
 * undefined when a character is in neither table.
 */
export function encodeChars(text: string, tables: Gsm7Tables): number[][] | undefined {
  const lock = lockTable(tables.lock).toSeptet;
  const shift = shiftTable(tables.shift).toSeptet;
  const out: number[][] = [];
  for (const c of text) {
    const s = lock.get(c);
    if (s !== undefined) {
      out.push([s]);
      continue;
    }
    const e = shift.get(c);
    if (e === undefined) return undefined;
    out.push([GSM7_ESCAPE, e]);
  }
  return out;
}

/**
 * The national table combinations that can write the text, as the credit counter (domain/sms/analyze.ts) tries
 * them: the language's single shift, its locking table, then both. Empty when none can.
 */
export function nationalCandidates(text: string, language: NationalLanguage): Gsm7Tables[] {
  const candidates: Gsm7Tables[] = [{ lock: 'default', shift: language }];
  if (GSM7_TABLES[language].lock !== null) {
    candidates.push({ lock: language, shift: 'default' }, { lock: language, shift: language });
  }
  return candidates.filter((t) => encodeChars(text, t) !== undefined);
}

/** National language indicators the tables need in the UDH. */
export function indicatorCount(t: Gsm7Tables): number {
  return (t.lock === 'default' ? 0 : 1) + (t.shift === 'default' ? 0 : 1);
}

/** Decodes unpacked septets. An escape followed by a septet the shift table lacks shows the locking character. */
export function decodeSeptets(septets: Uint8Array, tables: Gsm7Tables = DEFAULT_TABLES): string {
  const lock = lockTable(tables.lock).fromSeptet;
  const shift = shiftTable(tables.shift).fromSeptet;
  let out = '';
  for (let i = 0; i < septets.length; i++) {
    const s = (septets[i] ?? 0) & 0x7f;
    if (s === GSM7_ESCAPE && i + 1 < septets.length) {
      const next = (septets[++i] ?? 0) & 0x7f;
      out += shift[next] ?? (next === GSM7_ESCAPE ? ' ' : (lock[next] ?? ' '));
    } else if (s === GSM7_ESCAPE) {
      out += ' ';
    } else {
      out += lock[s] ?? ' ';
    }
  }
  return out;
}
