import { describe, expect, it } from 'vitest';
import { Batcher } from './batcher.js';

describe('Batcher', () => {
  it('writes what arrives together in one batch, and what arrives during a write in the next', async () => {
    const batches: number[][] = [];
    let release: () => void = () => undefined;
    const b = new Batcher<number>(async (items) => {
      batches.push(items);
      if (batches.length === 1) await new Promise<void>((r) => (release = r));
    }, 100);
    const first = [1, 2, 3].map((i) => b.add(i));
    await new Promise((r) => setImmediate(r));
    const second = [4, 5].map((i) => b.add(i));
    release();
    await Promise.all([...first, ...second]);
    expect(batches).toEqual([[1, 2, 3], [4, 5]]);
  });

  it('splits at the maximum size and fails only the batch that failed', async () => {
    const b = new Batcher<number>(async (items) => {
      if (items.includes(3)) throw new Error('bad batch');
    }, 2);
    const results = await Promise.allSettled([1, 2, 3, 4].map((i) => b.add(i)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected']);
    await b.flush();
  });
});
