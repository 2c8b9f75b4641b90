// What the credit counter under a message field shows, from the domain's analysis of the text (spec 3.3, D1).
// Pure, and cheap enough to run on every keystroke of a 1,224-character message.
import { analyzeSms, toGsmLookalikes, type NationalLanguage, type SmsEncoding } from '@domain/sms';

/** How an offending character is shown: itself, or a name when it would be invisible. */
export type CulpritLook = 'visible' | 'space' | 'noBreakSpace' | 'tab' | 'lineBreak' | 'invisible';

export interface Culprit {
  readonly char: string;
  /** "U+201C": lets the agent tell apart characters that look alike. */
  readonly codePoint: string;
  readonly look: CulpritLook;
  readonly count: number;
}

export interface UnicodeWarning {
  /** Distinct characters forcing UCS-2, in order of first appearance, at most MAX_CULPRITS. */
  readonly culprits: readonly Culprit[];
  /** Distinct characters beyond those listed. */
  readonly more: number;
  /** Look-alikes (curly quotes, dashes, special spaces...) can be replaced by standard characters. */
  readonly canReplace: boolean;
}

export interface CounterView {
  readonly characters: number;
  readonly units: number;
  readonly limitUnits: number;
  readonly encoding: SmsEncoding;
  readonly segments: number;
  readonly maxSegments: number;
  readonly overLimit: boolean;
  readonly unicode: UnicodeWarning | null;
  readonly nationalLanguage: NationalLanguage | null;
}

export const MAX_CULPRITS = 8;

function lookOf(char: string): CulpritLook {
  if (char === '\t') return 'tab';
  if (char === '\u00a0' || char === '\u202f') return 'noBreakSpace';
  if (/^[\u2028\u2029\u0085]$/u.test(char)) return 'lineBreak';
  if (/^\s$/u.test(char)) return 'space';
  if (/^[\p{Cf}\p{Cc}\p{Mn}\p{Me}]$/u.test(char)) return 'invisible';
  return 'visible';
}

function codePointLabel(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

export function counterView(text: string, nationalLanguage: NationalLanguage | null = null): CounterView {
  const a = analyzeSms(text, nationalLanguage ? { nationalLanguage } : undefined);
  let unicode: UnicodeWarning | null = null;
  if (a.encoding === 'UCS-2') {
    const counts = new Map<string, number>();
    for (const c of a.nonGsm) counts.set(c.char, (counts.get(c.char) ?? 0) + 1);
    const culprits: Culprit[] = [];
    for (const [char, count] of counts) {
      if (culprits.length === MAX_CULPRITS) break;
      culprits.push({ char, codePoint: codePointLabel(char), look: lookOf(char), count });
    }
    unicode = { culprits, more: counts.size - culprits.length, canReplace: toGsmLookalikes(text).replacements.length > 0 };
  }
  return {
    characters: a.characters,
    units: a.units,
    limitUnits: a.limitUnits,
    encoding: a.encoding,
    segments: a.segments,
    maxSegments: a.maxSegments,
    overLimit: a.overLimit,
    unicode,
    nationalLanguage: a.nationalLanguage ?? null,
  };
}

/** "Replace with standard characters": the text with its look-alikes replaced, and how many were. */
export function replaceLookalikes(text: string): { readonly text: string; readonly replaced: number } {
  const r = toGsmLookalikes(text);
  return { text: r.text, replaced: r.replacements.length };
}
