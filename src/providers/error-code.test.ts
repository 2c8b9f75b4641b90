import { describe, expect, it } from 'vitest';
import { meaningfulErrorCode } from './error-code.js';

describe('meaningfulErrorCode', () => {
  it.each(['0', '00', '000', ' 000 ', '', null, undefined])('%j is no code', (code) => expect(meaningfulErrorCode(code)).toBeUndefined());
  it.each([['012', '012'], ['30008', '30008'], ['E_REJECTED', 'E_REJECTED'], ['100', '100']])('%j is kept', (code, kept) =>
    expect(meaningfulErrorCode(code)).toBe(kept));
});
