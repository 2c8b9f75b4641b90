import { describe, expect, it } from 'vitest';
import { VonageReceiptTracker } from './receipt-tracker.js';

const tracker = () => new VonageReceiptTracker({ ttlMs: 10_000, maxMessages: 100, now: () => 0 });

describe('Vonage receipt tracker', () => {
  it('reports a long message once, when every part is final, under the first part id', () => {
    const t = tracker();
    t.track(['0A01', '0A02'], 0);
    expect(t.onReceipt('0A02', 'delivered', '0')).toBeUndefined();
    expect(t.onReceipt('0A01', 'delivered', '0')).toEqual({ providerMessageId: '0A01', status: 'delivered' });
  });

  it('is undelivered if any part is, failed if a part was refused at submission', () => {
    const t = tracker();
    t.track(['1', '2'], 0);
    t.onReceipt('1', 'delivered');
    expect(t.onReceipt('2', 'undelivered', '7')).toEqual({ providerMessageId: '1', status: 'undelivered', errorCode: '7' });
    t.track(['3'], 1);
    expect(t.onReceipt('3', 'delivered', '0')).toEqual({ providerMessageId: '3', status: 'failed' });
  });

  it('reports intermediate states under the message id and unknown ids under their own', () => {
    const t = tracker();
    t.track(['1', '2'], 0);
    expect(t.onReceipt('2', 'sent')).toEqual({ providerMessageId: '1', status: 'sent' });
    expect(t.onReceipt('0B99', 'failed', '4')).toEqual({ providerMessageId: '0B99', status: 'failed', errorCode: '4' });
  });
});
