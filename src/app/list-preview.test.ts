import { describe, expect, it } from 'vitest';
import { PREVIEW_CHARS, previewOf } from './agent-views.js';

describe('a conversation’s preview in the lists', () => {
  it('is the message itself when short, on one line', () => {
    expect(previewOf('Hello\nthere  you')).toBe('Hello there you');
    expect(previewOf(null)).toBe('');
    expect(previewOf('x'.repeat(PREVIEW_CHARS))).toBe('x'.repeat(PREVIEW_CHARS));
  });

  it('is cut at 80 characters (not UTF-16 units) with an ellipsis, even where the cut falls on a space', () => {
    expect(previewOf(`${'😀'.repeat(PREVIEW_CHARS)}z`)).toBe(`${'😀'.repeat(PREVIEW_CHARS)}…`);
    expect(previewOf(`${'a'.repeat(PREVIEW_CHARS - 1)} tail`)).toBe(`${'a'.repeat(PREVIEW_CHARS - 1)}…`);
  });
});
