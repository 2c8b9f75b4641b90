import { describe, expect, it } from 'vitest';
import { ReceiptTracker, mergePartStatuses } from './receipt-tracker.js';

const tracker = (now = () => 0) => new ReceiptTracker({ ttlMs: 1000, maxMessages: 10, now });

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
    expect(t.onReceipt('11', 'delivered')).toBeUndefined();
    expect(t.onReceipt('10', 'delivered')).toBeUndefined();
    expect(t.onReceipt('12', 'delivered')).toEqual({ providerMessageId: '10', status: 'delivered' });
  });

  it('repeats the merged status when the SMSC repeats a final receipt', () => {
    const t = tracker();
    t.track('10', ['10', '11'], 0);
    t.onReceipt('10', 'delivered');
    expect(t.onReceipt('11', 'undelivered', '034')).toEqual({ providerMessageId: '10', status: 'undelivered', errorCode: '034' });
    expect(t.onReceipt('11', 'undelivered', '034')).toEqual({ providerMessageId: '10', status: 'undelivered', errorCode: '034' });
  });

  it('keeps the first final word per part', () => {
    const t = tracker();
    t.track('10', ['10', '11'], 0);
    t.onReceipt('10', 'failed', '1');
    t.onReceipt('10', 'delivered');
    expect(t.onReceipt('11', 'delivered')).toEqual({ providerMessageId: '10', status: 'failed', errorCode: '1' });
  });

  it('reports intermediate receipts of any part under the message id', () => {
    const t = tracker();
    t.track('10', ['10', '11'], 0);
    expect(t.onReceipt('11', 'sent')).toEqual({ providerMessageId: '10', status: 'sent' });
  });

  it('counts parts that never went out as failed', () => {
    const t = tracker();
    t.track('10', ['10'], 2);
    expect(t.onReceipt('10', 'delivered')).toEqual({ providerMessageId: '10', status: 'failed' });
  });

  it('matches receipt ids written with zeros, in another case or in the other base', () => {
    const t = tracker();
    t.track('1A', ['1A', '1000'], 0);
    t.onReceipt('0001a', 'delivered');
    expect(t.onReceipt('3E8', 'delivered')).toEqual({ providerMessageId: '1A', status: 'delivered' });
  });

  it('holds receipts that arrive while parts are still being submitted, and reports at the end', () => {
    const t = tracker();
    t.begin('10', 2);
    expect(t.onReceipt('10', 'delivered')).toBeUndefined();
    t.addPart('10', 1, '11');
    expect(t.onReceipt('11', 'delivered')).toBeUndefined();
    expect(t.finish('10', 2)).toEqual({ providerMessageId: '10', status: 'delivered' });
  });

  it('passes a receipt for an unknown id through under that id', () => {
    expect(tracker().onReceipt('00077', 'undelivered', '5')).toEqual({ providerMessageId: '77', status: 'undelivered', errorCode: '5' });
  });

  it('forgets messages after their time and beyond its size', () => {
    let now = 0;
    const t = tracker(() => now);
    t.track('1', ['1', '2'], 0);
    now = 2000;
    t.track('3', ['3'], 0);
    expect(t.size).toBe(1);
    expect(t.onReceipt('2', 'delivered')).toEqual({ providerMessageId: '2', status: 'delivered' });
    for (let i = 10; i < 30; i++) t.track(String(i), [String(i)], 0);
    expect(t.size).toBeLessThanOrEqual(10);
  });
});
