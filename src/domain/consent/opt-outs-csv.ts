// An administrator's file of opt-outs: a header with `number`, and optionally `action`
// (opt_out / opt_in, or STOP / START) and `note`. Every row gets its own result: a CRM export is
// never all-or-nothing, and never a server error.
import { contactNumber } from '../contacts/contact-name.js';
import { csvFields } from '../contacts/contacts-csv.js';

export const OPT_OUT_CSV_MAX_ROWS = 10_000;

export type OptOutRowRefusal = 'INVALID_NUMBER' | 'UNKNOWN_ACTION' | 'WRONG_COLUMN_COUNT' | 'UNCLOSED_QUOTE' | 'DUPLICATE_NUMBER' | 'NOTE_TOO_LONG';

export interface OptOutCsvRow {
  /** The line in the file (the header is line 1). */
  readonly line: number;
  readonly number: string;
  readonly action: 'opt_out' | 'opt_in';
  readonly note: string | null;
}

export interface OptOutCsvRefusal {
  readonly line: number;
  readonly reason: OptOutRowRefusal;
}

export type OptOutsCsv =
  | { readonly ok: true; readonly rows: readonly OptOutCsvRow[]; readonly refused: readonly OptOutCsvRefusal[] }
  | { readonly ok: false; readonly reason: 'BAD_HEADER' | 'TOO_MANY_LINES' };

const ACTIONS: Readonly<Record<string, 'opt_out' | 'opt_in'>> = { opt_out: 'opt_out', 'opt-out': 'opt_out', optout: 'opt_out', stop: 'opt_out', opt_in: 'opt_in', 'opt-in': 'opt_in', optin: 'opt_in', start: 'opt_in' };

export function parseOptOutsCsv(text: string): OptOutsCsv {
  const lines = text.replace(/^\uFEFF/u, '').split(/\r\n|\n|\r/u);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const header = csvFields(lines[0] ?? '')?.map((h) => h.trim().toLowerCase());
  if (!header || !header.includes('number') || header.some((h) => !['number', 'action', 'note'].includes(h)) || new Set(header).size !== header.length) return { ok: false, reason: 'BAD_HEADER' };
  if (lines.length - 1 > OPT_OUT_CSV_MAX_ROWS) return { ok: false, reason: 'TOO_MANY_LINES' };
  const col = (name: string) => header.indexOf(name);
  const rows: OptOutCsvRow[] = [];
  const refused: OptOutCsvRefusal[] = [];
  const seen = new Set<string>();
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    const line = i + 1;
    const fields = csvFields(raw);
    if (fields === null) {
      refused.push({ line, reason: 'UNCLOSED_QUOTE' });
      continue;
    }
    if (fields.length !== header.length) {
      refused.push({ line, reason: 'WRONG_COLUMN_COUNT' });
      continue;
    }
    const number = contactNumber(fields[col('number')]!);
    if (number === null) {
      refused.push({ line, reason: 'INVALID_NUMBER' });
      continue;
    }
    const a = col('action') >= 0 ? fields[col('action')]!.trim().toLowerCase() : 'opt_out';
    const action = a === '' ? 'opt_out' : ACTIONS[a];
    if (!action) {
      refused.push({ line, reason: 'UNKNOWN_ACTION' });
      continue;
    }
    const note = col('note') >= 0 ? fields[col('note')]!.trim() : '';
    if (note.length > 500) {
      refused.push({ line, reason: 'NOTE_TOO_LONG' });
      continue;
    }
    if (seen.has(number)) {
      refused.push({ line, reason: 'DUPLICATE_NUMBER' });
      continue;
    }
    seen.add(number);
    rows.push({ line, number, action, note: note === '' ? null : note });
  }
  return { ok: true, rows, refused };
}
