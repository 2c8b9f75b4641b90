// A small SVG bar chart with its table beside it: the chart is a picture for sighted users
// (aria-hidden), the table says the same to screen readers and is what prints when the chart
// cannot. No charting library: a few bars need no 40 KB dependency in the admin chunk.
import { useId } from 'react';

export interface Series {
  readonly label: string;
  /** A CSS class setting the bar's fill (dashboard.css). */
  readonly className: string;
  readonly values: readonly number[];
}

interface Props {
  readonly title: string;
  readonly categories: readonly string[];
  readonly series: readonly Series[];
  readonly tableLabel: string;
  readonly testId: string;
}

const W = 640;
const H = 200;

export function BarChart({ title, categories, series, tableLabel, testId }: Props) {
  const id = useId();
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const slot = categories.length > 0 ? W / categories.length : W;
  const bar = Math.max(1, (slot * 0.8) / Math.max(1, series.length));
  return (
    <figure className="dash-chart" aria-labelledby={`${id}-t`} data-testid={testId}>
      <figcaption id={`${id}-t`}>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H + 4}`} className="dash-chart__svg" aria-hidden="true" focusable="false">
        {categories.map((c, i) =>
          series.map((s, k) => {
            const v = s.values[i] ?? 0;
            const h = (v / max) * H;
            return <rect key={`${c}-${s.label}`} className={s.className} x={i * slot + slot * 0.1 + k * bar} y={H - h} width={bar} height={h} />;
          }),
        )}
        <line x1="0" x2={W} y1={H} y2={H} className="dash-chart__axis" />
      </svg>
      <ul className="dash-chart__legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.label}>
            <span className={`dash-chart__key ${s.className}`} /> {s.label}
          </li>
        ))}
      </ul>
      <details className="dash-chart__table">
        <summary>{tableLabel}</summary>
        <table>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <td />
              {series.map((s) => (
                <th key={s.label} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {categories.map((c, i) => (
              <tr key={c}>
                <th scope="row">{c}</th>
                {series.map((s) => (
                  <td key={s.label}>{s.values[i] ?? 0}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
