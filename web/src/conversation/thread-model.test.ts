import { describe, expect, it } from 'vitest';
import type { Thread, ThreadMessage } from '../api/types';
import type { LiveEvent } from '../live/events';
import { emptyThread, optOutOf, threadReducer, type ThreadAction, type ThreadState } from './thread-model';

const I = 'int-1';
const out = (id: string, at: string, status = 'queued'): ThreadMessage => ({ id, direction: 'out', status, from: '+33757000001', to: '+33612345678', body: `body ${id}`, createdAt: at });
const inbound = (id: string, at: string, body = 'reply'): ThreadMessage => ({ id, direction: 'in', status: 'received', from: '+33612345678', to: '+33757000001', body, createdAt: at });
const ev = (event: LiveEvent): ThreadAction => ({ kind: 'event', event });
const status = (messageId: string, s: string, error: string | null = null): ThreadAction => ev({ type: 'message.status', interactionId: I, messageId, status: s, errorCode: null, error });
const run = (...actions: ThreadAction[]): ThreadState => actions.reduce(threadReducer, emptyThread(I));
const loaded = (messages: ThreadMessage[], st: Thread['interaction']['status'] = 'progressing'): ThreadAction => ({ kind: 'loaded', thread: { interaction: { id: I, status: st, nationalLanguage: null }, messages } });

describe('the thread, paged from its newest messages', () => {
  const page = (messages: ThreadMessage[], hasMore: boolean): Thread => ({ interaction: { id: I, status: 'progressing', nationalLanguage: null }, messages, hasMore });
  it('knows earlier messages remain, puts an earlier page before what it holds, and keeps that through a reload', () => {
    const newest = page([inbound('m3', '2026-01-01T10:03:00Z'), inbound('m4', '2026-01-01T10:04:00Z')], true);
    let s = run({ kind: 'loaded', thread: newest });
    expect(s.hasEarlier).toBe(true);
    s = threadReducer(s, { kind: 'earlier', thread: page([inbound('m1', '2026-01-01T10:01:00Z'), inbound('m2', '2026-01-01T10:02:00Z')], false) });
    expect(s.messages.map((m) => m.id)).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(s.hasEarlier).toBe(false);
    // A reload brings the newest page again: the earlier messages stay, and nothing is said to remain before them.
    s = threadReducer(s, { kind: 'loaded', thread: newest });
    expect(s.messages.map((m) => m.id)).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(s.hasEarlier).toBe(false);
  });
});

describe('the thread', () => {
  it('shows the agent’s message at once, then its live status', () => {
    const s = run(loaded([]), { kind: 'sent', message: { ...out('m1', '2026-01-01T10:00:05Z'), local: true } }, status('m1', 'sent'), status('m1', 'delivered'));
    expect(s.messages.map((m) => [m.id, m.status])).toEqual([['m1', 'delivered']]);
  });

  it('merges the local copy with the server’s, taking the server’s time', () => {
    const s = run({ kind: 'sent', message: { ...out('m1', '2026-01-01T10:09:00Z'), local: true } }, ev({ type: 'message.created', interactionId: I, message: out('m1', '2026-01-01T10:00:00Z') }), ev({ type: 'message.received', interactionId: I, message: inbound('r1', '2026-01-01T10:05:00Z') }));
    expect(s.messages.map((m) => m.id)).toEqual(['m1', 'r1']);
    expect(s.messages[0]?.local).toBe(false);
  });

  it('never moves a status back, whatever order reports and reloads come in', () => {
    const s = run(status('m1', 'delivered'), status('m1', 'sent'), loaded([out('m1', '2026-01-01T10:00:00Z', 'queued')]), status('m1', 'sending'));
    expect(s.messages[0]?.status).toBe('delivered');
    const t = run(loaded([out('m1', '2026-01-01T10:00:00Z', 'sent')]), status('m1', 'failed', 'Carrier: unknown subscriber'), status('m1', 'delivered'));
    expect(t.messages[0]).toMatchObject({ status: 'failed', lastError: 'Carrier: unknown subscriber' });
  });

  it('keeps inbound and outbound in time order and ignores other conversations', () => {
    const s = run(
      loaded([out('m1', '2026-01-01T10:00:00Z'), inbound('r1', '2026-01-01T10:01:00Z')]),
      ev({ type: 'message.received', interactionId: I, message: inbound('r2', '2026-01-01T10:02:00Z') }),
      ev({ type: 'message.received', interactionId: 'other', message: inbound('x', '2026-01-01T10:03:00Z') }),
    );
    expect(s.messages.map((m) => m.id)).toEqual(['m1', 'r1', 'r2']);
  });

  it('follows the conversation’s status', () => {
    expect(run(loaded([]), ev({ type: 'interaction.closed', interactionId: I })).status).toBe('closed');
    expect(run(loaded([], 'waiting'), ev({ type: 'interaction.taken', interactionId: I })).status).toBe('progressing');
  });
});

describe('optOutOf', () => {
  it('reads opt-outs from inbound keywords and from the live flag', () => {
    expect(optOutOf(inbound('a', 'x', 'Stop.'))).toEqual({ kind: 'stop', keyword: 'STOP' });
    expect(optOutOf(inbound('a', 'x', 'arrêt'))).toEqual({ kind: 'stop', keyword: 'ARRÊT' });
    expect(optOutOf(inbound('a', 'x', 'START'))).toEqual({ kind: 'start', keyword: 'START' });
    expect(optOutOf({ ...inbound('a', 'x', 'please no more'), optOut: 'stop' })).toEqual({ kind: 'stop', keyword: 'STOP' });
    expect(optOutOf(inbound('a', 'x', 'Please stop calling me at work'))).toBeNull();
    expect(optOutOf(out('a', 'x'))).toBeNull();
  });
});
