import { describe, expect, it } from 'vitest';
import { PartsBuffer } from './parts-buffer.js';

const buffer = (now: () => number = () => 0, maxMessages = 10) => new PartsBuffer<string>({ maxMessages, expiryMs: 1000, now });

describe('inbound parts buffer', () => {
  it('completes a message whatever order its parts come in', () => {
    const b = buffer();
    expect(b.add('k', 3, 3, 'p3', 'C').result).toEqual({ kind: 'pending' });
    expect(b.add('k', 3, 1, 'p1', 'A').result).toEqual({ kind: 'pending' });
    expect(b.add('k', 3, 2, 'p2', 'B').result).toEqual({ kind: 'complete', parts: ['A', 'B', 'C'], firstAt: 0 });
    expect(b.pending).toBe(0);
  });

  it('ignores a part delivered twice, before and after completion', () => {
    const b = buffer();
    b.add('k', 2, 1, 'p1', 'A');
    expect(b.add('k', 2, 1, 'p1', 'A').result.kind).toBe('duplicate');
    expect(b.add('k', 2, 2, 'p2', 'B').result.kind).toBe('complete');
    expect(b.add('k', 2, 2, 'p2', 'B').result.kind).toBe('duplicate');
    expect(b.pending).toBe(0);
  });

  it('hands back an incomplete message when a new one reuses its reference', () => {
    const b = buffer();
    b.add('k', 2, 1, 'old-1', 'A');
    const { result, evicted } = b.add('k', 2, 1, 'new-1', 'X');
    expect(result.kind).toBe('pending');
    expect(evicted).toEqual([{ key: 'k', total: 2, parts: ['A', undefined], firstAt: 0 }]);
  });

  it('hands back what waited too long', () => {
    let now = 0;
    const b = buffer(() => now);
    b.add('a', 2, 2, 'a2', 'second');
    now = 1500;
    expect(b.expire()).toEqual([{ key: 'a', total: 2, parts: [undefined, 'second'], firstAt: 0 }]);
    expect(b.pending).toBe(0);
  });

  it('stays within its bound, handing back the oldest', () => {
    const b = buffer(() => 0, 2);
    b.add('a', 2, 1, 'a1', 'A');
    b.add('b', 2, 1, 'b1', 'B');
    const { evicted } = b.add('c', 2, 1, 'c1', 'C');
    expect(evicted.map((e) => e.key)).toEqual(['a']);
    expect(b.pending).toBe(2);
  });

  it('refuses nonsense sequence numbers', () => {
    expect(() => buffer().add('k', 2, 3, 'x', 'X')).toThrow(RangeError);
    expect(() => buffer().add('k', 0, 1, 'x', 'X')).toThrow(RangeError);
  });
});
