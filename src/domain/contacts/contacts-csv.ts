// An administrator's list of contact names as CSV: a `number,name` header, then one contact a
// line. Every line is either accepted or refused with its reason: a file from a CRM export is
// never all-or-nothing, and never a server error.
import { cleanContactName, contactNumber, type ContactNameRefusal } from './contact-name.js';

export type CsvLineRefusal = ContactNameRefusal | 'INVALID_NUMBER' | 'NAME_EMPTY' | 'WRONG_COLUMN_COUNT' | 'UNCLOSED_QUOTE' | 'DUPLICATE_NUMBER';

export interface CsvContact {
  readonly line: number;
  readonly number: string;
  readonly name: string;
}

export interface CsvRefusedLine {
  readonly line: number;
  readonly text: string;
  readonly reason: CsvLineRefusal;
}

export type ContactsCsv =
  | { readonly ok: true; readonly contacts: readonly CsvContact[]; readonly refused: readonly CsvRefusedLine[] }
  | { readonly ok: false; readonly reason: 'BAD_HEADER' | 'TOO_MANY_LINES'; readonly maxLines?: number };

export const CSV_MAX_LINES = 10_000;

/** One CSV record's fields (RFC 4180 quotes, `""` for a quote); null when a quote is left open. */
export function csvFields(line: string): string[] | null {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  if (quoted) return null;
  fields.push(field);
  return fields;
}

/**
 * Reads the file. A number given twice keeps its first line (the later one is refused as a
 * duplicate, so the report says which name was kept). A quoted field cannot span lines: names
 * are one line.
 */
export function parseContactsCsv(text: string): ContactsCsv {
  const lines = text.replace(/^\uFEFF/u, '').split(/\r\n|\n|\r/u);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const header = csvFields(lines[0] ?? '')?.map((h) => h.trim().toLowerCase());
  if (!header || header.length !== 2 || header[0] !== 'number' || header[1] !== 'name') return { ok: false, reason: 'BAD_HEADER' };
  if (lines.length - 1 > CSV_MAX_LINES) return { ok: false, reason: 'TOO_MANY_LINES', maxLines: CSV_MAX_LINES };
  const contacts: CsvContact[] = [];
  const refused: CsvRefusedLine[] = [];
  const seen = new Set<string>();
  for (let i = 1; i < lines.length; i++) {
    const text = lines[i]!;
    if (text.trim() === '') continue;
    const line = i + 1;
    const refuse = (reason: CsvLineRefusal) => refused.push({ line, text: text.slice(0, 200), reason });
    const fields = csvFields(text);
    if (fields === null) {
      refuse('UNCLOSED_QUOTE');
      continue;
    }
    if (fields.length !== 2) {
      refuse('WRONG_COLUMN_COUNT');
      continue;
    }
    const number = contactNumber(fields[0]!);
    if (number === null) {
      refuse('INVALID_NUMBER');
      continue;
    }
    const name = cleanContactName(fields[1]!);
    if (!name.ok) {
      refuse(name.reason);
      continue;
    }
    if (name.name === null) {
      refuse('NAME_EMPTY');
      continue;
    }
    if (seen.has(number)) {
      refuse('DUPLICATE_NUMBER');
      continue;
    }
    seen.add(number);
    contacts.push({ line, number, name: name.name });
  }
  return { ok: true, contacts, refused };
}
