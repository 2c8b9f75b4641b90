// What needs the agent now, decided from the lists alone (no I/O): the unread count of a
// conversation once the agent's own marks are applied, the total the tab title carries, and what
// changed between two loads of the lists that is worth announcing.
import type { Interaction } from '../api/types';

/** The server counts unread messages up to this many. */
export const UNREAD_SHOWN_MAX = 99;

/** A conversation's marks as this tab knows them (its own reads, and those of the agent's other tabs). */
export type ReadMarks = ReadonlyMap<string, number>;

/** Unread messages of a conversation: none once this tab knows it was read up to its last message. */
export function unreadOf(i: Interaction, marks: ReadMarks): number {
  const unread = i.unread ?? 0;
  if (unread === 0) return 0;
  const mark = marks.get(i.id);
  return mark !== undefined && i.lastMessage && mark >= i.lastMessage.seq ? 0 : unread;
}

/** "99+" past the server's cap, else the count. */
export function unreadLabel(n: number): string {
  return n > UNREAD_SHOWN_MAX ? `${UNREAD_SHOWN_MAX}+` : String(n);
}

/** Unread messages the agent is expected to answer: their own open conversations and those waiting in their queues. */
export function totalUnread(lists: { readonly open: readonly Interaction[]; readonly waiting: readonly Interaction[] }, marks: ReadMarks): number {
  let n = 0;
  for (const i of lists.open) n += unreadOf(i, marks);
  for (const i of lists.waiting) n += unreadOf(i, marks);
  return n;
}

/** "(3) smsdesk"; the bare name when nothing is unread. */
export function tabTitle(base: string, unread: number): string {
  return unread > 0 ? `(${unreadLabel(unread)}) ${base}` : base;
}

/**
 * The seq to mark read for the conversation on screen, or null when nothing is left to mark
 * (or the lists do not know its last message yet).
 */
export function seqToMark(i: Interaction | undefined, marks: ReadMarks): number | null {
  if (!i?.lastMessage || unreadOf(i, marks) === 0) return null;
  return i.lastMessage.seq;
}

/** Keeps the furthest mark per conversation (events and answers may arrive in any order). */
export function withMark(marks: ReadMarks, interactionId: string, seq: number): ReadMarks {
  const current = marks.get(interactionId);
  if (current !== undefined && current >= seq) return marks;
  const next = new Map(marks);
  next.set(interactionId, seq);
  return next;
}

export interface Announcement {
  readonly kind: 'reply' | 'waiting';
  readonly interactionId: string;
  /** The contact's name, else the number. */
  readonly who: string;
  readonly preview: string;
}

export interface ListsSnapshot {
  readonly open: readonly Interaction[];
  readonly waiting: readonly Interaction[];
}

/**
 * What arrived between two loads of the lists: a customer's reply in one of the agent's open
 * conversations (its last message is theirs and newer than before) and a conversation newly
 * waiting in their queues. The first load announces nothing: it is what was already there.
 */
export function announcements(before: ListsSnapshot | null, after: ListsSnapshot, marks: ReadMarks): Announcement[] {
  if (!before) return [];
  const out: Announcement[] = [];
  // A conversation taken from the queue between two loads is compared with what it held while it
  // waited: a reply that came with the take is news (the lists may reload once for both).
  const seqBefore = new Map([...before.waiting, ...before.open].map((i) => [i.id, i.lastMessage?.seq ?? -1]));
  for (const i of after.open) {
    const last = i.lastMessage;
    if (!last || last.direction !== 'in' || unreadOf(i, marks) === 0) continue;
    const was = seqBefore.get(i.id);
    // One the agent was never told of (taken elsewhere before this tab saw it wait) is no reply to them.
    if (was === undefined || last.seq <= was) continue;
    out.push({ kind: 'reply', interactionId: i.id, who: i.customerName ?? i.customerNumber, preview: last.preview });
  }
  const waitingBefore = new Set(before.waiting.map((i) => i.id));
  for (const i of after.waiting) {
    if (waitingBefore.has(i.id)) continue;
    out.push({ kind: 'waiting', interactionId: i.id, who: i.customerName ?? i.customerNumber, preview: i.lastMessage?.preview ?? '' });
  }
  return out;
}
