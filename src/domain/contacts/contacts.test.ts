import { describe, expect, it } from 'vitest';
import { cleanContactName, contactNumber, csvFields, parseContactsCsv } from './index.js';

describe('a contact name', () => {
  it('is trimmed; empty means none', () => {
    expect(cleanContactName('  Jane Doe \t')).toEqual({ ok: true, name: 'Jane Doe' });
    expect(cleanContactName('   ')).toEqual({ ok: true, name: null });
  });
  it('is at most 120 characters as people count them', () => {
    expect(cleanContactName('é'.repeat(120))).toEqual({ ok: true, name: 'é'.repeat(120) });
    expect(cleanContactName('😀'.repeat(120))).toEqual({ ok: true, name: '😀'.repeat(120) });
    // Right-to-left scripts need no override characters: they stay accepted.
    expect(cleanContactName('שרה כהן')).toEqual({ ok: true, name: 'שרה כהן' });
    expect(cleanContactName('a'.repeat(121))).toEqual({ ok: false, reason: 'NAME_TOO_LONG' });
  });
  it('refuses control characters inside it', () => {
    for (const bad of ['Jane\nDoe', 'Jane\u0000', 'a\u0085b', 'a\u2028b', 'a\u007Fb', 'Jane\u202E', 'a\u2066b\u2069']) expect(cleanContactName(bad)).toEqual({ ok: false, reason: 'NAME_CONTROL_CHARACTER' });
  });
});

describe('a contact number', () => {
  it('is E.164 with the country code required', () => {
    expect(contactNumber('+33 6 12 34 56 78')).toBe('+33612345678');
    expect(contactNumber('0033612345678')).toBe('+33612345678');
    expect(contactNumber('+33 1 23 45 67 89')).toBe('+33123456789');
    expect(contactNumber('0612345678')).toBeNull();
    expect(contactNumber('Support')).toBeNull();
    expect(contactNumber('+1')).toBeNull();
  });
});

describe('contacts CSV', () => {
  it('reads quoted fields with commas and doubled quotes', () => {
    expect(csvFields('"+33 6 12 34 56 78","Doe, ""JD"" Jane"')).toEqual(['+33 6 12 34 56 78', 'Doe, "JD" Jane']);
    expect(csvFields('a,"b')).toBeNull();
  });
  it('accepts good lines and says why each other line was refused', () => {
    const csv = [
      '\uFEFFNumber,Name',
      '+33612345678,Jane Doe',
      '0612345678,No country',
      '+33698765432,',
      '+447400123456,"Unclosed',
      '+447400123456,a,b',
      '+33612345678,Jane again',
      '',
      '+447400123456,' + 'x'.repeat(121),
      '+44 7400 123456,"Smith, John"',
    ].join('\r\n');
    const r = parseContactsCsv(csv);
    expect(r).toEqual({
      ok: true,
      contacts: [
        { line: 2, number: '+33612345678', name: 'Jane Doe' },
        { line: 10, number: '+447400123456', name: 'Smith, John' },
      ],
      refused: [
        { line: 3, text: '0612345678,No country', reason: 'INVALID_NUMBER' },
        { line: 4, text: '+33698765432,', reason: 'NAME_EMPTY' },
        { line: 5, text: '+447400123456,"Unclosed', reason: 'UNCLOSED_QUOTE' },
        { line: 6, text: '+447400123456,a,b', reason: 'WRONG_COLUMN_COUNT' },
        { line: 7, text: '+33612345678,Jane again', reason: 'DUPLICATE_NUMBER' },
        { line: 9, text: '+447400123456,' + 'x'.repeat(121), reason: 'NAME_TOO_LONG' },
      ],
    });
  });
  it('needs the number,name header', () => {
    expect(parseContactsCsv('+33612345678,Jane')).toEqual({ ok: false, reason: 'BAD_HEADER' });
    expect(parseContactsCsv('')).toEqual({ ok: false, reason: 'BAD_HEADER' });
    expect(parseContactsCsv('name,number\n')).toEqual({ ok: false, reason: 'BAD_HEADER' });
  });
  it('refuses a file over the line limit as a whole', () => {
    const big = ['number,name', ...Array.from({ length: 10_001 }, () => '+33612345678,A')].join('\n');
    expect(parseContactsCsv(big)).toEqual({ ok: false, reason: 'TOO_MANY_LINES', maxLines: 10_000 });
  });
});
