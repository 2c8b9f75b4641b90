// A contact's display name as an agent or an administrator types it. Shown in lists and
// headers beside the number, so it must stay one short, printable line.
import { numberShape } from '../phone/input.js';
import { toE164 } from '../phone/e164.js';

export const CONTACT_NAME_MAX = 120;

export type ContactNameRefusal = 'NAME_TOO_LONG' | 'NAME_CONTROL_CHARACTER';
export type ContactNameCheck = { readonly ok: true; readonly name: string | null } | { readonly ok: false; readonly reason: ContactNameRefusal };

// C0, DEL, C1, and the line/paragraph separators: each would break a header or a CSV line.
// Bidirectional embeddings, overrides and isolates too: left open in a name, they reverse the
// text after it, so "Jane (+33612345678)" could show another number than the one it is.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

/** Trimmed; empty means "no name" (null): removing a name is typing it away. */
export function cleanContactName(raw: string): ContactNameCheck {
  const name = raw.trim();
  if (name === '') return { ok: true, name: null };
  if (CONTROL.test(name)) return { ok: false, reason: 'NAME_CONTROL_CHARACTER' };
  // Counted in characters as people see them, not UTF-16 units, like the database's length().
  if ([...name].length > CONTACT_NAME_MAX) return { ok: false, reason: 'NAME_TOO_LONG' };
  return { ok: true, name };
}

/**
 * The E.164 form of a customer's number, as inbound messages and calls store it; null when it is
 * not one. The country code is required (no guessing), and a fixed line is accepted: a voice
 * caller or a landline sender may be named too.
 */
export function contactNumber(raw: string): string | null {
  const shape = numberShape(raw.trim());
  if (shape.kind !== 'international') return null;
  return toE164(shape.e164Candidate);
}
