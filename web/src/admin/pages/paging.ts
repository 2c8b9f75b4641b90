// Paging through lists the API pages by cursor (`before`, the inbox) or by offset (opt-outs), with "Newer" and
// "Older": the cursors of the pages already seen are kept so "Newer" goes back exactly.

export interface CursorPages {
  /** `before` of each page seen, the first being undefined (the newest). */
  readonly stack: readonly (string | undefined)[];
}

export const FIRST_PAGE: CursorPages = { stack: [undefined] };

export function currentCursor(p: CursorPages): string | undefined {
  return p.stack[p.stack.length - 1];
}

export function older(p: CursorPages, nextBefore: string): CursorPages {
  return { stack: [...p.stack, nextBefore] };
}

export function newer(p: CursorPages): CursorPages {
  return p.stack.length > 1 ? { stack: p.stack.slice(0, -1) } : p;
}

export function pageNumber(p: CursorPages): number {
  return p.stack.length;
}

/** The opt-out list says nothing of what follows: one more row than shown tells whether an older page exists. */
export function splitPage<T>(rows: readonly T[], size: number): { readonly rows: readonly T[]; readonly more: boolean } {
  return { rows: rows.slice(0, size), more: rows.length > size };
}
