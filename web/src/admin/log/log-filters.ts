// The log's filters as the page holds them (form fields, all strings) and as the API reads them
// (a query string without the empty ones). Dates are whole days in the admin's time zone.
export interface LogFilterState {
  readonly q: string;
  readonly from: string;
  readonly to: string;
  readonly queueId: string;
  readonly agentId: string;
  readonly numberId: string;
  readonly direction: string;
  readonly mode: string;
  readonly status: string;
  readonly country: string;
  readonly reason: string;
}

export const NO_FILTERS: LogFilterState = { q: '', from: '', to: '', queueId: '', agentId: '', numberId: '', direction: '', mode: '', status: '', country: '', reason: '' };

/** A `yyyy-mm-dd` day's start in the browser's time zone, as an instant. */
function dayStart(day: string, plusDays = 0): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** The filters' query parameters; `to` includes its whole day. */
export function filterParams(f: LogFilterState): URLSearchParams {
  const p = new URLSearchParams();
  const q = f.q.trim();
  if (q) p.set('q', q);
  const from = f.from ? dayStart(f.from) : null;
  if (from) p.set('from', from);
  const to = f.to ? dayStart(f.to, 1) : null;
  if (to) p.set('to', to);
  for (const k of ['queueId', 'agentId', 'numberId', 'direction', 'mode', 'status', 'reason'] as const) if (f[k]) p.set(k, f[k]);
  const country = f.country.trim().toUpperCase();
  if (/^[A-Z]{2}$/.test(country)) p.set('country', country);
  return p;
}

export function withParams(path: string, p: URLSearchParams, extra: Readonly<Record<string, string | number | undefined>> = {}): string {
  const all = new URLSearchParams(p);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) all.set(k, String(v));
  const s = all.toString();
  return s ? `${path}?${s}` : path;
}

/** Bytes as the progress shows them (kB below a megabyte). */
export function sizeText(bytes: number): string {
  return bytes < 1_048_576 ? `${Math.max(1, Math.round(bytes / 1024))} kB` : `${(bytes / 1_048_576).toFixed(1)} MB`;
}
