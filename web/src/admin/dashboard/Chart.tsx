// One dashboard chart: uPlot draws it on a canvas named by the chart's title (role img), the legend tells the series
// apart by colour and line pattern, and a table below says the same figures for screen readers and for print.
// uPlot is fetched when the first chart mounts, so the rest of the administration does not load it.
import { useEffect, useId, useMemo, useRef } from 'react';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Lang } from '../../i18n/lang';
import type { ChartSpec } from './chart-data';
import { chartFormat, rowLabel } from './chart-format';
import { LOOKS } from './chart-look';
import { chartData, chartHeight, chartOptions } from './uplot-options';

interface Props {
  readonly spec: ChartSpec;
  readonly lang: Lang;
  readonly granularity: 'hour' | 'day';
  readonly tableLabel: string;
  readonly noData: string;
}

/** Wide enough to be read on an A4 or Letter page, narrow enough to fit its printable width. */
const PRINT_WIDTH = 640;

export function Chart({ spec, lang, granularity, tableLabel, noData }: Props) {
  const id = useId();
  const format = useMemo(() => chartFormat(spec.unit, lang), [spec.unit, lang]);
  const label = useMemo(() => rowLabel(spec, granularity, lang), [spec, granularity, lang]);
  const plot = useRef<HTMLDivElement>(null);
  const empty = spec.rows.length === 0;
  useEffect(() => {
    const el = plot.current;
    if (!el || empty) return;
    let chart: uPlot | undefined;
    let gone = false;
    const print = window.matchMedia('print');
    const width = () => (print.matches ? PRINT_WIDTH : Math.max(200, el.clientWidth || PRINT_WIDTH));
    const fit = () => chart?.setSize({ width: width(), height: chartHeight(spec) });
    const toPrint = () => chart?.setSize({ width: PRINT_WIDTH, height: chartHeight(spec) });
    const resized = new ResizeObserver(fit);
    void import('uplot').then(({ default: UPlot }) => {
      if (gone) return;
      chart = new UPlot(chartOptions(UPlot.paths.bars!, spec, width(), format), chartData(spec), el);
      resized.observe(el);
    });
    print.addEventListener('change', fit);
    window.addEventListener('beforeprint', toPrint);
    window.addEventListener('afterprint', fit);
    return () => {
      gone = true;
      resized.disconnect();
      print.removeEventListener('change', fit);
      window.removeEventListener('beforeprint', toPrint);
      window.removeEventListener('afterprint', fit);
      chart?.destroy();
    };
  }, [spec, format, empty]);
  const caption = `${id}-t`;
  return (
    <figure className="dash-chart" aria-labelledby={caption} data-testid={spec.testId}>
      <figcaption id={caption}>{spec.title}</figcaption>
      {empty ? (
        <p className="dash-chart__empty">{noData}</p>
      ) : (
        <>
          <div ref={plot} className="dash-chart__plot" role="img" aria-labelledby={caption} />
          {spec.series.length > 1 && (
            <ul className="dash-chart__legend" aria-hidden="true">
              {spec.series.map((s) => (
                <li key={s.label}>
                  <svg width="28" height="10" focusable="false">
                    <line x1="1" x2="27" y1="5" y2="5" stroke={LOOKS[s.look].color} strokeWidth="2.5" strokeDasharray={LOOKS[s.look].dash.join(' ') || undefined} />
                  </svg>{' '}
                  {s.label}
                </li>
              ))}
            </ul>
          )}
          <details className="dash-chart__table">
            <summary>{tableLabel}</summary>
            <table>
              <caption className="visually-hidden">{spec.title}</caption>
              <thead>
                <tr>
                  <td />
                  {spec.series.map((s) => (
                    <th key={s.label} scope="col">
                      {s.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {spec.rows.map((row, i) => (
                  <tr key={row}>
                    <th scope="row">{label(row)}</th>
                    {spec.series.map((s) => {
                      const v = s.values[i];
                      return <td key={s.label}>{v === null || v === undefined ? '—' : format.value(v)}</td>;
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </figure>
  );
}
