import { describe, expect, it } from 'vitest';
import { appendPage, applyStatus, canSendAgain, furthest, sendAgainHelps } from './sent-model';
import type { SentDirectMessage } from './sent-types';

const row = (id: string, over: Partial<SentDirectMessage> = {}): SentDirectMessage => ({
  id,
  to: '+33612345678',
  customerName: null,
  from: '+33757000003',
  senderLabel: null,
  body: 'hello',
  status: 'sent',
  segments: 1,
  credits: 1,
  createdAt: '2026-12-07T10:00:00Z',
  updatedAt: '2026-12-07T10:00:00Z',
  errorCode: null,
  reason: null,
  resendOf: null,
  resentAs: null,
  ...over,
});

describe('the Sent view’s model', () => {
  it('offers Send again only for a failure not sent again yet', () => {
    expect(canSendAgain(row('a', { status: 'failed' }))).toBe(true);
    expect(canSendAgain(row('a', { status: 'undelivered' }))).toBe(true);
    expect(canSendAgain(row('a', { status: 'rejected' }))).toBe(true);
    expect(canSendAgain(row('a', { status: 'failed', resentAs: 'b' }))).toBe(false);
    for (const status of ['queued', 'sending', 'sent', 'delivered']) expect(canSendAgain(row('a', { status })), status).toBe(false);
  });

  it('applies a live status forward only, and asks for the reason of a new failure', () => {
    const shown = [row('a'), row('b', { status: 'queued' })];
    const failed = applyStatus(shown, { messageId: 'a', status: 'failed', errorCode: 'SIM_UNDELIVERABLE' });
    expect(failed.reload).toBe(true);
    expect(failed.messages[0]).toMatchObject({ status: 'failed', errorCode: 'SIM_UNDELIVERABLE' });
    const sent = applyStatus(shown, { messageId: 'b', status: 'sent', errorCode: null });
    expect(sent).toMatchObject({ reload: false });
    expect(sent.messages[1]!.status).toBe('sent');
    // A late 'sent' after 'delivered', a retry's 'queued' after 'sending': nothing moves back.
    expect(furthest('delivered', 'sent')).toBe('delivered');
    expect(furthest('sending', 'queued')).toBe('sending');
    const stale = applyStatus(shown, { messageId: 'a', status: 'queued', errorCode: null });
    expect(stale.messages).toBe(shown);
    expect(applyStatus(shown, { messageId: 'zzz', status: 'failed', errorCode: null }).messages).toBe(shown);
  });

  it('joins pages without repeating a row', () => {
    expect(appendPage([row('a'), row('b')], { messages: [row('b'), row('c')], nextBefore: null }).map((m) => m.id)).toEqual(['a', 'b', 'c']);
  });

  it('says whether sending again can help', () => {
    expect(sendAgainHelps('unreachable')).toBe(true);
    expect(sendAgainHelps('invalid_number')).toBe(false);
  });
});
