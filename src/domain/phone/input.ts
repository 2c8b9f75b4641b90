// Agents copy numbers from e-mails, web pages and CRMs: besides ASCII spaces, dots, hyphens and
// parentheses these carry non-breaking spaces and typographic dashes, which mean the same thing.
const SEPARATORS = /[\s.()\-\u2010-\u2015\u2212]/gu;

export type NumberShape =
  | { readonly kind: 'empty' }
  | { readonly kind: 'not-a-number' }
  | { readonly kind: 'national'; readonly digits: string }
  | { readonly kind: 'international'; readonly e164Candidate: string };

/**
 * Classifies what was typed before any numbering-plan lookup. Deliberately strict on the
 * character set: libphonenumber would otherwise extract a number out of "call +33 6... ext 2"
 * or "+33 6 1a", and an SMS cannot be sent to an extension or to half a number.
 */
export function numberShape(input: string): NumberShape {
  const compact = input.replace(SEPARATORS, '');
  if (compact === '') return { kind: 'empty' };
  const match = /^(\+|00)?(\d+)$/u.exec(compact);
  const digits = match?.[2];
  if (match === null || digits === undefined) return { kind: 'not-a-number' };
  if (match[1] === undefined) return { kind: 'national', digits };
  return { kind: 'international', e164Candidate: `+${digits}` };
}
