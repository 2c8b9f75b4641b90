export type NationalLanguage = 'turkish' | 'spanish' | 'portuguese';

export type SmsEncoding = 'GSM-7' | 'UCS-2';

/** Credits one message may use, whatever the encoding. */
export const MAX_SEGMENTS = 8;

export interface NonGsmCharacter {
  /** The full code point (a surrogate pair stays whole). */
  readonly char: string;
  /** UTF-16 index in the analysed text. */
  readonly index: number;
}

export interface SmsAnalysis {
  readonly encoding: SmsEncoding;
  /** Unicode code points: what "characters entered" shows. */
  readonly characters: number;
  /** Septets (escapes included) for GSM-7, UTF-16 code units for UCS-2. */
  readonly units: number;
  /** The true count, even above the cap; 0 for ''. */
  readonly segments: number;
  /** The exact texts of the segments: parts.join('') === text. */
  readonly parts: readonly string[];
  readonly maxSegments: typeof MAX_SEGMENTS;
  /** The cap in units for the encoding in use: 1224 GSM-7, 536 UCS-2, less with national indicators. */
  readonly limitUnits: number;
  /** Capacity of one part for this message: 160/153, 70/67, or reduced by national indicators. */
  readonly perSegmentUnits: number;
  /** Units left before the next credit is needed. */
  readonly remainingInSegment: number;
  /** segments > MAX_SEGMENTS. */
  readonly overLimit: boolean;
  /** Characters forcing UCS-2; empty when the text is GSM-7. */
  readonly nonGsm: readonly NonGsmCharacter[];
  /** Present only when national tables were needed and used. */
  readonly nationalLanguage?: NationalLanguage;
}

export interface SmsAnalysisOptions {
  readonly nationalLanguage?: NationalLanguage;
}

export interface LookalikeReplacement {
  /** UTF-16 index in the original text. */
  readonly index: number;
  readonly from: string;
  /** '' when the character is removed. */
  readonly to: string;
}
