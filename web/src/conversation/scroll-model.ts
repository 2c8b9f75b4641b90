// When the thread follows the newest message: on opening, on the agent's own send, and when a
// message arrives while the agent is at the bottom. Scrolled up to read, they are not pulled
// away: a "new messages" button says something arrived below.

/** Within this many pixels of the bottom counts as at the bottom (a last line half visible). */
export const BOTTOM_SLACK_PX = 48;

export function isAtBottom(m: { readonly scrollTop: number; readonly scrollHeight: number; readonly clientHeight: number }, slack = BOTTOM_SLACK_PX): boolean {
  return m.scrollHeight - m.scrollTop - m.clientHeight <= slack;
}

/** Within this many pixels of the top, earlier messages load (the agent is about to reach the first one shown). */
export const TOP_SLACK_PX = 120;

export function isNearTop(m: { readonly scrollTop: number }, slack = TOP_SLACK_PX): boolean {
  return m.scrollTop <= slack;
}

export type ScrollDecision = 'scroll' | 'show-button' | 'stay';

/**
 * What to do when the thread's messages change. `added` counts the new messages at the end;
 * `ownSend` is true when the last one is the agent's own (they just pressed Send: show it).
 */
export function onThreadChange(p: { readonly firstLoad: boolean; readonly added: number; readonly wasAtBottom: boolean; readonly ownSend: boolean }): ScrollDecision {
  if (p.firstLoad) return 'scroll';
  if (p.added <= 0) return 'stay';
  if (p.wasAtBottom || p.ownSend) return 'scroll';
  return 'show-button';
}
