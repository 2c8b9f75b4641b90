// The dashboard's answer, shared with the Banner (GET /api/admin/dashboard).
import type { FailureReason } from '../domain/delivery-failure/index.js';

export interface DashboardPoint {
  /** Start of the hour or day (UTC), ISO. */
  readonly at: string;
  readonly sent: number;
  readonly received: number;
  readonly delivered: number;
  readonly failed: number;
}

export interface DashboardView {
  readonly from: string;
  readonly to: string;
  readonly granularity: 'hour' | 'day';
  readonly series: readonly DashboardPoint[];
  readonly totals: {
    readonly sent: number;
    readonly received: number;
    readonly delivered: number;
    readonly failed: number;
    /** Sent, not yet delivered nor failed. */
    readonly pending: number;
    /** delivered / (delivered + failed); null when none has an outcome. */
    readonly deliveryRate: number | null;
    readonly credits: number;
    readonly segments: number;
    /** Shares of the messages sent (0..1); null when none was sent. */
    readonly unicodeShare: number | null;
    readonly multipartShare: number | null;
    readonly optOuts: number;
  };
  readonly timeToDelivered: { readonly count: number; readonly p50Seconds: number | null; readonly p95Seconds: number | null };
  readonly failures: readonly { readonly reason: FailureReason; readonly count: number }[];
  readonly creditsByQueue: readonly { readonly queueId: string | null; readonly name: string | null; readonly credits: number; readonly sent: number }[];
  readonly creditsByAgent: readonly { readonly agentId: string | null; readonly name: string | null; readonly credits: number; readonly sent: number }[];
  readonly optOuts: readonly { readonly at: string; readonly count: number }[];
}
