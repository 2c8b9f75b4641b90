import { describe, expect, it } from 'vitest';
import { formatReceiptText, isReceipt, messageStateToStat, parseReceipt, statToStatus } from './receipt.js';

const APPENDIX_B =
  'id:0123456789 sub:001 dlvrd:001 submit date:2601011200 done date:2601011201 stat:DELIVRD err:000 text:Hello world';

describe('receipt text (SMPP 3.4 Appendix B, read leniently)', () => {
  it('reads id, stat and err', () => {
    expect(parseReceipt({ text: APPENDIX_B })).toEqual({
      messageId: '0123456789',
      stat: 'DELIVRD',
      status: 'delivered',
    });
  });

  it.each([
    ['EXPIRED', 'undelivered'],
    ['UNDELIV', 'undelivered'],
    ['REJECTD', 'failed'],
  ])('reports no error code for %s with err:000 ("no error", not a code)', (stat, status) => {
    const text = `id:7 sub:001 dlvrd:000 submit date:2601011200 done date:2601011201 stat:${stat} err:000 text:x`;
    expect(parseReceipt({ text })).toEqual({ messageId: '7', stat, status });
    expect(parseReceipt({ text, networkErrorCode: Uint8Array.from([3, 0, 0]) })).toEqual({ messageId: '7', stat, status });
  });

  it('keeps the text err when the network_error_code TLV is zero', () => {
    const text = 'id:7 sub:001 dlvrd:000 submit date:2601011200 done date:2601011201 stat:UNDELIV err:012';
    expect(parseReceipt({ text, networkErrorCode: Uint8Array.from([3, 0, 0]) })?.errorCode).toBe('012');
  });

  it.each([
    ['12-digit dates', 'id:77 sub:001 dlvrd:000 submit date:260101120000 done date:260101120105 stat:UNDELIV err:012 text:x'],
    ['Text: with a capital', 'id:77 sub:001 dlvrd:000 submit date:2601011200 done date:2601011201 stat:UNDELIV err:012 Text:x'],
    ['text:none', 'id:77 sub:001 dlvrd:000 submit date:2601011200 done date:2601011201 stat:UNDELIV err:012 text:none'],
    ['no text at all', 'id:77 sub:001 dlvrd:000 submit date:2601011200 done date:2601011201 stat:UNDELIV err:012'],
    ['upper-case keys', 'ID:77 SUB:001 DLVRD:000 SUBMIT DATE:2601011200 DONE DATE:2601011201 STAT:UNDELIV ERR:012'],
    ['lower-case stat', 'id:77 sub:001 dlvrd:000 submit date:2601011200 done date:2601011201 stat:undeliv err:012'],
  ])('copes with %s', (_, text) => {
    expect(parseReceipt({ text })).toEqual({ messageId: '77', stat: 'UNDELIV', status: 'undelivered', errorCode: '012' });
  });

  it('does not take the message text for a field', () => {
    const r = parseReceipt({ text: 'id:5 sub:001 dlvrd:000 submit date:2601011200 done date:2601011201 stat:EXPIRED err:000 text:stat:DELIVRD' });
    expect(r?.status).toBe('undelivered');
  });

  it('prefers the TLVs: receipted_message_id, message_state and network_error_code', () => {
    const r = parseReceipt({
      text: APPENDIX_B,
      receiptedMessageId: 'ABCDEF',
      messageState: 5,
      networkErrorCode: Uint8Array.from([3, 0x00, 0x22]),
    });
    expect(r).toEqual({ messageId: 'ABCDEF', stat: 'UNDELIV', status: 'undelivered', errorCode: '34' });
  });

  it('reads a receipt made of TLVs only', () => {
    expect(parseReceipt({ text: '', receiptedMessageId: '42', messageState: 2 })?.status).toBe('delivered');
  });

  it('gives up on a receipt that names no message or no state', () => {
    expect(parseReceipt({ text: 'stat:DELIVRD' })).toBeUndefined();
    expect(parseReceipt({ text: 'id:1 err:000' })).toBeUndefined();
  });

  it('round-trips the text the fake writes', () => {
    const text = formatReceiptText({ id: '99', stat: 'REJECTD', err: '011' });
    expect(parseReceipt({ text })).toMatchObject({ messageId: '99', status: 'failed', errorCode: '011' });
  });
});

describe('stat and message_state to product status (reference §5)', () => {
  it.each([
    ['DELIVRD', 'delivered'],
    ['EXPIRED', 'undelivered'],
    ['DELETED', 'undelivered'],
    ['UNDELIV', 'undelivered'],
    ['REJECTD', 'failed'],
    ['ACCEPTD', 'sent'],
    ['ENROUTE', 'sent'],
    ['UNKNOWN', undefined],
    ['WHATEVER', undefined],
  ])('%s → %s', (stat, status) => expect(statToStatus(stat)).toBe(status));

  it.each([
    [1, 'ENROUTE'],
    [2, 'DELIVRD'],
    [3, 'EXPIRED'],
    [4, 'DELETED'],
    [5, 'UNDELIV'],
    [6, 'ACCEPTD'],
    [7, 'UNKNOWN'],
    [8, 'REJECTD'],
    [0, undefined],
  ])('message_state %i is %s', (state, stat) => expect(messageStateToStat(state)).toBe(stat));
});

describe('esm_class', () => {
  it('tells receipts from messages', () => {
    expect(isReceipt(0x04)).toBe(true);
    expect(isReceipt(0x20)).toBe(true);
    expect(isReceipt(0x44)).toBe(true);
    expect(isReceipt(0x00)).toBe(false);
    expect(isReceipt(0x40)).toBe(false);
  });
});
