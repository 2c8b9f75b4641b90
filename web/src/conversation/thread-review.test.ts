import { describe, expect, it } from 'vitest';
import type { ThreadMessage } from '../api/types';
import { decodeEvent } from '../live/events';
import { emptyThread, threadReducer, type ThreadAction } from './thread-model';

const I = 'int-1';
const sending: ThreadMessage = { id: 'm1', direction: 'out', status: 'sending', from: '+33757000001', to: '+33612345678', body: 'Hello', createdAt: '2026-01-01T10:00:00Z' };
const statusEvent = (data: Record<string, unknown>): ThreadAction => {
  const event = decodeEvent('message.status', JSON.stringify({ interactionId: I, messageId: 'm1', ...data }));
  if (!event) throw new Error('not decoded');
  return { kind: 'event', event };
};

describe('a message under review in the thread', () => {
  it('is marked under review while it stays sending, then takes the decision’s outcome', () => {
    const loaded: ThreadAction = { kind: 'loaded', thread: { interaction: { id: I, status: 'progressing', nationalLanguage: null }, messages: [sending] } };
    let s = [loaded, statusEvent({ status: 'sending', needsReview: true })].reduce(threadReducer, emptyThread(I));
    expect(s.messages[0]).toMatchObject({ status: 'sending', needsReview: true });
    s = threadReducer(s, statusEvent({ status: 'failed', needsReview: false, error: 'abandoned after review' }));
    expect(s.messages[0]).toMatchObject({ status: 'failed', needsReview: false, lastError: 'abandoned after review' });
  });

  it('knows it is under review from the thread itself after a reload', () => {
    const s = threadReducer(emptyThread(I), { kind: 'loaded', thread: { interaction: { id: I, status: 'progressing', nationalLanguage: null }, messages: [{ ...sending, needsReview: true }] } });
    expect(s.messages[0]?.needsReview).toBe(true);
    const resent = threadReducer(s, statusEvent({ status: 'queued', needsReview: false }));
    expect(resent.messages[0]).toMatchObject({ status: 'sending', needsReview: false });
  });
});
