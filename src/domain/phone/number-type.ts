import type { PhoneNumberType } from 'libphonenumber-js/max';

/** The number types of libphonenumber's metadata (the `max` set is needed to tell them apart). */
export type NumberType =
  | 'MOBILE'
  | 'FIXED_LINE_OR_MOBILE'
  | 'FIXED_LINE'
  | 'VOIP'
  | 'TOLL_FREE'
  | 'PREMIUM_RATE'
  | 'SHARED_COST'
  | 'UAN'
  | 'PAGER'
  | 'VOICEMAIL'
  | 'PERSONAL_NUMBER';

// Our own union keeps the library out of the public API; these two lines fail the type-check
// if a library upgrade adds or removes a type, so the mobile rule below cannot silently drift.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _sameTypes: Same<NumberType, PhoneNumberType> = true;

/**
 * Spec D2: SMS only reaches mobiles. Where the numbering plan cannot tell mobile from fixed
 * line (US, Canada...) the number is given the benefit of the doubt, but flagged.
 */
export function isSmsCapableType(type: NumberType): type is 'MOBILE' | 'FIXED_LINE_OR_MOBILE' {
  return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE';
}
