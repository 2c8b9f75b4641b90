import { describe, expect, it } from 'vitest';
import { ReplayGuard } from './replay-guard.js';

describe('replay guard', () => {
  const now = 1_767_225_600_000;
  const guard = () => new ReplayGuard({ maxSkewMs: 300_000, maxNonces: 100, now: () => now });
  const ts = (offsetS: number) => String(now / 1000 + offsetS);

  it('accepts a fresh timestamp and nonce', () => expect(guard().check(ts(0), 'n1', 'aa')).toBe('fresh'));

  it('refuses timestamps more than 5 minutes away, either way, and missing ones', () => {
    const g = guard();
    expect(g.check(ts(-301), 'n', 'aa')).toBe('stale');
    expect(g.check(ts(301), 'n', 'aa')).toBe('stale');
    expect(g.check(undefined, 'n', 'aa')).toBe('stale');
    expect(g.check(ts(-299), 'n2', 'aa')).toBe('fresh');
  });

  it('lets the same request through again, refuses a nonce reused with another signature', () => {
    const g = guard();
    g.check(ts(0), 'n1', 'AA');
    expect(g.check(ts(0), 'n1', 'aa')).toBe('redelivery');
    expect(g.check(ts(0), 'n1', 'bb')).toBe('replayed');
  });
});
