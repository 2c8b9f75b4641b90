import { describe, expect, it } from 'vitest';
import { buildUdh, parseUdh } from './udh.js';

describe('user data header', () => {
  it('writes the 6-octet concatenation header with an 8-bit reference', () => {
    expect([...buildUdh({ concat: { ref: 0xa7, total: 3, seq: 2 } })]).toEqual([0x05, 0x00, 0x03, 0xa7, 0x03, 0x02]);
  });

  it('writes the national language single (0x24) and locking (0x25) shift indicators', () => {
    expect([...buildUdh({ singleShift: 'turkish', lockingShift: 'turkish' })]).toEqual([0x06, 0x24, 0x01, 0x01, 0x25, 0x01, 0x01]);
    expect([...buildUdh({ concat: { ref: 1, total: 2, seq: 1 }, singleShift: 'spanish' })]).toEqual([
      0x08, 0x00, 0x03, 0x01, 0x02, 0x01, 0x24, 0x01, 0x02,
    ]);
  });

  it('writes nothing when there is nothing to say', () => {
    expect(buildUdh({}).length).toBe(0);
  });

  it('reads what it writes', () => {
    const udh = { concat: { ref: 9, total: 4, seq: 4 }, singleShift: 'portuguese', lockingShift: 'portuguese' } as const;
    const header = buildUdh(udh);
    expect(parseUdh(Buffer.concat([header, Buffer.from('text')]))).toEqual({ udh, length: header.length });
  });

  it('reads a 16-bit reference (IEI 0x08) and skips elements it does not know', () => {
    const data = Buffer.from([0x0a, 0x70, 0x02, 0xaa, 0xbb, 0x08, 0x04, 0x12, 0x34, 0x05, 0x03, 0x41]);
    expect(parseUdh(data)).toEqual({ udh: { concat: { ref: 0x1234, total: 5, seq: 3 } }, length: 11 });
  });

  it('refuses a truncated header', () => {
    expect(() => parseUdh(Buffer.from([0x05, 0x00, 0x03]))).toThrow();
    expect(() => parseUdh(Buffer.from([0x03, 0x00, 0x03, 0x01]))).toThrow();
  });
});
