import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSeptets } from './gsm7.js';
import { DATA_CODING_GSM7, DATA_CODING_UCS2, ESM_CLASS_UDHI, encodeForSmpp, gsm7Capacity, ucs2Capacity, type SmppPart } from './segment.js';
import { parseUdh } from './udh.js';

const gsm = (text: string, extra: Partial<Parameters<typeof encodeForSmpp>[1]> = {}) =>
  encodeForSmpp(text, { encoding: 'GSM-7', nationalLanguageShift: true, ref: 7, ...extra });
const ucs2 = (text: string) => encodeForSmpp(text, { encoding: 'UCS-2', nationalLanguageShift: true, ref: 7 });

function body(p: SmppPart): Buffer {
  return p.esmClass & ESM_CLASS_UDHI ? p.shortMessage.subarray(parseUdh(p.shortMessage).length) : p.shortMessage;
}

function decode(parts: readonly SmppPart[]): string {
  if (parts[0]?.dataCoding === DATA_CODING_UCS2) {
    return Buffer.concat(parts.map(body)).swap16().toString('utf16le');
  }
  const udh = parts[0] && parts[0].esmClass & ESM_CLASS_UDHI ? parseUdh(parts[0].shortMessage).udh : {};
  return decodeSeptets(Buffer.concat(parts.map(body)), { lock: udh.lockingShift ?? 'default', shift: udh.singleShift ?? 'default' });
}

describe('capacities', () => {
  it('are 160/153 septets and 70/67 units, fewer with national indicators', () => {
    expect(gsm7Capacity(0)).toBe(160);
    expect(gsm7Capacity(6)).toBe(153);
    expect(gsm7Capacity(4)).toBe(155);
    expect(gsm7Capacity(9)).toBe(149);
    expect(gsm7Capacity(12)).toBe(146);
    expect(ucs2Capacity(0)).toBe(70);
    expect(ucs2Capacity(6)).toBe(67);
  });
});

