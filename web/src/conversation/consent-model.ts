// Whether the customer of a conversation can be written to, from what the thread shows live: the
// last STOP or START in it is newer than the number check made when the conversation opened.
import type { ThreadMessage } from '../api/types';
import { optOutOf } from './thread-model';

/** True after a STOP, false after a START, null when the thread says neither. */
export function optedOutInThread(messages: readonly ThreadMessage[]): boolean | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    const notice = m ? optOutOf(m) : null;
    if (notice) return notice.kind === 'stop';
  }
  return null;
}
