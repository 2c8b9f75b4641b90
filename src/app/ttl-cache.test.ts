import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttl-cache.js';

describe('TtlCache', () => {
  it('reads once within the delay, again after it, and forgets failures', async () => {
    let t = 0;
    let reads = 0;
    const cache = new TtlCache<number>(1000, 10, () => t);
    const load = async () => ++reads;
    expect(await cache.get('a', load)).toBe(1);
    t = 999;
    expect(await cache.get('a', load)).toBe(1);
    t = 1000;
    expect(await cache.get('a', load)).toBe(2);
    await expect(cache.get('b', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await cache.get('b', load)).toBe(3);
  });
  it('stays within its size', async () => {
    let reads = 0;
    const cache = new TtlCache<number>(1000, 2, () => 0);
    for (const k of ['a', 'b', 'c', 'a']) await cache.get(k, async () => ++reads);
    expect(reads).toBe(4);
  });
});
