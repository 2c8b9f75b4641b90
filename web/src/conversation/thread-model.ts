// A conversation's thread as the agent sees it: the loaded history merged with live events and the agent's own
// sends, in order, each message at its most advanced status (spec D8: status only moves forward, whatever order
// the reports and the reload arrive in).
import { isMessageStatus, transition } from '@domain/messages/status';
import { optKeyword } from '@domain/messages/opt-out';
import type { NationalLanguage } from '@domain/sms';
import type { InteractionStatus, Thread, ThreadMessage } from '../api/types';
import type { LiveEvent } from '../live/events';

export interface StatusUpdate {
  readonly status: string;
  readonly errorCode: string | null;
  readonly error: string | null;
  /** Absent: unchanged (a report from history says nothing about the review). */
  readonly needsReview?: boolean;
}

export interface ThreadState {
  readonly interactionId: string;
  readonly status: InteractionStatus | null;
  /** The sender number's national tables, so the counter counts as the server will. */
  readonly nationalLanguage: NationalLanguage | null;
  readonly loaded: boolean;
  /** The server holds messages before the first one loaded (the thread opens on its newest page). */
  readonly hasEarlier: boolean;
  readonly messages: readonly ThreadMessage[];
  /** Status reports for messages not seen yet (a report can beat the reload that brings its message). */
  readonly pending: Readonly<Record<string, StatusUpdate>>;
}

export type ThreadAction =
  | { readonly kind: 'loaded'; readonly thread: Thread }
  /** A page of messages before the first one loaded. */
  | { readonly kind: 'earlier'; readonly thread: Thread }
  | { readonly kind: 'sent'; readonly message: ThreadMessage }
  | { readonly kind: 'event'; readonly event: LiveEvent }
  | { readonly kind: 'status'; readonly status: InteractionStatus };

export function emptyThread(interactionId: string): ThreadState {
  return { interactionId, status: null, nationalLanguage: null, loaded: false, hasEarlier: false, messages: [], pending: {} };
}

function advance(current: string, reported: string): string {
  if (!isMessageStatus(current) || !isMessageStatus(reported)) return isMessageStatus(current) ? current : reported;
  return transition(current, reported).status;
}

function applyUpdate(m: ThreadMessage, u: StatusUpdate): ThreadMessage {
  const status = advance(m.status, u.status);
  // A review starts and ends without a status change (the message stays 'sending' while it waits).
  const needsReview = u.needsReview ?? m.needsReview ?? false;
  if (status === m.status && needsReview === (m.needsReview ?? false)) return m;
  return { ...m, status, needsReview, errorCode: u.errorCode ?? m.errorCode ?? null, lastError: u.error ?? m.lastError ?? null };
}

/** Two copies of one message (history and live): the more advanced status wins, and the richer fields. */
function mergeMessage(a: ThreadMessage, b: ThreadMessage): ThreadMessage {
  const merged = applyUpdate(a, { status: b.status, errorCode: b.errorCode ?? null, error: b.lastError ?? null, ...(b.needsReview !== undefined ? { needsReview: b.needsReview } : {}) });
  // The server's time orders the thread; a local copy's is only a stand-in.
  const createdAt = a.local && !b.local ? b.createdAt : a.createdAt;
  return { ...merged, createdAt, local: Boolean(a.local && b.local), optOut: a.optOut ?? b.optOut ?? null };
}

function byTime(a: ThreadMessage, b: ThreadMessage): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function upsert(state: ThreadState, incoming: readonly ThreadMessage[]): ThreadState {
  const byId = new Map(state.messages.map((m) => [m.id, m]));
  let pending = state.pending;
  for (let m of incoming) {
    const waiting = pending[m.id];
    if (waiting) {
      m = applyUpdate(m, waiting);
      pending = { ...pending };
      delete (pending as Record<string, StatusUpdate>)[m.id];
    }
    const known = byId.get(m.id);
    byId.set(m.id, known ? mergeMessage(known, m) : m);
  }
  return { ...state, messages: [...byId.values()].sort(byTime), pending };
}

function updateStatus(state: ThreadState, messageId: string, u: StatusUpdate): ThreadState {
  const i = state.messages.findIndex((m) => m.id === messageId);
  if (i < 0) {
    const before = state.pending[messageId];
    const status = before ? advance(before.status, u.status) : u.status;
    return { ...state, pending: { ...state.pending, [messageId]: { ...u, status } } };
  }
  const current = state.messages[i]!;
  const next = applyUpdate(current, u);
  if (next === current) return state;
  const messages = state.messages.slice();
  messages[i] = next;
  return { ...state, messages };
}

export function threadReducer(state: ThreadState, action: ThreadAction): ThreadState {
  switch (action.kind) {
    case 'loaded':
      return {
        ...upsert(state, action.thread.messages),
        status: action.thread.interaction.status,
        nationalLanguage: action.thread.interaction.nationalLanguage ?? null,
        loaded: true,
        // A reload brings the newest page again: what was loaded before it stays, and so does what is known of earlier ones.
        hasEarlier: state.loaded ? state.hasEarlier : Boolean(action.thread.hasMore),
      };
    case 'earlier':
      return { ...upsert(state, action.thread.messages), hasEarlier: Boolean(action.thread.hasMore) };
    case 'sent':
      return upsert(state, [action.message]);
    case 'status':
      return { ...state, status: action.status };
    case 'event': {
      const e = action.event;
      if (!('interactionId' in e) || e.interactionId !== state.interactionId) return state;
      switch (e.type) {
        case 'message.created':
        case 'message.received':
          return upsert(state, [e.message]);
        case 'message.status':
          return updateStatus(state, e.messageId, { status: e.status, errorCode: e.errorCode, error: e.error, ...(e.needsReview !== undefined ? { needsReview: e.needsReview } : {}) });
        case 'interaction.closed':
          return { ...state, status: 'closed' };
        case 'interaction.started':
        case 'interaction.taken':
          return { ...state, status: 'progressing' };
        default:
          return state;
      }
    }
  }
}

export interface OptOutNotice {
  readonly kind: 'stop' | 'start';
  readonly keyword: string;
}

/** The opt-out (or back in) an inbound message carried, as the server judged it (spec D6). */
export function optOutOf(m: ThreadMessage): OptOutNotice | null {
  if (m.direction !== 'in') return null;
  const keyword = optKeyword(m.body);
  const kind = m.optOut ?? keyword?.kind ?? null;
  if (!kind) return null;
  return { kind, keyword: keyword?.keyword ?? (kind === 'stop' ? 'STOP' : 'START') };
}
