import { describe, expect, it } from 'vitest';
import { Pacer } from './pacer.js';

describe('Pacer', () => {
  it('spaces the slots of one number at 1/rate, numbers independently', () => {
    let now = 1000;
    const p = new Pacer(() => now);
    expect([p.reserve('a', 10), p.reserve('a', 10), p.reserve('a', 10)]).toEqual([0, 100, 200]);
    expect(p.reserve('b', 2)).toBe(0);
    now += 150;
    expect(p.reserve('a', 10)).toBe(150);
  });

  it('does not bank unused time: an idle number starts again at now', () => {
    let now = 0;
    const p = new Pacer(() => now);
    p.reserve('a', 1);
    now = 10_000;
    expect(p.reserve('a', 1)).toBe(0);
    expect(p.reserve('a', 1)).toBe(1000);
  });

  it('names the numbers booked beyond the horizon, and forgets idle ones', () => {
    let now = 0;
    const p = new Pacer(() => now);
    for (let i = 0; i < 30; i++) p.reserve('busy', 10);
    p.reserve('calm', 10);
    expect(p.saturated(1000)).toEqual(['busy']);
    now = 5000;
    expect(p.saturated(1000)).toEqual([]);
  });
});
