export { checkRecipient, parseRecipient } from './recipient.js';
export type { InvalidNumberDetails, RecipientCheck, RecipientInfo } from './recipient.js';
export { toE164 } from './e164.js';
export { supportedCountries } from './countries.js';
export { isSmsCapableType } from './number-type.js';
export type { NumberType } from './number-type.js';
export { invalidNumberHint } from './reasons.js';
export type { InvalidNumberReason } from './reasons.js';
