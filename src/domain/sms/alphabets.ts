// GSM 7-bit alphabets of 3GPP TS 23.038: clause 6.2.1 (default alphabet and its extension table) and Annex A
// (national language locking and single shift tables) for the national languages the product offers.
// A lock table is a 128-character string indexed by septet value. Septet 0x1B is the escape to the shift table, so
// it is kept there as ESC (U+001B), which keeps every index aligned with the specification's tables; rows are the
// specification's columns of 16 septets. A shift table is sparse, [septet, character]: a character found there
// costs two septets, the escape and the septet. Spanish has no locking table: it uses the default alphabet.

import type { NationalLanguage } from './types.js';

export interface Gsm7Tables {
  /** null: the default alphabet is the locking table. */
  readonly lock: string | null;
  readonly shift: readonly (readonly [septet: number, char: string])[];
}

export const GSM7_ESCAPE = 0x1b;

// Default alphabet (6.2.1) and extension table (6.2.1.1)
const DEFAULT: Gsm7Tables = {
  lock:
    '@£$¥èéùìòÇ\nØø\rÅå' + // 0x00
    'Δ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ' + // 0x10
    ' !"#¤%&\'()*+,-./' + // 0x20
    '0123456789:;<=>?' + // 0x30
    '¡ABCDEFGHIJKLMNO' + // 0x40
    'PQRSTUVWXYZÄÖÑÜ§' + // 0x50
    '¿abcdefghijklmno' + // 0x60
    'pqrstuvwxyzäöñüà', // 0x70
  shift: [
    [0x0a, '\f'], [0x14, '^'], [0x28, '{'], [0x29, '}'], [0x2f, '\\'], [0x3c, '['], [0x3d, '~'], [0x3e, ']'],
    [0x40, '|'], [0x65, '€'],
  ],
};

// Turkish (A.2.1 single shift, A.3.1 locking shift)
const TURKISH: Gsm7Tables = {
  lock:
    '@£$¥€éùıòÇ\nĞğ\rÅå' + // 0x00
    'Δ_ΦΓΛΩΠΨΣΘΞ\u001bŞşßÉ' + // 0x10
    ' !"#¤%&\'()*+,-./' + // 0x20
    '0123456789:;<=>?' + // 0x30
    'İABCDEFGHIJKLMNO' + // 0x40
    'PQRSTUVWXYZÄÖÑÜ§' + // 0x50
    'çabcdefghijklmno' + // 0x60
    'pqrstuvwxyzäöñüà', // 0x70
  shift: [
    [0x0a, '\f'], [0x14, '^'], [0x28, '{'], [0x29, '}'], [0x2f, '\\'], [0x3c, '['], [0x3d, '~'], [0x3e, ']'],
    [0x40, '|'], [0x47, 'Ğ'], [0x49, 'İ'], [0x53, 'Ş'], [0x63, 'ç'], [0x65, '€'], [0x67, 'ğ'], [0x69, 'ı'],
    [0x73, 'ş'],
  ],
};

// Spanish (A.2.2 single shift; no locking shift table)
const SPANISH: Gsm7Tables = {
  lock: null,
  shift: [
    [0x09, 'ç'], [0x0a, '\f'], [0x14, '^'], [0x28, '{'], [0x29, '}'], [0x2f, '\\'], [0x3c, '['], [0x3d, '~'],
    [0x3e, ']'], [0x40, '|'], [0x41, 'Á'], [0x49, 'Í'], [0x4f, 'Ó'], [0x55, 'Ú'], [0x61, 'á'], [0x65, '€'],
    [0x69, 'í'], [0x6f, 'ó'], [0x75, 'ú'],
  ],
};

// Portuguese (A.2.3 single shift, A.3.3 locking shift)
const PORTUGUESE: Gsm7Tables = {
  lock:
    '@£$¥êéúíóç\nÔô\rÁá' + // 0x00
    'Δ_ªÇÀ∞^\\€Ó|\u001bÂâÊÉ' + // 0x10
    ' !"#º%&\'()*+,-./' + // 0x20
    '0123456789:;<=>?' + // 0x30
    'ÍABCDEFGHIJKLMNO' + // 0x40
    'PQRSTUVWXYZÃÕÚÜ§' + // 0x50
    '~abcdefghijklmno' + // 0x60
    'pqrstuvwxyzãõ`üà', // 0x70
  shift: [
    [0x05, 'ê'], [0x09, 'ç'], [0x0a, '\f'], [0x0b, 'Ô'], [0x0c, 'ô'], [0x0e, 'Á'], [0x0f, 'á'], [0x12, 'Φ'],
    [0x13, 'Γ'], [0x14, '^'], [0x15, 'Ω'], [0x16, 'Π'], [0x17, 'Ψ'], [0x18, 'Σ'], [0x19, 'Θ'], [0x1f, 'Ê'],
    [0x28, '{'], [0x29, '}'], [0x2f, '\\'], [0x3c, '['], [0x3d, '~'], [0x3e, ']'], [0x40, '|'], [0x41, 'À'],
    [0x49, 'Í'], [0x4f, 'Ó'], [0x55, 'Ú'], [0x5b, 'Ã'], [0x5c, 'Õ'], [0x61, 'Â'], [0x65, '€'], [0x69, 'í'],
    [0x6f, 'ó'], [0x75, 'ú'], [0x7b, 'ã'], [0x7c, 'õ'], [0x7f, 'â'],
  ],
};

export const GSM7_TABLES: Readonly<Record<'default' | NationalLanguage, Gsm7Tables>> = {
  default: DEFAULT,
  turkish: TURKISH,
  spanish: SPANISH,
  portuguese: PORTUGUESE,
};
