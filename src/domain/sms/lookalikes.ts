// Replaces typographic look-alikes (smart quotes, dashes, special spaces...) with the GSM-7 characters they stand
// for, so that a message pasted from a word processor or typed on a phone with smart punctuation does not fall
// back to UCS-2 and cost up to twice as many credits. Only faithful equivalents are replaced: a character whose
// meaning would change (ç, ł, emoji, •, ×) is left for the agent to decide.
import { DEFAULT_COST, isGsm7Char } from './charset.js';
import type { LookalikeReplacement } from './types.js';

const REPLACEMENTS = new Map<number, string>();

function map(chars: string, to: string): void {
  for (let i = 0; i < chars.length; i++) REPLACEMENTS.set(chars.charCodeAt(i), to);
}

map('\u2018\u2019\u201A\u201B\u2032\u2039\u203A', "'"); // ‘ ’ ‚ ‛ ′ ‹ ›
map('\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB', '"'); // “ ” „ ‟ ″ « »
map('\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63', '-'); // hyphen, non-breaking hyphen, dashes, minus
map('\u2026', '...');
// No-break, fixed-width and ideographic spaces; a tab has no rendering in an SMS, one space is what it shows as.
map('\t\u00A0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u205F\u3000', ' ');
map('\u0085\u2028\u2029', '\n'); // next line, line and paragraph separators
// Invisible characters that only hint at line breaking or byte order: zero-width space, soft hyphen, word
// joiner, zero-width no-break space (BOM).
map('\u200B\u00AD\u2060\uFEFF', '');
// Fullwidth forms (typed with an East Asian input method) are the same characters as their ASCII counterparts
// (Unicode compatibility decomposition); ｀ is not, as ` itself is not GSM-7.
for (let c = 0xff01; c <= 0xff5e; c++) {
  const ascii = String.fromCharCode(c - 0xfee0);
  if (isGsm7Char(ascii)) REPLACEMENTS.set(c, ascii);
}
REPLACEMENTS.set(0xffe1, '£');
REPLACEMENTS.set(0xffe5, '¥');

const ZWNJ = 0x200c;
const ZWJ = 0x200d;

function isJoiner(c: number): boolean {
  return c === ZWNJ || c === ZWJ;
}

function isInvisible(c: number): boolean {
  return isJoiner(c) || REPLACEMENTS.get(c) === '';
}

/** A neighbour that makes a joiner meaningless: absent, or a character that stays or becomes GSM-7. */
function isPlainNeighbour(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return true;
  const c = text.charCodeAt(i);
  return REPLACEMENTS.has(c) || DEFAULT_COST[c] !== 0;
}

/**
 * ZWJ and ZWNJ shape emoji sequences and scripts such as Arabic or Devanagari; between GSM-7 characters
 * (ignoring other invisible ones) they change nothing and are dropped. Returns where the run of invisible
 * characters around `i` ends, negated when its joiners carry meaning, so that a long run is examined once.
 */
function joinerRun(text: string, i: number): number {
  let before = i - 1;
  while (before >= 0 && isInvisible(text.charCodeAt(before))) before--;
  let after = i + 1;
  while (after < text.length && isInvisible(text.charCodeAt(after))) after++;
  return isPlainNeighbour(text, before) && isPlainNeighbour(text, after) ? after : -after;
}

/**
 * Every change is reported with its UTF-16 index in `text`. An ellipsis becomes three characters, so a text that
 * stays UCS-2, or one full of ellipses, can cost more after replacement: compare analyzeSms before and after.
 */
export function toGsmLookalikes(text: string): { text: string; replacements: readonly LookalikeReplacement[] } {
  const replacements: LookalikeReplacement[] = [];
  let out = '';
  let copied = 0;
  let run = 0; // end of the last run of invisible characters examined, negated if its joiners are kept
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Below U+0085 only the tab has a replacement: printable ASCII skips the map.
    if (c < 0x85 && c !== 0x09) continue;
    let to = REPLACEMENTS.get(c);
    if (to === undefined) {
      if (!isJoiner(c)) continue;
      if (i >= Math.abs(run)) run = joinerRun(text, i);
      if (run < 0) continue;
      to = '';
    }
    replacements.push({ index: i, from: text.charAt(i), to });
    out += text.slice(copied, i) + to;
    copied = i + 1;
  }
  if (replacements.length === 0) return { text, replacements };
  return { text: out + text.slice(copied), replacements };
}
