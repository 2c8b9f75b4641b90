// What a provider can put on the wire, as the send plan must know it: a text is billed with the
// national table the provider will really signal, never with one it would silently drop (and
// send as UCS-2, in more parts than were debited).
import { MAX_SEGMENTS, type NationalLanguage, type SmsEncoding } from '../sms/index.js';

export interface SubmitCapability {
  /** Encodings the provider submits. Every adapter this build ships submits both. */
  readonly encodings: readonly SmsEncoding[];
  /** National language tables the provider can be told to use (3GPP TS 23.038 shift indicators). */
  readonly nationalLanguages: readonly NationalLanguage[];
  /** The most parts of one concatenated message the provider takes. */
  readonly maxParts: number;
}

/** The national table a number's texts are counted and sent with: its own, only if the provider can signal it. */
export function effectiveNationalLanguage(configured: NationalLanguage | null | undefined, capability: SubmitCapability): NationalLanguage | null {
  return configured && capability.nationalLanguages.includes(configured) ? configured : null;
}

/** The part cap a message is planned against: the product's 8 credits, or fewer if the provider takes fewer. */
export function maxPartsFor(capability: SubmitCapability): number {
  return Math.min(MAX_SEGMENTS, capability.maxParts);
}
