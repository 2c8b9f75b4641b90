// How the charts' values, ticks and rows read in the interface's language (the same text on the axes and in the tables).
import { formatDate, formatDateTime, formatDuration, formatPercent, formatTime } from '../../i18n/format-time';
import { formatNumber } from '../../i18n/translate';
import type { Lang } from '../../i18n/lang';
import type { ChartSpec, ChartUnit } from './chart-data';
import type { ChartFormat } from './uplot-options';

const CATEGORY_CHARS = 24;

export function chartFormat(unit: ChartUnit, lang: Lang): ChartFormat {
  const value = unit === 'share' ? (v: number) => formatPercent(v, lang) : unit === 'seconds' ? (v: number) => formatDuration(v * 1000, lang) : (v: number) => formatNumber(v, lang);
  return {
    value,
    tick: (at) => (at.getHours() === 0 && at.getMinutes() === 0 ? formatDate(at, lang) : formatTime(at, lang)),
    category: (name) => (name.length <= CATEGORY_CHARS ? name : `${name.slice(0, CATEGORY_CHARS - 1).trimEnd()}…`),
  };
}

/** A table row's header: the hour or day for time charts, the category's full name otherwise. */
export function rowLabel(spec: ChartSpec, granularity: 'hour' | 'day', lang: Lang): (row: string) => string {
  if (spec.kind === 'bars') return (row) => row;
  return (row) => (granularity === 'hour' ? formatDateTime(new Date(row), lang) : formatDate(new Date(row), lang));
}
