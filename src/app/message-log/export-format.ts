// The export's lines: CSV (RFC 4180, with spreadsheet formula injection defused) or JSON lines.
import type { LogEntryView } from './log-view.js';

export const EXPORT_COLUMNS = [
  'id', 'at', 'direction', 'mode', 'status', 'customer', 'customerName', 'country', 'smsNumber', 'smsNumberLabel',
  'agentName', 'queueName', 'body', 'encoding', 'segments', 'credits', 'errorCode', 'reason', 'deliveredAt',
] as const satisfies readonly (keyof LogEntryView)[];

/**
 * One CSV cell. A cell a spreadsheet would read as a formula (= + - @, or a tab or carriage
 * return before one) gets a leading apostrophe: a customer's text must never run in the
 * supervisor's spreadsheet. Quoted when it holds a comma, a quote or a line break.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvHeader(): string {
  return `${EXPORT_COLUMNS.join(',')}\r\n`;
}

export function csvLine(v: LogEntryView): string {
  return `${EXPORT_COLUMNS.map((c) => csvCell(v[c])).join(',')}\r\n`;
}

export function jsonLine(v: LogEntryView): string {
  return `${JSON.stringify(v)}\n`;
}
