import { describe, expect, it } from 'vitest';
import { decodeEvent } from './events';

// What src/http/events/sse.ts writes: the event's id, type and time, then the payload's fields over them.
const data = (o: object) => JSON.stringify({ id: 41, type: 'x', createdAt: '2026-01-01T10:00:00Z', ...o });

describe('decodeEvent', () => {
  it('reads a created message (its payload id is the message id)', () => {
    const e = decodeEvent('message.created', data({ id: 'm1', interactionId: 'i1', direction: 'out', status: 'queued', from: 'A', to: 'B', body: 'Hi', createdAt: '2026-01-01T10:00:01Z' }));
    expect(e).toMatchObject({ type: 'message.created', interactionId: 'i1', message: { id: 'm1', status: 'queued', body: 'Hi', createdAt: '2026-01-01T10:00:01Z' } });
  });

  it('reads a received message with its opt-out flag', () => {
    const e = decodeEvent('message.received', data({ message: { id: 'r1', direction: 'in', status: 'received', from: 'C', to: 'N', body: 'STOP', createdAt: 't', optOut: 'stop' }, interactionId: 'i1', queueId: 'q' }));
    expect(e).toMatchObject({ type: 'message.received', interactionId: 'i1', message: { id: 'r1', optOut: 'stop' } });
  });

  it('reads a status report with its failure reason', () => {
    expect(decodeEvent('message.status', data({ messageId: 'm1', status: 'failed', interactionId: null, errorCode: '1', error: 'Unknown subscriber' }))).toEqual({
      type: 'message.status',
      interactionId: null,
      messageId: 'm1',
      status: 'failed',
      errorCode: '1',
      error: 'Unknown subscriber',
    });
  });

  it('reads the account balance after a top-up or an adjustment', () => {
    expect(decodeEvent('credits.changed', data({ balance: 150 }))).toEqual({ type: 'credits.changed', balance: 150 });
    expect(decodeEvent('credits.changed', data({ balance: '150' }))).toBeNull();
  });

  it('reads who took a waiting conversation, and a profile change', () => {
    expect(decodeEvent('waiting.taken', data({ interactionId: 'i1', queueId: 'q1', agentId: 'a1', agentName: 'Bob' }))).toEqual({ type: 'waiting.taken', interactionId: 'i1', agentId: 'a1', agentName: 'Bob' });
    expect(decodeEvent('waiting.taken', data({ interactionId: 'i1' }))).toBeNull();
    expect(decodeEvent('profile.changed', data({ profileId: 'p1' }))).toEqual({ type: 'profile.changed' });
  });

  it('reads a take: the agent’s own, or a supervisor’s of the agent’s open conversation (who)', () => {
    expect(decodeEvent('interaction.taken', data({ interactionId: 'i1', agentId: 'a1', status: 'progressing' }))).toEqual({ type: 'interaction.taken', interactionId: 'i1' });
    expect(decodeEvent('interaction.taken', data({ interactionId: 'i1', agentId: 's1', agentName: 'Sue', takenFrom: 'a1' }))).toEqual({ type: 'interaction.taken', interactionId: 'i1', takenBy: 'Sue' });
    expect(decodeEvent('interaction.taken', data({}))).toBeNull();
  });

  it('reads a contact name change, one number or an import (number null)', () => {
    expect(decodeEvent('contact.changed', data({ number: '+33612345678', name: 'Claire' }))).toEqual({ type: 'contact.changed', number: '+33612345678', name: 'Claire' });
    expect(decodeEvent('contact.changed', data({ number: '+33612345678', name: null }))).toEqual({ type: 'contact.changed', number: '+33612345678', name: null });
    expect(decodeEvent('contact.changed', data({ number: null, name: null }))).toEqual({ type: 'contact.changed', number: null, name: null });
  });

  it('drops what it cannot trust', () => {
    expect(decodeEvent('inbox.message', data({ interactionId: 'i' }))).toBeNull();
    expect(decodeEvent('message.status', data({ status: 'sent' }))).toBeNull();
    expect(decodeEvent('message.created', '{not json')).toBeNull();
    expect(decodeEvent('interaction.closed', data({}))).toBeNull();
    expect(decodeEvent('interaction.closed', data({ interactionId: 'i1' }))).toEqual({ type: 'interaction.closed', interactionId: 'i1' });
  });
});
