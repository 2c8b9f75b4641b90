// What a search box's text means: words of a message or of a contact's name (each a prefix of a
// word, accents and case ignored), or the customer's number (international form, whole or its
// beginning). One text is tried as all three; the log shows a message matching any.

export interface SearchTerms {
  /** A to_tsquery text ('recu:* & colis:*'), or null when the text has no word. */
  readonly tsquery: string | null;
  /** '+336123': the customer's number starts with it; null when the text is not a number. */
  readonly numberPrefix: string | null;
}

const MAX_WORDS = 8;

export function searchTerms(text: string | undefined): SearchTerms | null {
  const q = (text ?? '').trim();
  if (q === '') return null;
  // Letters and digits only: every other character separates words, as the database's parser
  // does, and nothing typed can reach the tsquery syntax (& | ! : * ( ) ' <->).
  const words = q
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '')
    .slice(0, MAX_WORDS);
  const tsquery = words.length > 0 ? words.map((w) => `${w}:*`).join(' & ') : null;
  const compact = q.replace(/[\s().-]/g, '');
  const number = /^(\+|00)\d{1,15}$|^\d{3,15}$/.test(compact) ? `+${compact.replace(/^(\+|00)/, '')}` : null;
  return { tsquery, numberPrefix: number };
}

/** The smallest string greater than every string starting with `prefix` (a range scan's bound). */
export function prefixUpperBound(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}
