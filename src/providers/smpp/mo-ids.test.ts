import { describe, expect, it } from 'vitest';
import { MoIds } from './mo-ids.js';

describe('ids of messages from handsets', () => {
  const ids = (now = () => 0) => new MoIds({ windowMs: 1000, max: 100, now });

  it('gives a new id to the same words written again on the same connection', () => {
    const m = ids();
    const first = m.idFor('k', 1);
    m.answered('k', first, 1, true);
    expect(m.idFor('k', 1)).not.toBe(first);
  });

  it('keeps the id of a copy that follows a lost connection', () => {
    const m = ids();
    const first = m.idFor('k', 1);
    m.answered('k', first, 1, true);
    expect(m.idFor('k', 2)).toBe(first);
  });

  it('keeps the id of a copy that follows an error answer', () => {
    const m = ids();
    const first = m.idFor('k', 1);
    m.answered('k', first, 1, false);
    expect(m.idFor('k', 1)).toBe(first);
  });

  it('forgets after its window', () => {
    let now = 0;
    const m = ids(() => now);
    const first = m.idFor('k', 1);
    m.answered('k', first, 1, true);
    now = 5000;
    expect(m.idFor('k', 2)).not.toBe(first);
  });
});
