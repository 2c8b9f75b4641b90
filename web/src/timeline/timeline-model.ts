// What the Banner makes of a number's timeline: the summary lines of the New SMS dialog, live
// status changes of Direct SMS, and older pages appended. Pure, so it is unit-tested.
import type { DirectEntry, NumberTimeline, TimelineEntry, TimelineHolder } from './timeline-types';

export interface TimelineSummary {
  readonly name: string | null;
  readonly holder: TimelineHolder | null;
  /** The newest Direct SMS to the number, from anyone in the account. */
  readonly lastDirect: DirectEntry | null;
}

export function summarize(t: NumberTimeline): TimelineSummary {
  const lastDirect = t.entries.find((e): e is DirectEntry => e.kind === 'direct') ?? null;
  return { name: t.name, holder: t.holder, lastDirect };
}

/** A `message.status` event for a Direct SMS on screen; the same timeline when it is not there. */
export function withStatus(t: NumberTimeline, messageId: string, status: string, errorCode: string | null): NumberTimeline {
  let changed = false;
  const entries = t.entries.map((e): TimelineEntry => {
    if (e.kind !== 'direct' || e.id !== messageId || (e.status === status && e.errorCode === errorCode)) return e;
    changed = true;
    return { ...e, status, errorCode };
  });
  return changed ? { ...t, entries } : t;
}

/** An older page after the ones shown; an entry already there (a page boundary moved) is not repeated. */
export function withOlder(t: NumberTimeline, older: NumberTimeline): NumberTimeline {
  const seen = new Set(t.entries.map((e) => `${e.kind}:${e.id}`));
  return { ...t, entries: [...t.entries, ...older.entries.filter((e) => !seen.has(`${e.kind}:${e.id}`))], nextBefore: older.nextBefore };
}

export function withName(t: NumberTimeline, name: string | null): NumberTimeline {
  return { ...t, name };
}

/** A name for a person or a queue the server did not name (an agent since removed, a queue without one). */
export function orDash(v: string | null): string {
  return v === null || v === '' ? '—' : v;
}
