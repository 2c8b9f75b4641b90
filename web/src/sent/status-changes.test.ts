import { describe, expect, it } from 'vitest';
import type { SentDirectMessage } from './sent-types';
import { statusChanges } from './status-changes';

const row = (id: string, status: string, customerName: string | null = null): SentDirectMessage => ({
  id,
  to: `+3361122000${id}`,
  customerName,
  from: '+33900000000',
  senderLabel: null,
  body: 'Hello',
  status,
  segments: 1,
  credits: 1,
  createdAt: '2026-12-07T10:00:00Z',
  updatedAt: '2026-12-07T10:00:00Z',
  errorCode: null,
  reason: null,
  resendOf: null,
  resentAs: null,
});

describe('the Sent view announces status changes only', () => {
  it('names a shown row whose status moved', () => {
    expect(statusChanges([row('1', 'sent', 'Jane'), row('2', 'sent')], [row('1', 'delivered', 'Jane'), row('2', 'sent')])).toEqual([{ id: '1', to: '+33611220001', customerName: 'Jane', status: 'delivered' }]);
  });

  it('says nothing of rows that appear (first load, Show older, a new SMS) or of a reload that changed nothing', () => {
    expect(statusChanges([], [row('1', 'delivered'), row('2', 'failed')])).toEqual([]);
    expect(statusChanges([row('1', 'delivered')], [row('1', 'delivered'), row('2', 'failed'), row('3', 'sent')])).toEqual([]);
    expect(statusChanges([row('1', 'failed')], [row('0', 'queued'), row('1', 'failed')])).toEqual([]);
  });
});
