import { describe, expect, it } from 'vitest';
import type { MessageStatus } from '../../domain/messages/status.js';
import { ReceiptTracker, mergePartStatuses, type PartReport } from './receipt-tracker.js';

const tracker = (now = () => 0) => new ReceiptTracker({ ttlMs: 1000, maxMessages: 10, now });
const WORD: Record<string, string> = { delivered: 'DELIVRD', undelivered: 'UNDELIV', failed: 'REJECTD', sent: 'ENROUTE' };
const r = (status: MessageStatus, errorCode?: string): PartReport => ({ status, word: WORD[status] ?? '', ...(errorCode ? { errorCode } : {}) });

describe('merging part statuses (reference §5)', () => {
  it.each([
    [['delivered', 'delivered'], 'delivered'],
    [['delivered', 'undelivered'], 'undelivered'],
    [['failed', 'undelivered'], 'undelivered'],
    [['delivered', 'failed'], 'failed'],
    [['failed'], 'failed'],
  ] as const)('%j → %s', (parts, merged) => expect(mergePartStatuses(parts)).toBe(merged));
});

describe('receipt tracker', () => {
  it('reports one status for a long message once every part is final', () => {
    const t = tracker();
    t.track('10', ['10', '11', '12'], 0);
    expect(t.onReceipt('11', r('delivered', '000'))).toBeUndefined();
    expect(t.onReceipt('10', r('delivered'))).toBeUndefined();
    expect(t.onReceipt('12', r('delivered'))).toEqual({ providerMessageId: '10', status: 'delivered', word: 'DELIVRD' });
  });

  it('repeats the merged status when the SMSC repeats a final receipt', () => {
    const t = tracker();
    t.track('10', ['10', '11'], 0);
    t.onReceipt('10', r('delivered'));
    const expected = { providerMessageId: '10', status: 'undelivered', word: 'UNDELIV', errorCode: '034' };
    expect(t.onReceipt('11', r('undelivered', '034'))).toEqual(expected);
    expect(t.onReceipt('11', r('undelivered', '034'))).toEqual(expected);
  });

  it('passes a contradicting later receipt on, for the product to flag', () => {
    const t = tracker();
    t.track('10', ['10', '11'], 0);
    t.onReceipt('10', r('failed', '1'));
    expect(t.onReceipt('11', r('delivered'))).toMatchObject({ status: 'failed', errorCode: '1' });
    expect(t.onReceipt('10', r('delivered'))).toMatchObject({ status: 'delivered' });
  });

  it('reports intermediate receipts of any part under the message id', () => {
    const t = tracker();
    t.track('10', ['10', '11'], 0);
    expect(t.onReceipt('11', r('sent'))).toEqual({ providerMessageId: '10', status: 'sent', word: 'ENROUTE' });
  });

  it('counts parts that never went out as failed', () => {
    const t = tracker();
    t.track('10', ['10'], 2);
    expect(t.onReceipt('10', r('delivered'))).toEqual({ providerMessageId: '10', status: 'failed', word: 'DELIVRD' });
  });

  it('matches receipt ids written with zeros, in another case or in the other base', () => {
    const t = tracker();
    t.track('1A', ['1A', '1000'], 0);
    t.onReceipt('0001a', r('delivered'));
    expect(t.onReceipt('3E8', r('delivered'))).toMatchObject({ providerMessageId: '1A', status: 'delivered' });
  });

  it('holds receipts that arrive while parts are still being submitted, and reports at the end', () => {
    const t = tracker();
    t.begin('10', 2);
    expect(t.onReceipt('10', r('delivered'))).toBeUndefined();
    t.addPart('10', 1, '11');
    expect(t.onReceipt('11', r('delivered'))).toBeUndefined();
    expect(t.finish('10', 2)).toMatchObject({ providerMessageId: '10', status: 'delivered' });
  });

  it('passes a receipt for an unknown id through under that id', () => {
    expect(tracker().onReceipt('00077', r('undelivered', '5'))).toEqual({ providerMessageId: '77', status: 'undelivered', word: 'UNDELIV', errorCode: '5' });
  });

  it('forgets messages after their time and beyond its size', () => {
    let now = 0;
    const t = tracker(() => now);
    t.track('1', ['1', '2'], 0);
    now = 2000;
    t.track('3', ['3'], 0);
    expect(t.size).toBe(1);
    expect(t.onReceipt('2', r('delivered'))).toMatchObject({ providerMessageId: '2', status: 'delivered' });
    for (let i = 10; i < 30; i++) t.track(String(i), [String(i)], 0);
    expect(t.size).toBeLessThanOrEqual(10);
  });
});
