import { describe, expect, it } from 'vitest';
import { uuidV7Generator } from './system.js';

describe('uuidV7Generator', () => {
  it('makes valid, unique, strictly increasing ids even within one millisecond', () => {
    const ids = uuidV7Generator();
    const list = Array.from({ length: 5000 }, () => ids.next());
    for (const id of list) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(list).size).toBe(list.length);
    for (let i = 1; i < list.length; i++) expect(list[i]! > list[i - 1]!).toBe(true);
  });
});
