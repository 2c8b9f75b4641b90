// The real clock and identifiers behind the domain's ports.
import { randomBytes } from 'node:crypto';
import type { Clock, IdGenerator } from '../domain/ports.js';

export const systemClock: Clock = { now: () => new Date() };

/**
 * UUIDv7 (RFC 9562): time-ordered, so ids sort like creation order and index inserts stay
 * at the right edge of the B-tree. Within one millisecond a counter keeps them increasing.
 */
export function uuidV7Generator(): IdGenerator {
  let lastMs = 0;
  let seq = 0;
  return {
    next() {
      let ms = Date.now();
      if (ms <= lastMs) {
        seq = (seq + 1) & 0xfff;
        if (seq === 0) lastMs++;
        ms = lastMs;
      } else {
        lastMs = ms;
        seq = randomBytes(2).readUInt16BE(0) & 0x7ff;
      }
      const b = randomBytes(16);
      b.writeUIntBE(ms, 0, 6);
      b[6] = 0x70 | (seq >> 8);
      b[7] = seq & 0xff;
      b[8] = 0x80 | (b[8]! & 0x3f);
      const h = b.toString('hex');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    },
  };
}
