// A queue as its form holds it, and the body the API takes from it.
import type { AdminQueue, QueueCreateBody } from '../admin-types';
import { NO_WINDOW, windowBody, windowDraft, type WindowDraft } from './window-form';

export interface QueueDraft {
  readonly name: string;
  /** '' for no number: a queue without one cannot start Smart SMS. */
  readonly smsNumberId: string;
  readonly templateIds: ReadonlySet<string>;
  readonly memberIds: ReadonlySet<string>;
  readonly window: WindowDraft;
  readonly category: 'NOTIFICATION' | 'MARKETING';
}

export const NEW_QUEUE: QueueDraft = { name: '', smsNumberId: '', templateIds: new Set(), memberIds: new Set(), window: NO_WINDOW, category: 'NOTIFICATION' };

export function queueDraft(q: AdminQueue): QueueDraft {
  return { name: q.name, smsNumberId: q.smsNumberId ?? '', templateIds: new Set(q.templateIds), memberIds: new Set(q.memberIds), window: windowDraft(q.sendingWindow), category: q.category };
}

export function queueBody(d: QueueDraft): QueueCreateBody {
  return {
    name: d.name,
    smsNumberId: d.smsNumberId === '' ? null : d.smsNumberId,
    templateIds: [...d.templateIds].sort(),
    memberIds: [...d.memberIds].sort(),
    sendingWindow: windowBody(d.window),
    category: d.category,
  };
}
