import { describe, expect, it } from 'vitest';
import { GSM7_ESCAPE, GSM7_TABLES } from './alphabets.js';
import { isGsm7Char } from './charset.js';

describe('GSM 7-bit tables (3GPP TS 23.038)', () => {
  it('has 128 septets per locking table with the escape at 0x1B', () => {
    for (const t of Object.values(GSM7_TABLES)) {
      if (t.lock === null) continue;
      expect(t.lock).toHaveLength(128);
      expect(t.lock.charCodeAt(GSM7_ESCAPE)).toBe(0x1b);
      expect(new Set(t.lock).size).toBe(128);
    }
  });

  it('keeps septet values of the specification', () => {
    const d = GSM7_TABLES.default;
    expect(d.lock?.[0x00]).toBe('@');
    expect(d.lock?.[0x09]).toBe('Ç');
    expect(d.lock?.[0x0a]).toBe('\n');
    expect(d.lock?.[0x0d]).toBe('\r');
    expect(d.lock?.[0x11]).toBe('_');
    expect(d.lock?.[0x24]).toBe('¤');
    expect(d.lock?.[0x7f]).toBe('à');
    expect(d.shift).toContainEqual([0x65, '€']);
    expect(d.shift).toContainEqual([0x0a, '\f']);
    expect(GSM7_TABLES.turkish.lock?.[0x1d]).toBe('ş');
    expect(GSM7_TABLES.turkish.lock?.[0x07]).toBe('ı');
    expect(GSM7_TABLES.turkish.shift).toContainEqual([0x67, 'ğ']);
    expect(GSM7_TABLES.spanish.lock).toBeNull();
    expect(GSM7_TABLES.spanish.shift).toContainEqual([0x61, 'á']);
    expect(GSM7_TABLES.portuguese.lock?.[0x15]).toBe('∞');
    expect(GSM7_TABLES.portuguese.shift).toContainEqual([0x7b, 'ã']);
  });

  it('every shift table holds distinct septets', () => {
    for (const t of Object.values(GSM7_TABLES)) {
      expect(new Set(t.shift.map(([s]) => s)).size).toBe(t.shift.length);
      for (const [s, ch] of t.shift) {
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThan(128);
        expect(ch).toHaveLength(1);
      }
    }
  });
});

describe('isGsm7Char', () => {
  it('accepts the default alphabet and the extension table', () => {
    for (const ch of '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./09:;<=>?¡AZÄÖÑÜ§¿azäöñüà') {
      expect(isGsm7Char(ch), JSON.stringify(ch)).toBe(true);
    }
    for (const ch of '\f^{}\\[~]|€') expect(isGsm7Char(ch), ch).toBe(true);
  });

  it('is case sensitive and rejects national-only characters, emoji and multi-character strings', () => {
    expect(isGsm7Char('Ç')).toBe(true);
    expect(isGsm7Char('ç')).toBe(false);
    for (const ch of ['ş', 'ğ', 'ı', 'á', 'ã', '`', '\t', '\u001b', '\u00a0', '😀', '', 'ab', '\ud83d']) {
      expect(isGsm7Char(ch), JSON.stringify(ch)).toBe(false);
    }
  });
});
