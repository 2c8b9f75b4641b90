// User data headers (3GPP TS 23.040 9.2.3.24): concatenation with an 8-bit reference (IEI 0x00) or a 16-bit one
// (0x08), and the national language single shift (0x24) and locking shift (0x25) indicators.
import type { NationalLanguage } from '../../domain/sms/types.js';

export const IEI_CONCAT_8 = 0x00;
export const IEI_CONCAT_16 = 0x08;
export const IEI_SINGLE_SHIFT = 0x24;
export const IEI_LOCKING_SHIFT = 0x25;

/** Language identifiers of 3GPP TS 23.038 6.2.1.2.4. */
export const LANGUAGE_ID: Readonly<Record<NationalLanguage, number>> = { turkish: 1, spanish: 2, portuguese: 3 };
const LANGUAGE_BY_ID = new Map<number, NationalLanguage>(
  Object.entries(LANGUAGE_ID).map(([name, id]) => [id, name as NationalLanguage]),
);

export interface Concat {
  readonly ref: number;
  readonly total: number;
  /** 1-based. */
  readonly seq: number;
}

export interface Udh {
  readonly concat?: Concat;
  readonly singleShift?: NationalLanguage;
  readonly lockingShift?: NationalLanguage;
}

/** The header with its length octet (UDHL) first; an empty buffer when there is nothing to say. */
export function buildUdh(udh: Udh): Buffer {
  const ies: number[] = [];
  if (udh.concat) ies.push(IEI_CONCAT_8, 3, udh.concat.ref & 0xff, udh.concat.total, udh.concat.seq);
  if (udh.singleShift) ies.push(IEI_SINGLE_SHIFT, 1, LANGUAGE_ID[udh.singleShift]);
  if (udh.lockingShift) ies.push(IEI_LOCKING_SHIFT, 1, LANGUAGE_ID[udh.lockingShift]);
  return ies.length === 0 ? Buffer.alloc(0) : Buffer.from([ies.length, ...ies]);
}

/** Octets a header of these elements takes, length octet included. */
export function udhLength(udh: Udh): number {
  return buildUdh(udh).length;
}

export interface ParsedUdh {
  readonly udh: Udh;
  /** Octets the header takes in short_message, length octet included. */
  readonly length: number;
}

/** Reads the header at the start of short_message. Unknown elements are skipped; a truncated header throws. */
export function parseUdh(data: Uint8Array): ParsedUdh {
  const udhl = data[0];
  if (udhl === undefined || udhl + 1 > data.length) throw new Error('truncated user data header');
  let concat: Concat | undefined;
  let singleShift: NationalLanguage | undefined;
  let lockingShift: NationalLanguage | undefined;
  let i = 1;
  while (i + 1 < udhl + 1) {
    const iei = data[i] ?? 0;
    const len = data[i + 1] ?? 0;
    const body = data.subarray(i + 2, i + 2 + len);
    if (i + 2 + len > udhl + 1) throw new Error('truncated information element');
    if (iei === IEI_CONCAT_8 && len === 3) {
      concat = { ref: body[0] ?? 0, total: body[1] ?? 0, seq: body[2] ?? 0 };
    } else if (iei === IEI_CONCAT_16 && len === 4) {
      concat = { ref: ((body[0] ?? 0) << 8) | (body[1] ?? 0), total: body[2] ?? 0, seq: body[3] ?? 0 };
    } else if (iei === IEI_SINGLE_SHIFT && len === 1) {
      singleShift = LANGUAGE_BY_ID.get(body[0] ?? 0);
    } else if (iei === IEI_LOCKING_SHIFT && len === 1) {
      lockingShift = LANGUAGE_BY_ID.get(body[0] ?? 0);
    }
    i += 2 + len;
  }
  const udh: Udh = {
    ...(concat ? { concat } : {}),
    ...(singleShift ? { singleShift } : {}),
    ...(lockingShift ? { lockingShift } : {}),
  };
  return { udh, length: udhl + 1 };
}
