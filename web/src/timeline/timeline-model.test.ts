import { describe, expect, it } from 'vitest';
import { summarize, withName, withOlder, withStatus } from './timeline-model';
import type { NumberTimeline, TimelineEntry } from './timeline-types';

const direct = (id: string, at: string, status = 'sent'): TimelineEntry => ({ kind: 'direct', id, at, status, agentId: 'a1', agentName: 'Bob', from: '+33757000001', credits: 1, errorCode: null, mine: false, body: null });
const conv: TimelineEntry = { kind: 'conversation', id: 'c1', at: '2026-12-07T10:00:00.000000Z', status: 'progressing', startedAt: '2026-12-07T09:00:00.000000Z', queueId: 'q', queueName: 'Support', agentId: 'a2', agentName: 'Ann', smsNumber: null, messageCount: 3, canOpen: false };
const base: NumberTimeline = {
  number: '+33612345678',
  name: null,
  optedOut: false,
  holder: { state: 'agent', interactionId: 'c1', agentId: 'a2', agentName: 'Ann', queueName: 'Support', mine: false },
  entries: [conv, direct('d2', '2026-12-06T10:00:00.000000Z', 'delivered'), direct('d1', '2026-12-01T10:00:00.000000Z')],
  nextBefore: 'x',
};

describe('timeline model', () => {
  it('summarizes the holder and the newest Direct SMS', () => {
    expect(summarize(base)).toEqual({ name: null, holder: base.holder, lastDirect: base.entries[1] });
    expect(summarize({ ...base, entries: [conv] }).lastDirect).toBeNull();
  });
  it('applies a live status to the Direct SMS it names, and only then makes a new timeline', () => {
    const t = withStatus(base, 'd1', 'failed', 'E30');
    expect(t.entries[2]).toMatchObject({ id: 'd1', status: 'failed', errorCode: 'E30' });
    expect(t.entries[1]).toBe(base.entries[1]);
    expect(withStatus(base, 'elsewhere', 'failed', null)).toBe(base);
    expect(withStatus(base, 'd2', 'delivered', null)).toBe(base);
    expect(withStatus(base, 'c1', 'delivered', null)).toBe(base);
  });
  it('appends an older page without repeating an entry', () => {
    const older: NumberTimeline = { ...base, entries: [direct('d1', '2026-12-01T10:00:00.000000Z'), direct('d0', '2026-11-01T10:00:00.000000Z')], nextBefore: null };
    const t = withOlder(base, older);
    expect(t.entries.map((e) => e.id)).toEqual(['c1', 'd2', 'd1', 'd0']);
    expect(t.nextBefore).toBeNull();
    expect(withName(base, 'Jane').name).toBe('Jane');
  });
});
