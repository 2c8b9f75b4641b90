import { describe, expect, it } from 'vitest';
import { localValueOf } from './EditScheduled';
import { instantOf } from './SendLater';

describe('the edit form’s time', () => {
  it('shows an instant in the browser’s zone, to the minute, and reads back the same instant', () => {
    const at = new Date(2026, 11, 24, 18, 30);
    expect(localValueOf(at.toISOString())).toBe('2026-12-24T18:30');
    expect(instantOf(localValueOf(at.toISOString()))).toBe(at.toISOString());
    expect(localValueOf(new Date(2026, 0, 5, 7, 4, 59).toISOString())).toBe('2026-01-05T07:04');
  });
});
