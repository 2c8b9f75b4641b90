import { describe, expect, it } from 'vitest';
import { SubmittedIds } from './submitted-ids.js';

describe('ids the SMSC gave, for matching receipts', () => {
  it('matches receipt ids written with zeros, in another case or in the other base', () => {
    const ids = new SubmittedIds({ ttlMs: 1000, max: 10, now: () => 0 });
    ids.remember('1A');
    ids.remember('1000');
    expect(ids.resolve('0001a')).toBe('1A');
    expect(ids.resolve('3E8')).toBe('1000');
    expect(ids.resolve('26')).toBe('1A');
  });

  it('passes an id it does not know through, canonical', () => {
    expect(new SubmittedIds({ ttlMs: 1000, max: 10, now: () => 0 }).resolve('00077')).toBe('77');
  });

  it('forgets ids after their time and beyond its size', () => {
    let now = 0;
    const ids = new SubmittedIds({ ttlMs: 1000, max: 10, now: () => now });
    ids.remember('1A');
    now = 2000;
    ids.remember('2');
    expect(ids.size).toBe(1);
    expect(ids.resolve('26')).toBe('26');
    for (let i = 10; i < 30; i++) ids.remember(String(i));
    expect(ids.size).toBeLessThanOrEqual(10);
  });
});
