// What each dashboard chart shows, from the API's answer: the same figures feed the drawn chart and its table,
// so the two cannot disagree.
import type { DashboardView } from './dashboard-api';

/** How a series is told apart without colour alone: each has its own line pattern (chart-look.ts). */
export type SeriesLook = 'sent' | 'received' | 'delivered' | 'failed' | 'rate' | 'credits' | 'optout' | 'duration' | 'share';

/** count: a number of messages or credits; share: 0..1; seconds: a duration. */
export type ChartUnit = 'count' | 'share' | 'seconds';

export interface ChartSeries {
  readonly label: string;
  readonly look: SeriesLook;
  /** One per row; null where there is nothing to show (a rate with no outcome). */
  readonly values: readonly (number | null)[];
}

export interface ChartSpec {
  readonly testId: string;
  readonly title: string;
  /** time: a line over the period's hours or days; bars: one horizontal bar per category. */
  readonly kind: 'time' | 'bars';
  readonly unit: ChartUnit;
  /** time: the start of each hour or day (ISO); bars: the categories' names. The table's row headers. */
  readonly rows: readonly string[];
  readonly series: readonly ChartSeries[];
  /** Time charts: the whole period, so the line spans it and hours or days without messages show as such. */
  readonly period?: Period;
}

export interface Period {
  readonly from: string;
  readonly to: string;
  readonly stepSeconds: number;
}

export interface ChartTexts {
  readonly sent: string;
  readonly received: string;
  readonly delivered: string;
  readonly failed: string;
  readonly deliveryRate: string;
  readonly credits: string;
  readonly optOuts: string;
  readonly p50: string;
  readonly p95: string;
  readonly timeToDelivered: string;
  readonly unicodeShare: string;
  readonly multipartShare: string;
  readonly share: string;
  readonly noQueue: string;
  readonly noAgent: string;
  readonly reason: (reason: DashboardView['failures'][number]['reason']) => string;
  readonly titles: Readonly<Record<'volume' | 'deliveryRate' | 'timeToDelivered' | 'failures' | 'creditsByQueue' | 'creditsByAgent' | 'optOuts' | 'costShares', string>>;
}

/** delivered / (delivered + failed) for one hour or day; null when none had an outcome then. */
export function rateOf(p: { readonly delivered: number; readonly failed: number }): number | null {
  const outcomes = p.delivered + p.failed;
  return outcomes === 0 ? null : p.delivered / outcomes;
}

/**
 * The chart's points over the whole period: the API lists only the hours or days that had something, so the others
 * are filled in, with 0 for counts and a gap (null) for rates, which have no value without an outcome.
 */
export function timeline(spec: ChartSpec): { readonly xs: number[]; readonly ys: (number | null)[][] } {
  const at = spec.rows.map((r) => Date.parse(r) / 1000);
  if (!spec.period) return { xs: at, ys: spec.series.map((s) => [...s.values]) };
  const step = spec.period.stepSeconds;
  const first = Math.floor(Date.parse(spec.period.from) / 1000 / step) * step;
  const end = Date.parse(spec.period.to) / 1000;
  const known = new Map(at.map((t, i) => [t, i]));
  const xs: number[] = [];
  for (let t = first; t < end; t += step) xs.push(t);
  for (const t of at) if (!xs.includes(t)) xs.push(t);
  xs.sort((a, b) => a - b);
  const blank = spec.unit === 'share' ? null : 0;
  const valueAt = (s: ChartSeries, t: number) => {
    const i = known.get(t);
    return i === undefined ? blank : (s.values[i] ?? blank);
  };
  return { xs, ys: spec.series.map((s) => xs.map((t) => valueAt(s, t))) };
}

export function dashboardCharts(v: DashboardView, x: ChartTexts): readonly ChartSpec[] {
  const at = v.series.map((p) => p.at);
  const period: Period = { from: v.from, to: v.to, stepSeconds: v.granularity === 'hour' ? 3600 : 86_400 };
  return [
    {
      testId: 'chart-volume',
      title: x.titles.volume,
      kind: 'time',
      unit: 'count',
      period,
      rows: at,
      series: [
        { label: x.sent, look: 'sent', values: v.series.map((p) => p.sent) },
        { label: x.received, look: 'received', values: v.series.map((p) => p.received) },
        { label: x.delivered, look: 'delivered', values: v.series.map((p) => p.delivered) },
        { label: x.failed, look: 'failed', values: v.series.map((p) => p.failed) },
      ],
    },
    { testId: 'chart-delivery-rate', title: x.titles.deliveryRate, kind: 'time', unit: 'share', period, rows: at, series: [{ label: x.deliveryRate, look: 'rate', values: v.series.map(rateOf) }] },
    {
      testId: 'chart-time-to-delivered',
      title: x.titles.timeToDelivered,
      kind: 'bars',
      unit: 'seconds',
      rows: v.timeToDelivered.count === 0 ? [] : [x.p50, x.p95],
      series: [{ label: x.timeToDelivered, look: 'duration', values: v.timeToDelivered.count === 0 ? [] : [v.timeToDelivered.p50Seconds, v.timeToDelivered.p95Seconds] }],
    },
    {
      testId: 'chart-failures',
      title: x.titles.failures,
      kind: 'bars',
      unit: 'count',
      rows: v.failures.map((f) => x.reason(f.reason)),
      series: [{ label: x.failed, look: 'failed', values: v.failures.map((f) => f.count) }],
    },
    {
      testId: 'chart-queues',
      title: x.titles.creditsByQueue,
      kind: 'bars',
      unit: 'count',
      rows: v.creditsByQueue.map((q) => q.name ?? x.noQueue),
      series: [{ label: x.credits, look: 'credits', values: v.creditsByQueue.map((q) => q.credits) }],
    },
    {
      testId: 'chart-agents',
      title: x.titles.creditsByAgent,
      kind: 'bars',
      unit: 'count',
      rows: v.creditsByAgent.map((a) => a.name ?? x.noAgent),
      series: [{ label: x.credits, look: 'credits', values: v.creditsByAgent.map((a) => a.credits) }],
    },
    { testId: 'chart-optouts', title: x.titles.optOuts, kind: 'time', unit: 'count', period, rows: v.optOuts.map((o) => o.at), series: [{ label: x.optOuts, look: 'optout', values: v.optOuts.map((o) => o.count) }] },
    {
      testId: 'chart-cost-shares',
      title: x.titles.costShares,
      kind: 'bars',
      unit: 'share',
      rows: v.totals.sent === 0 ? [] : [x.unicodeShare, x.multipartShare],
      series: [{ label: x.share, look: 'share', values: v.totals.sent === 0 ? [] : [v.totals.unicodeShare, v.totals.multipartShare] }],
    },
  ];
}
