// Turns a message into the short_message octets of each submit_sm. One SMS carries 140 octets of user data; a
// header takes its octets (and, for GSM-7, the fill bits up to the next septet), which is where 160/153 and 70/67
// come from. Long messages use a UDH with an 8-bit reference only: mixing UDH and SAR confuses SMSCs.
import type { SmsEncodingName } from '../../domain/ports.js';
import type { NationalLanguage } from '../../domain/sms/types.js';
import { DEFAULT_TABLES, encodeChars, indicatorCount, nationalCandidates, type Gsm7Tables } from './gsm7.js';
import { buildUdh, type Udh } from './udh.js';

export const DATA_CODING_GSM7 = 0x00;
export const DATA_CODING_UCS2 = 0x08;
export const ESM_CLASS_UDHI = 0x40;

const USER_DATA_OCTETS = 140;
const MAX_PARTS = 255;

export interface SmppPart {
  readonly dataCoding: typeof DATA_CODING_GSM7 | typeof DATA_CODING_UCS2;
  readonly esmClass: number;
  /** Header (if any) then the text octets. */
  readonly shortMessage: Buffer;
}

export interface EncodeOptions {
  readonly encoding: SmsEncodingName;
  readonly nationalLanguage?: NationalLanguage;
  /** Whether the SMSC understands the national language indicators. */
  readonly nationalLanguageShift: boolean;
  /** Concatenation reference, 0–255. */
  readonly ref: number;
}

/** Septets left for text once a header of `udhOctets` (and its fill bits) is in place. */
export function gsm7Capacity(udhOctets: number): number {
  return Math.floor(USER_DATA_OCTETS * 8 / 7) - Math.ceil((udhOctets * 8) / 7);
}

/** UTF-16 code units left once a header of `udhOctets` is in place. */
export function ucs2Capacity(udhOctets: number): number {
  return Math.floor((USER_DATA_OCTETS - udhOctets) / 2);
}

function nationalIes(tables: Gsm7Tables): Pick<Udh, 'singleShift' | 'lockingShift'> {
  return {
    ...(tables.shift !== 'default' ? { singleShift: tables.shift } : {}),
    ...(tables.lock !== 'default' ? { lockingShift: tables.lock } : {}),
  };
}

function withHeader(udh: Udh, body: Buffer, dataCoding: SmppPart['dataCoding']): SmppPart {
  const header = buildUdh(udh);
  return {
    dataCoding,
    esmClass: header.length > 0 ? ESM_CLASS_UDHI : 0,
    shortMessage: header.length > 0 ? Buffer.concat([header, body]) : body,
  };
}

function splitGsm7(chars: number[][], tables: Gsm7Tables, ref: number): SmppPart[] {
  const national = nationalIes(tables);
  const septets = chars.reduce((n, c) => n + c.length, 0);
  if (septets <= gsm7Capacity(buildUdh(national).length)) {
    return [withHeader(national, Buffer.from(chars.flat()), DATA_CODING_GSM7)];
  }
  const capacity = gsm7Capacity(buildUdh({ ...national, concat: { ref, total: 1, seq: 1 } }).length);
  const bodies: number[][] = [];
  let current: number[] = [];
  for (const c of chars) {
    if (current.length + c.length > capacity) {
      bodies.push(current);
      current = [];
    }
    current.push(...c);
  }
  bodies.push(current);
  return concatenated(bodies.map((b) => Buffer.from(b)), national, ref, DATA_CODING_GSM7);
}

function splitUcs2(text: string, ref: number): SmppPart[] {
  const all = Buffer.from(text, 'utf16le').swap16();
  const units = all.length / 2;
  if (units <= ucs2Capacity(0)) return [withHeader({}, all, DATA_CODING_UCS2)];
  const capacity = ucs2Capacity(buildUdh({ concat: { ref, total: 1, seq: 1 } }).length);
  const bodies: Buffer[] = [];
  let start = 0;
  while (start < units) {
    let end = Math.min(start + capacity, units);
    // Never end a part on a high surrogate: the pair would be split across two SMS.
    const last = text.charCodeAt(end - 1);
    if (end < units && last >= 0xd800 && last <= 0xdbff) end--;
    bodies.push(all.subarray(start * 2, end * 2));
    start = end;
  }
  return concatenated(bodies, {}, ref, DATA_CODING_UCS2);
}

function concatenated(bodies: Buffer[], national: Udh, ref: number, dataCoding: SmppPart['dataCoding']): SmppPart[] {
  if (bodies.length > MAX_PARTS) throw new RangeError(`message needs ${bodies.length} parts, at most ${MAX_PARTS} fit`);
  return bodies.map((body, i) =>
    withHeader({ ...national, concat: { ref, total: bodies.length, seq: i + 1 } }, body, dataCoding),
  );
}

/**
 * The parts to submit, in order, split exactly as the credit counter (domain/sms/analyze.ts) counted them: the
 * default alphabet when it can write the text; otherwise, with national tables allowed, the combination giving the
 * fewest parts, then the fewest indicators, then the fewest septets. A GSM-7 message that no allowed table can
 * write (its national table is not allowed on this link) goes out as UCS-2: delivered right, at the cost of more
 * parts, rather than garbled.
 */
export function encodeForSmpp(text: string, options: EncodeOptions): SmppPart[] {
  if (options.encoding === 'GSM-7') {
    const plain = encodeChars(text, DEFAULT_TABLES);
    if (plain) return splitGsm7(plain, DEFAULT_TABLES, options.ref);
    const language = options.nationalLanguageShift ? options.nationalLanguage : undefined;
    let best: { parts: SmppPart[]; indicators: number; septets: number } | undefined;
    for (const tables of language ? nationalCandidates(text, language) : []) {
      const chars = encodeChars(text, tables);
      if (!chars) continue;
      const parts = splitGsm7(chars, tables, options.ref);
      const indicators = indicatorCount(tables);
      const septets = chars.reduce((n, c) => n + c.length, 0);
      if (
        !best ||
        parts.length < best.parts.length ||
        (parts.length === best.parts.length &&
          (indicators < best.indicators || (indicators === best.indicators && septets < best.septets)))
      ) {
        best = { parts, indicators, septets };
      }
    }
    if (best) return best.parts;
  }
  return splitUcs2(text, options.ref);
}
