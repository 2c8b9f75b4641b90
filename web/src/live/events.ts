// The live stream's events (GET /api/events), decoded from their JSON data. Anything unexpected is dropped rather
// than trusted: a newer server may send types or fields this build does not know.
import type { InboundMedia, ThreadMessage } from '../api/types';

export const EVENT_TYPES = [
  'message.created',
  'message.status',
  'message.received',
  'interaction.started',
  'interaction.waiting',
  'interaction.taken',
  'interaction.closed',
  'optout.changed',
  'call.started',
  'call.ended',
  'credits.changed',
  'waiting.taken',
  'profile.changed',
  'interaction.read',
  'contact.changed',
  'scheduled.created',
  'scheduled.updated',
  'scheduled.cancelled',
  'scheduled.sent',
  'scheduled.failed',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export type LiveEvent =
  | { readonly type: 'message.created' | 'message.received'; readonly interactionId: string | null; readonly message: ThreadMessage }
  | {
      readonly type: 'message.status';
      readonly interactionId: string | null;
      readonly messageId: string;
      readonly status: string;
      readonly errorCode: string | null;
      readonly error: string | null;
      /** Under an administrator's review (delivery uncertain); false once decided. */
      readonly needsReview?: boolean;
    }
  | { readonly type: 'interaction.started' | 'interaction.waiting' | 'interaction.closed'; readonly interactionId: string }
  /** `takenBy`: a supervisor took this agent's open conversation (their name); absent when the agent took it. */
  | { readonly type: 'interaction.taken'; readonly interactionId: string; readonly takenBy?: string }
  | { readonly type: 'optout.changed'; readonly interactionId: string | null; readonly number: string; readonly optedOut: boolean; readonly keyword: string | null }
  | { readonly type: 'call.started' | 'call.ended'; readonly interactionId: string }
  /** The account's balance after a top-up or an adjustment. */
  | { readonly type: 'credits.changed'; readonly balance: number }
  /** A waiting conversation of one of the agent's queues was taken (by them or a colleague). */
  | { readonly type: 'waiting.taken'; readonly interactionId: string; readonly agentId: string; readonly agentName: string }
  /** An administrator changed the agent's profile: rights, limits, numbers or templates. */
  | { readonly type: 'profile.changed' }
  /** The agent read a conversation up to `seq` (in this tab or another, on any device). */
  | { readonly type: 'interaction.read'; readonly interactionId: string; readonly seq: number }
  /** Someone in the account named, renamed or unnamed a number (`number` null: an import changed several). */
  | { readonly type: 'contact.changed'; readonly number: string | null; readonly name: string | null }
  /** One of the agent's scheduled messages changed (docs/scheduled-sends.md). */
  | { readonly type: ScheduledEventType; readonly scheduled: ScheduledEventData };

export type ScheduledEventType = 'scheduled.created' | 'scheduled.updated' | 'scheduled.cancelled' | 'scheduled.sent' | 'scheduled.failed';
export interface ScheduledEventData {
  readonly id: string;
  readonly to: string;
  readonly origin: 'schedule' | 'undo';
  readonly sendAt: string;
  readonly errorCode: string | null;
}

type Data = Readonly<Record<string, unknown>>;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function isData(v: unknown): v is Data {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The media of an inbound message as the server wrote them; anything else reads as none. */
function mediaOf(v: unknown): InboundMedia[] | null {
  if (!Array.isArray(v)) return null;
  const media = v.filter(isData).flatMap((m) => {
    const url = str(m.url);
    return url === null ? [] : [{ url, contentType: str(m.contentType) }];
  });
  return media.length > 0 ? media : null;
}

function message(d: Data): ThreadMessage | null {
  const id = str(d.id);
  const direction = d.direction === 'in' || d.direction === 'out' ? d.direction : null;
  const body = str(d.body);
  if (!id || !direction || body === null) return null;
  const optOut = d.optOut === 'stop' || d.optOut === 'start' ? d.optOut : null;
  return {
    id,
    direction,
    status: str(d.status) ?? (direction === 'in' ? 'received' : 'queued'),
    from: str(d.from) ?? '',
    to: str(d.to) ?? '',
    body,
    createdAt: str(d.createdAt) ?? new Date(0).toISOString(),
    errorCode: str(d.errorCode),
    lastError: str(d.lastError) ?? str(d.error),
    optOut,
    media: mediaOf(d.media),
  };
}

export function isEventType(type: string): type is EventType {
  return (EVENT_TYPES as readonly string[]).includes(type);
}

export function decodeEvent(type: string, json: string): LiveEvent | null {
  if (!isEventType(type)) return null;
  let d: unknown;
  try {
    d = JSON.parse(json);
  } catch {
    return null;
  }
  if (!isData(d)) return null;
  const interactionId = str(d.interactionId);
  switch (type) {
    case 'message.created': {
      const m = message(d);
      return m ? { type, interactionId, message: m } : null;
    }
    case 'message.received': {
      const m = isData(d.message) ? message(d.message) : null;
      return m ? { type, interactionId, message: m } : null;
    }
    case 'message.status': {
      const messageId = str(d.messageId);
      const status = str(d.status);
      return messageId && status ? { type, interactionId, messageId, status, errorCode: str(d.errorCode), error: str(d.error), ...(typeof d.needsReview === 'boolean' ? { needsReview: d.needsReview } : {}) } : null;
    }
    case 'optout.changed': {
      const number = str(d.number);
      return number && typeof d.optedOut === 'boolean' ? { type, interactionId, number, optedOut: d.optedOut, keyword: str(d.keyword) } : null;
    }
    case 'credits.changed':
      return typeof d.balance === 'number' && Number.isFinite(d.balance) ? { type, balance: d.balance } : null;
    case 'waiting.taken': {
      const agentId = str(d.agentId);
      return interactionId && agentId ? { type, interactionId, agentId, agentName: str(d.agentName) ?? '' } : null;
    }
    case 'interaction.taken': {
      if (!interactionId) return null;
      const by = str(d.takenFrom) !== null ? str(d.agentName) : null;
      return by !== null ? { type, interactionId, takenBy: by } : { type, interactionId };
    }
    case 'profile.changed':
      return { type };
    case 'interaction.read':
      return interactionId && typeof d.seq === 'number' && Number.isSafeInteger(d.seq) && d.seq >= 0 ? { type, interactionId, seq: d.seq } : null;
    case 'contact.changed':
      return { type, number: str(d.number), name: str(d.name) };
    case 'scheduled.created':
    case 'scheduled.updated':
    case 'scheduled.cancelled':
    case 'scheduled.sent':
    case 'scheduled.failed': {
      const id = str(d.id);
      const sendAt = str(d.sendAt);
      const origin = d.origin === 'undo' || d.origin === 'schedule' ? d.origin : null;
      return id && sendAt && origin ? { type, scheduled: { id, to: str(d.to) ?? '', origin, sendAt, errorCode: str(d.errorCode) } } : null;
    }
    default:
      return interactionId ? { type, interactionId } : null;
  }
}
