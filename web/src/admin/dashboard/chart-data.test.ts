import { describe, expect, it } from 'vitest';
import { dashboardCharts, rateOf, timeline, type ChartTexts } from './chart-data';
import { chartFormat, rowLabel } from './chart-format';
import type { DashboardView } from './dashboard-api';

const TEXTS: ChartTexts = {
  sent: 'Sent',
  received: 'Received',
  delivered: 'Delivered',
  failed: 'Failed',
  deliveryRate: 'Delivery rate',
  credits: 'Credits',
  optOuts: 'Opt-outs',
  p50: 'p50',
  p95: 'p95',
  timeToDelivered: 'Time to delivered',
  unicodeShare: 'Unicode',
  multipartShare: 'Multi-part',
  share: 'Share',
  noQueue: 'No queue',
  noAgent: 'No agent',
  reason: (r) => `reason ${r}`,
  titles: { volume: 'V', deliveryRate: 'R', timeToDelivered: 'T', failures: 'F', creditsByQueue: 'Q', creditsByAgent: 'A', optOuts: 'O', costShares: 'C' },
};

const VIEW: DashboardView = {
  from: '2026-12-01T00:00:00.000Z',
  to: '2026-12-04T00:00:00.000Z',
  granularity: 'day',
  series: [
    { at: '2026-12-01T00:00:00.000Z', sent: 4, received: 1, delivered: 3, failed: 1 },
    { at: '2026-12-03T00:00:00.000Z', sent: 2, received: 0, delivered: 0, failed: 0 },
  ],
  totals: { sent: 6, received: 1, delivered: 3, failed: 1, pending: 2, deliveryRate: 0.75, credits: 9, segments: 9, unicodeShare: 0.5, multipartShare: 1 / 3, optOuts: 1 },
  timeToDelivered: { count: 3, p50Seconds: 12, p95Seconds: 75 },
  failures: [{ reason: 'unreachable', count: 1 }],
  creditsByQueue: [{ queueId: null, name: null, credits: 9, sent: 6 }],
  creditsByAgent: [{ agentId: 'a', name: 'Bea', credits: 9, sent: 6 }],
  optOuts: [{ at: '2026-12-02T00:00:00.000Z', count: 1 }],
};

const byId = (id: string) => dashboardCharts(VIEW, TEXTS).find((c) => c.testId === id)!;

describe('dashboard charts', () => {
  it('computes the delivery rate of an hour or day from its outcomes, none without any', () => {
    expect(rateOf({ delivered: 3, failed: 1 })).toBe(0.75);
    expect(rateOf({ delivered: 0, failed: 0 })).toBeNull();
    expect(byId('chart-delivery-rate').series[0]!.values).toEqual([0.75, null]);
  });

  it('gives each row one value per series, as the API listed them', () => {
    for (const c of dashboardCharts(VIEW, TEXTS)) for (const s of c.series) expect(s.values.length, c.testId).toBe(c.rows.length);
    expect(byId('chart-queues').rows).toEqual(['No queue']);
    expect(byId('chart-failures').rows).toEqual(['reason unreachable']);
    expect(byId('chart-time-to-delivered').series[0]!.values).toEqual([12, 75]);
    expect(byId('chart-cost-shares').series[0]!.values).toEqual([0.5, 1 / 3]);
  });

  it('leaves out the time and cost charts when nothing was delivered or sent', () => {
    const none = dashboardCharts({ ...VIEW, timeToDelivered: { count: 0, p50Seconds: null, p95Seconds: null }, totals: { ...VIEW.totals, sent: 0 } }, TEXTS);
    expect(none.find((c) => c.testId === 'chart-time-to-delivered')!.rows).toEqual([]);
    expect(none.find((c) => c.testId === 'chart-cost-shares')!.rows).toEqual([]);
  });

  it('draws the whole period: missing days count 0, a rate without outcomes is a gap', () => {
    const day = (d: number) => Date.parse(`2026-12-0${d}T00:00:00.000Z`) / 1000;
    expect(timeline(byId('chart-volume'))).toEqual({
      xs: [day(1), day(2), day(3)],
      ys: [
        [4, 0, 2],
        [1, 0, 0],
        [3, 0, 0],
        [1, 0, 0],
      ],
    });
    expect(timeline(byId('chart-delivery-rate')).ys).toEqual([[0.75, null, null]]);
    expect(timeline(byId('chart-optouts')).ys).toEqual([[0, 1, 0]]);
  });

  it('writes values and rows in English and in French', () => {
    expect(chartFormat('share', 'en').value(0.805)).toBe('80.5%');
    expect(chartFormat('share', 'fr').value(0.805)).toMatch(/^80,5\s%$/);
    expect(chartFormat('count', 'fr').value(12345)).toMatch(/^12\s345$/);
    expect(chartFormat('seconds', 'en').value(75)).toBe('1 min 15 secs');
    expect(chartFormat('count', 'en').category('The phone could not be reached (switched off)')).toBe('The phone could not be…');
    expect(rowLabel(byId('chart-volume'), 'day', 'fr')('2026-12-01T00:00:00.000Z')).toBe('1 déc. 2026');
    expect(rowLabel(byId('chart-failures'), 'day', 'fr')('reason unreachable')).toBe('reason unreachable');
  });
});
