import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MESSAGE_STATUSES, isFinal, transition, type MessageStatus } from './status.js';

describe('message status only moves forward', () => {
  it('follows the normal path', () => {
    expect(transition('queued', 'sending')).toEqual({ changed: true, status: 'sending' });
    expect(transition('sending', 'sent')).toEqual({ changed: true, status: 'sent' });
    expect(transition('sent', 'delivered')).toEqual({ changed: true, status: 'delivered' });
  });
  it('may skip steps (a receipt can arrive before the submit result is recorded)', () => {
    expect(transition('sending', 'delivered')).toEqual({ changed: true, status: 'delivered' });
    expect(transition('queued', 'rejected')).toEqual({ changed: true, status: 'rejected' });
  });
  it('treats duplicates and late reports as no-ops', () => {
    expect(transition('sent', 'sent')).toEqual({ changed: false, status: 'sent', reason: 'duplicate' });
    expect(transition('sent', 'sending')).toEqual({ changed: false, status: 'sent', reason: 'stale' });
    expect(transition('delivered', 'sent')).toEqual({ changed: false, status: 'delivered', reason: 'final' });
  });
  it('never replaces one final status with another', () => {
    expect(transition('failed', 'delivered')).toEqual({ changed: false, status: 'failed', reason: 'final' });
    expect(transition('delivered', 'undelivered')).toEqual({ changed: false, status: 'delivered', reason: 'final' });
  });
  it('an outbound message can never become received', () => {
    expect(transition('sent', 'received')).toMatchObject({ changed: false, status: 'sent' });
  });

  it('property: any sequence of reports ends in a status no earlier than the furthest report applied', () => {
    const status = fc.constantFrom<MessageStatus>(...MESSAGE_STATUSES.filter((s) => s !== 'received'));
    fc.assert(
      fc.property(fc.array(status, { maxLength: 20 }), (reports) => {
        let s: MessageStatus = 'queued';
        const seen: MessageStatus[] = [s];
        for (const r of reports) {
          const t = transition(s, r);
          if (t.changed) {
            // once final, nothing changes
            expect(isFinal(s)).toBe(false);
          }
          s = t.status;
          seen.push(s);
        }
        // the status sequence never goes back to an earlier one
        const order = ['queued', 'sending', 'sent'];
        for (let i = 1; i < seen.length; i++) {
          const a = order.indexOf(seen[i - 1]!);
          const b = order.indexOf(seen[i]!);
          if (a >= 0 && b >= 0) expect(b).toBeGreaterThanOrEqual(a);
          if (isFinal(seen[i - 1]!)) expect(seen[i]).toBe(seen[i - 1]);
        }
      }),
    );
  });
});
