// A dashboard chart as uPlot options and data: time charts are lines with points over the hours or days, the
// others horizontal bars (category names such as failure reasons are long, and read best along the left edge).
import type uPlot from 'uplot';
import { timeline, type ChartSpec } from './chart-data';
import { AXIS_COLOR, GRID_COLOR, LOOKS } from './chart-look';

export interface ChartFormat {
  /** A value of the chart's unit, as the table shows it. */
  readonly value: (v: number) => string;
  /** A time tick: a date at midnight, else a time of day. */
  readonly tick: (at: Date) => string;
  /** A category name, shortened to fit the axis (the table has it in full). */
  readonly category: (name: string) => string;
}

export const CATEGORY_AXIS_WIDTH = 170;
const TIME_HEIGHT = 220;
const BAR_ROW = 34;

export function chartHeight(spec: ChartSpec): number {
  return spec.kind === 'time' ? TIME_HEIGHT : Math.max(110, spec.rows.length * BAR_ROW + 50);
}

export function chartData(spec: ChartSpec): uPlot.AlignedData {
  if (spec.kind === 'time') {
    const { xs, ys } = timeline(spec);
    return [xs, ...ys];
  }
  return [spec.rows.map((_, i) => i), ...spec.series.map((s) => [...s.values])];
}

/** Steps the value axis may use: whole numbers for counts, round percentages for shares. */
function increments(spec: ChartSpec): number[] | undefined {
  if (spec.unit === 'count') return [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000, 1_000_000];
  if (spec.unit === 'share') return [0.05, 0.1, 0.2, 0.25, 0.5];
  return undefined;
}

function valueRange(spec: ChartSpec): uPlot.Range.MinMax | uPlot.Range.Function {
  if (spec.unit === 'share') return [0, 1];
  return (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1];
}

const axisFont = '12px system-ui, sans-serif';

export function chartOptions(bars: uPlot.Series.BarsPathBuilderFactory, spec: ChartSpec, width: number, f: ChartFormat): uPlot.Options {
  const valueAxis: uPlot.Axis = {
    scale: 'y',
    stroke: AXIS_COLOR,
    font: axisFont,
    grid: { stroke: GRID_COLOR, width: 1 },
    ticks: { stroke: GRID_COLOR },
    incrs: increments(spec),
    values: (_u, splits) => splits.map((v) => f.value(v)),
    size: spec.unit === 'seconds' ? 70 : 56,
  };
  const common = { width, height: chartHeight(spec), legend: { show: false }, cursor: { show: false } } as const;
  if (spec.kind === 'time') {
    return {
      ...common,
      // Room on the right for the last date's label, which is centred on the period's end.
      padding: [8, 36, 0, 0],
      scales: { x: { time: true }, y: { range: valueRange(spec) } },
      axes: [{ stroke: AXIS_COLOR, font: axisFont, space: 90, grid: { stroke: GRID_COLOR, width: 1 }, ticks: { stroke: GRID_COLOR }, values: (_u, splits) => splits.map((s) => f.tick(new Date(s * 1000))) }, valueAxis],
      series: [
        {},
        ...spec.series.map((s): uPlot.Series => {
          const look = LOOKS[s.look];
          return { label: s.label, stroke: look.color, width: 2, dash: [...look.dash], spanGaps: false, points: { show: true, size: 6, fill: look.color, stroke: look.color } };
        }),
      ],
    };
  }
  const n = spec.rows.length;
  return {
    ...common,
    scales: { x: { time: false, ori: 1, dir: -1, range: [-0.5, n - 0.5] }, y: { ori: 0, dir: 1, range: valueRange(spec) } },
    axes: [
      { side: 3, stroke: AXIS_COLOR, font: axisFont, size: CATEGORY_AXIS_WIDTH, grid: { show: false }, ticks: { show: false }, splits: () => spec.rows.map((_, i) => i), values: (_u, splits) => splits.map((i) => f.category(spec.rows[i] ?? '')) },
      // Durations read "10 secs": wider labels need wider steps.
      { ...valueAxis, side: 2, size: 36, space: spec.unit === 'seconds' ? 72 : 50 },
    ],
    series: [
      {},
      ...spec.series.map((s): uPlot.Series => {
        const look = LOOKS[s.look];
        return { label: s.label, stroke: look.color, fill: look.color, width: 0, paths: bars({ size: [0.6, 26] }), points: { show: false } };
      }),
    ],
  };
}
