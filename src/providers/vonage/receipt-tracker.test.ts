import { describe, expect, it } from 'vitest';
import { VonageReceiptTracker, type PartReport } from './receipt-tracker.js';

const tracker = () => new VonageReceiptTracker({ ttlMs: 10_000, maxMessages: 100, now: () => 0 });
const delivered: PartReport = { status: 'delivered', word: 'delivered', errorCode: '0' };
const expired: PartReport = { status: 'undelivered', word: 'expired', errorCode: '7' };

describe('Vonage receipt tracker', () => {
  it('reports a long message once, when every part is final, under the first part id', () => {
    const t = tracker();
    t.track(['0A01', '0A02'], 0);
    expect(t.onReceipt('0A02', delivered)).toBeUndefined();
    expect(t.onReceipt('0A01', delivered)).toEqual({ providerMessageId: '0A01', status: 'delivered', word: 'delivered' });
  });

  it('is undelivered if any part is, failed if a part was refused at submission', () => {
    const t = tracker();
    t.track(['1', '2'], 0);
    t.onReceipt('1', delivered);
    expect(t.onReceipt('2', expired)).toEqual({ providerMessageId: '1', status: 'undelivered', word: 'expired', errorCode: '7' });
    t.track(['3'], 1);
    expect(t.onReceipt('3', delivered)).toEqual({ providerMessageId: '3', status: 'failed', word: 'delivered' });
  });

  it('passes a contradicting later receipt on, for the product to flag', () => {
    const t = tracker();
    t.track(['1'], 0);
    expect(t.onReceipt('1', expired)?.status).toBe('undelivered');
    expect(t.onReceipt('1', delivered)?.status).toBe('delivered');
  });

  it('reports intermediate states under the message id and unknown ids under their own', () => {
    const t = tracker();
    t.track(['1', '2'], 0);
    expect(t.onReceipt('2', { status: 'sent', word: 'buffered' })).toEqual({ providerMessageId: '1', status: 'sent', word: 'buffered' });
    expect(t.onReceipt('0B99', { status: 'failed', word: 'rejected', errorCode: '4' })).toEqual({
      providerMessageId: '0B99', status: 'failed', word: 'rejected', errorCode: '4',
    });
  });
});
