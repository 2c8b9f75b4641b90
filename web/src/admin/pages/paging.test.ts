import { describe, expect, it } from 'vitest';
import { FIRST_PAGE, currentCursor, newer, older, pageNumber, splitPage } from './paging';

describe('paging', () => {
  it('goes older by the cursor the API gave, and back newer exactly', () => {
    const p2 = older(FIRST_PAGE, '120');
    const p3 = older(p2, '70');
    expect([currentCursor(FIRST_PAGE), currentCursor(p2), currentCursor(p3)]).toEqual([undefined, '120', '70']);
    expect(pageNumber(p3)).toBe(3);
    expect(newer(p3)).toEqual(p2);
    expect(newer(newer(p2))).toEqual(FIRST_PAGE);
  });

  it('tells whether there is more from one extra row', () => {
    expect(splitPage([1, 2, 3], 2)).toEqual({ rows: [1, 2], more: true });
    expect(splitPage([1, 2], 2)).toEqual({ rows: [1, 2], more: false });
    expect(splitPage([], 2)).toEqual({ rows: [], more: false });
  });
});
