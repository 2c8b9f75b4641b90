import { describe, expect, it } from 'vitest';
import { classifyErrCode, receiptStatus } from './receipts.js';

describe('receipt status to product status (reference §5)', () => {
  it.each([
    ['delivered', 'delivered'],
    ['expired', 'undelivered'],
    ['failed', 'undelivered'],
    ['rejected', 'failed'],
    ['accepted', 'sent'],
    ['buffered', 'sent'],
    ['unknown', undefined],
    ['DELIVERED', 'delivered'],
    ['something-new', undefined],
  ])('%s → %s', (status, expected) => expect(receiptStatus(status)).toBe(expected));
});

describe('err-code', () => {
  it.each([
    ['0', 'none'],
    ['2', 'transient'],
    ['7', 'transient'],
    ['8', 'transient'],
    ['1', 'transient'],
    ['95', 'transient'],
    ['3', 'permanent'],
    ['4', 'permanent'],
    ['6', 'permanent'],
    ['99', 'permanent'],
    ['9', 'opted-out'],
  ])('%s is %s', (code, cls) => expect(classifyErrCode(code)).toBe(cls));
});
