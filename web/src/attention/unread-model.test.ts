import { describe, expect, it } from 'vitest';
import type { Interaction } from '../api/types';
import { announcements, seqToMark, tabTitle, totalUnread, unreadLabel, unreadOf, withMark } from './unread-model';

const row = (id: string, o: Partial<Interaction> = {}): Interaction => ({
  id,
  status: 'progressing',
  customerNumber: `+3361100000${id.length}`,
  queueId: 'q',
  agentId: 'a',
  smsNumber: '+33757000001',
  createdAt: '2026-12-07T10:00:00Z',
  updatedAt: '2026-12-07T10:00:00Z',
  unread: 0,
  lastMessage: null,
  customerName: null,
  ...o,
});
const inbound = (seq: number, preview = 'hi') => ({ seq, direction: 'in' as const, preview, at: '2026-12-07T10:00:00Z' });
const none = new Map<string, number>();

describe('unread counts', () => {
  it('are the server’s until this tab knows the conversation was read up to its last message', () => {
    const i = row('a', { unread: 2, lastMessage: inbound(10) });
    expect(unreadOf(i, none)).toBe(2);
    expect(unreadOf(i, new Map([['a', 9]]))).toBe(2);
    expect(unreadOf(i, new Map([['a', 10]]))).toBe(0);
    expect(unreadOf(row('b'), new Map([['b', 1]]))).toBe(0);
    // A server without the field counts as nothing unread.
    expect(unreadOf(row('c', { unread: undefined }), none)).toBe(0);
  });

  it('add up over open and waiting conversations for the tab title, which says 99+ past the cap', () => {
    const lists = { open: [row('a', { unread: 2, lastMessage: inbound(5) }), row('b')], waiting: [row('w', { status: 'waiting', unread: 1, lastMessage: inbound(7) })] };
    expect(totalUnread(lists, none)).toBe(3);
    expect(totalUnread(lists, new Map([['a', 5]]))).toBe(1);
    expect(tabTitle('smsdesk', 3)).toBe('(3) smsdesk');
    expect(tabTitle('smsdesk', 0)).toBe('smsdesk');
    expect(tabTitle('smsdesk', 250)).toBe('(99+) smsdesk');
    expect(unreadLabel(100)).toBe('99+');
    expect(unreadLabel(99)).toBe('99');
  });
});

describe('marking read', () => {
  it('marks the last message of the conversation on screen, only while something is unread', () => {
    expect(seqToMark(row('a', { unread: 1, lastMessage: inbound(12) }), none)).toBe(12);
    expect(seqToMark(row('a', { unread: 1, lastMessage: inbound(12) }), new Map([['a', 12]]))).toBeNull();
    expect(seqToMark(row('a', { unread: 0, lastMessage: inbound(12) }), none)).toBeNull();
    expect(seqToMark(undefined, none)).toBeNull();
  });

  it('keeps the furthest mark whatever order the answers and events arrive in', () => {
    let m = withMark(none, 'a', 5);
    m = withMark(m, 'a', 3);
    expect(m.get('a')).toBe(5);
    const same = withMark(m, 'a', 5);
    expect(same).toBe(m);
    expect(withMark(m, 'a', 8).get('a')).toBe(8);
  });
});

describe('announcements', () => {
  it('announce nothing on the first load: it is what was already there', () => {
    expect(announcements(null, { open: [row('a', { unread: 1, lastMessage: inbound(3) })], waiting: [row('w', { status: 'waiting' })] }, none)).toEqual([]);
  });

  it('announce a customer’s new reply in an open conversation, by contact name when known', () => {
    const before = { open: [row('a', { lastMessage: inbound(3) }), row('b', { lastMessage: inbound(4) })], waiting: [] };
    const after = {
      open: [row('a', { unread: 1, customerName: 'Alice', lastMessage: inbound(9, 'Where is it?') }), row('b', { lastMessage: { ...inbound(6), direction: 'out' as const } })],
      waiting: [],
    };
    expect(announcements(before, after, none)).toEqual([{ kind: 'reply', interactionId: 'a', who: 'Alice', preview: 'Where is it?' }]);
    // Already read in another tab: nothing to announce.
    expect(announcements(before, after, new Map([['a', 9]]))).toEqual([]);
  });

  it('announce a new waiting conversation, not one taken from the queue nor one still waiting', () => {
    const w = row('w', { status: 'waiting', unread: 1, lastMessage: inbound(2, 'Hello?') });
    const before = { open: [], waiting: [w] };
    const after = { open: [row('w', { unread: 1, lastMessage: inbound(2, 'Hello?') })], waiting: [row('x', { status: 'waiting', customerNumber: '+33611223344', unread: 1, lastMessage: inbound(6, 'Anyone?') })] };
    expect(announcements(before, after, none)).toEqual([{ kind: 'waiting', interactionId: 'x', who: '+33611223344', preview: 'Anyone?' }]);
    expect(announcements(after, after, none)).toEqual([]);
  });

  it('announce a reply that arrived with the take, when one load of the lists brings both', () => {
    const before = { open: [], waiting: [row('w', { status: 'waiting', unread: 1, lastMessage: inbound(2, 'Hello?') })] };
    const after = { open: [row('w', { unread: 2, lastMessage: inbound(5, 'And on Monday?') })], waiting: [] };
    expect(announcements(before, after, none)).toEqual([{ kind: 'reply', interactionId: 'w', who: '+33611000001', preview: 'And on Monday?' }]);
    // Read already (the take opened it and the reply was on screen): nothing.
    expect(announcements(before, after, new Map([['w', 5]]))).toEqual([]);
    // Taken elsewhere before this tab ever saw it wait: not this agent's news.
    expect(announcements({ open: [], waiting: [] }, after, none)).toEqual([]);
  });
});
