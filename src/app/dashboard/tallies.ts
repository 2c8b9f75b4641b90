// What the dashboard's charts add up, whichever aggregate table they were read from.
import { failureReason, type FailureReason } from '../../domain/delivery-failure/index.js';
import type { MessageStatus } from '../../domain/messages/status.js';

export const FAILED_STATUSES = ['failed', 'undelivered', 'rejected'] as const;

export const isFailed = (s: string | null): boolean => (FAILED_STATUSES as readonly (string | null)[]).includes(s);

export interface PointTally {
  sent: number;
  received: number;
  delivered: number;
  failed: number;
}

export interface Tallies {
  /** By the ISO start of the hour or day. */
  readonly points: Map<string, PointTally>;
  readonly totals: PointTally & { credits: number; segments: number; unicode: number; multipart: number };
  /** Delivered outbound messages by latency bucket. */
  readonly latency: Map<number, number>;
  readonly failures: Map<FailureReason, number>;
  /** Outbound messages and their credits by queue and by agent ('' is none). */
  readonly byQueue: Map<string, { credits: number; sent: number }>;
  readonly byAgent: Map<string, { credits: number; sent: number }>;
}

export function emptyTallies(): Tallies {
  return {
    points: new Map(),
    totals: { sent: 0, received: 0, delivered: 0, failed: 0, credits: 0, segments: 0, unicode: 0, multipart: 0 },
    latency: new Map(),
    failures: new Map(),
    byQueue: new Map(),
    byAgent: new Map(),
  };
}

export function addPoint(t: Tallies, at: Date, direction: string | null, counts: { n: number; delivered: number; failed: number }): void {
  const key = at.toISOString();
  const p = t.points.get(key) ?? { sent: 0, received: 0, delivered: 0, failed: 0 };
  if (direction === 'in') p.received += counts.n;
  else {
    p.sent += counts.n;
    p.delivered += counts.delivered;
    p.failed += counts.failed;
  }
  t.points.set(key, p);
}

export function addFailure(t: Tallies, provider: string, status: MessageStatus, errorCode: string, n: number): void {
  const reason = failureReason({ provider: provider || null, status, errorCode: errorCode || null }) ?? 'unknown';
  t.failures.set(reason, (t.failures.get(reason) ?? 0) + n);
}

export function addCredits(m: Map<string, { credits: number; sent: number }>, key: string, sent: number, credits: number): void {
  const e = m.get(key) ?? { credits: 0, sent: 0 };
  e.credits += credits;
  e.sent += sent;
  m.set(key, e);
}