describe('encoding for submit_sm', () => {
  it('sends GSM-7 as unpacked septets tagged 0x00, with no header when it fits one SMS', () => {
    const [p, ...rest] = gsm('@Hello');
    expect(rest).toEqual([]);
    expect(p).toEqual({ dataCoding: DATA_CODING_GSM7, esmClass: 0, shortMessage: Buffer.from([0x00, 0x48, 0x65, 0x6c, 0x6c, 0x6f]) });
  });

  it('writes extension characters as escape + septet', () => {
    expect([...(gsm('€[')[0]?.shortMessage ?? [])]).toEqual([0x1b, 0x65, 0x1b, 0x3c]);
  });

  it('fits 160 septets in one SMS and splits 161 into 153 + 8 with a 6-octet UDH and esm_class 0x40', () => {
    expect(gsm('a'.repeat(160))).toHaveLength(1);
    const parts = gsm('a'.repeat(161));
    expect(parts).toHaveLength(2);
    for (const [i, p] of parts.entries()) {
      expect(p.esmClass).toBe(0x40);
      expect(p.dataCoding).toBe(0x00);
      expect([...p.shortMessage.subarray(0, 6)]).toEqual([0x05, 0x00, 0x03, 7, 2, i + 1]);
    }
    expect(body(parts[0] as SmppPart)).toHaveLength(153);
    expect(body(parts[1] as SmppPart)).toHaveLength(8);
  });

  it('never splits an escape from its character', () => {
    const parts = gsm(`${'a'.repeat(152)}€${'b'.repeat(10)}`);
    expect(body(parts[0] as SmppPart)).toHaveLength(152);
    expect([...body(parts[1] as SmppPart)]).toEqual([0x1b, 0x65, ...Array<number>(10).fill(0x62)]);
  });

  it('sends UCS-2 as UTF-16BE tagged 0x08, 70 units in one SMS, then 67 per part', () => {
    const one = ucs2('ж'.repeat(70));
    expect(one).toHaveLength(1);
    expect(one[0]?.dataCoding).toBe(0x08);
    expect([...(one[0]?.shortMessage.subarray(0, 2) ?? [])]).toEqual([0x04, 0x36]);
    const two = ucs2('ж'.repeat(71));
    expect(two.map((p) => body(p).length / 2)).toEqual([67, 4]);
  });

  it('never splits a surrogate pair', () => {
    const parts = ucs2(`${'a'.repeat(66)}😀${'b'.repeat(10)}`);
    expect(parts.map((p) => body(p).length / 2)).toEqual([66, 12]);
  });

  it('uses the Spanish single shift table with IE 0x24 when the number allows it', () => {
    const [p] = gsm('¿Qué tal? á', { nationalLanguage: 'spanish' });
    expect(p?.dataCoding).toBe(0x00);
    expect([...(p?.shortMessage.subarray(0, 4) ?? [])]).toEqual([0x03, 0x24, 0x01, 0x02]);
    expect(decode([p as SmppPart])).toBe('¿Qué tal? á');
  });

  it('uses the Turkish locking shift (0x25) when it writes the text in fewer septets', () => {
    const parts = gsm('Işık ğüzel ş'.repeat(20), { nationalLanguage: 'turkish' });
    const { udh } = parseUdh((parts[0] as SmppPart).shortMessage);
    expect(udh).toEqual({ lockingShift: 'turkish', concat: { ref: 7, total: 2, seq: 1 } });
    expect(decode(parts)).toBe('Işık ğüzel ş'.repeat(20));
    for (const p of parts) expect(body(p).length).toBeLessThanOrEqual(149);
  });

  it('uses the single shift when the locking table lacks a character', () => {
    const parts = gsm('ş è', { nationalLanguage: 'turkish' });
    expect(parseUdh((parts[0] as SmppPart).shortMessage).udh).toEqual({ singleShift: 'turkish' });
    expect(decode(parts)).toBe('ş è');
  });

  it('uses both Portuguese indicators when only both together write the text', () => {
    const parts = gsm('∞ ª Φ', { nationalLanguage: 'portuguese' });
    expect(parseUdh((parts[0] as SmppPart).shortMessage).udh).toEqual({ singleShift: 'portuguese', lockingShift: 'portuguese' });
    expect(decode(parts)).toBe('∞ ª Φ');
  });

  it('uses no national indicator when the default alphabet is enough', () => {
    expect(gsm('plain', { nationalLanguage: 'turkish' })[0]?.esmClass).toBe(0);
  });

  it('falls back to UCS-2 when the SMSC does not take national indicators', () => {
    const [p] = gsm('ş', { nationalLanguage: 'turkish', nationalLanguageShift: false });
    expect(p?.dataCoding).toBe(0x08);
  });

  it('falls back to UCS-2 for a "GSM-7" text that is not', () => {
    expect(gsm('emoji 😀')[0]?.dataCoding).toBe(0x08);
  });

  it('always gives back the text, each part within 140 octets once packed', () => {
    const gsmChar = fc.constantFrom(...'@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCXYZÄÖÑÜ§¿abcxyzäöñüà€[]{}\\^~|\n'.split(''));
    fc.assert(
      fc.property(fc.array(gsmChar, { maxLength: 700 }).map((a) => a.join('')), (text) => {
        const parts = gsm(text);
        expect(decode(parts)).toBe(text);
        for (const p of parts) {
          const udh = p.esmClass & ESM_CLASS_UDHI ? parseUdh(p.shortMessage).length : 0;
          expect(Math.ceil((udh * 8) / 7) + body(p).length).toBeLessThanOrEqual(160);
        }
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const parts = ucs2(text);
        expect(decode(parts)).toBe(text);
        for (const p of parts) expect(p.shortMessage.length).toBeLessThanOrEqual(140);
      }),
    );
  });
});

describe('agreement with the credit counter', () => {
  const languages = ['turkish', 'spanish', 'portuguese'] as const;
  const pool = [...'abcXYZ 019.,!?@£$€[]{}^~|\\\nçÇşŞğĞıİöÖüÜáÁéÉíÍóÓúÚñÑàÀâÂêÊôÔãÃõÕºª∞`ΦΓΩΠΨΣΘ', '😀', 'ж'];
  it('splits into the parts, and their texts, that analyzeSms counted', async () => {
    const { analyzeSms } = await import('../../domain/sms/index.js');
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pool), { maxLength: 500 }).map((a) => a.join('')),
        fc.constantFrom(undefined, ...languages),
        (text, nationalLanguage) => {
          const a = analyzeSms(text, nationalLanguage ? { nationalLanguage } : {});
          const parts = encodeForSmpp(text, {
            encoding: a.encoding,
            ...(nationalLanguage ? { nationalLanguage } : {}),
            nationalLanguageShift: true,
            ref: 1,
          });
          expect(parts.map((p) => decode([p]))).toEqual(a.parts.length === 0 ? [''] : a.parts);
          expect(parts[0]?.dataCoding).toBe(a.encoding === 'GSM-7' ? DATA_CODING_GSM7 : DATA_CODING_UCS2);
        },
      ),
      { numRuns: 300 },
    );
  });
});
