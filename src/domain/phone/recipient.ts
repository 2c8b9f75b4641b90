import { ParseError, parsePhoneNumberWithError, validatePhoneNumberLength } from 'libphonenumber-js/max';
import type { PhoneNumber } from 'libphonenumber-js/max';
import { refuse } from '../errors.js';
import type { Refusal } from '../errors.js';
import { numberShape } from './input.js';
import { isSmsCapableType } from './number-type.js';
import type { NumberType } from './number-type.js';
import { invalidNumberHint } from './reasons.js';
import type { InvalidNumberReason } from './reasons.js';

export interface RecipientInfo {
  readonly e164: string;
  /** ISO 3166 alpha-2 region of the number, upper case. */
  readonly country: string;
  readonly type: NumberType;
  /** False when the numbering plan cannot tell a mobile from a landline (FIXED_LINE_OR_MOBILE). */
  readonly mobileVerified: boolean;
  /** International format with spaces, e.g. "+33 6 12 34 56 78". */
  readonly display: string;
}

export type RecipientCheck = { readonly ok: true; readonly recipient: RecipientInfo } | Refusal;

/** Shape of `details` on an INVALID_NUMBER refusal from this module. */
// A type alias, not an interface, so that it stays assignable to the catalogue's ErrorDetails.
export type InvalidNumberDetails = {
  readonly reason: InvalidNumberReason;
  readonly type?: NumberType;
  /** English; `invalidNumberHint(reason, lang)` gives the agent's language. */
  readonly hint: string;
};

function invalid(reason: InvalidNumberReason, type?: NumberType): Refusal {
  const details: InvalidNumberDetails = { reason, ...(type === undefined ? {} : { type }), hint: invalidNumberHint(reason) };
  return refuse('INVALID_NUMBER', details);
}

const PARSE_ERROR_REASONS: Readonly<Record<string, InvalidNumberReason>> = {
  INVALID_COUNTRY: 'INVALID_COUNTRY_CODE',
  NOT_A_NUMBER: 'NOT_A_NUMBER',
  TOO_SHORT: 'TOO_SHORT',
  TOO_LONG: 'TOO_LONG',
};

function whyInvalid(e164Candidate: string): InvalidNumberReason {
  const length = validatePhoneNumberLength(e164Candidate);
  if (length === undefined) return 'INVALID_FOR_REGION';
  if (length === 'INVALID_COUNTRY') return 'INVALID_COUNTRY_CODE';
  return length;
}

/** Parse and validate only, without the country rule: for checking as the agent types. */
export function parseRecipient(input: string): RecipientCheck {
  const shape = numberShape(input);
  if (shape.kind === 'empty') return invalid('EMPTY');
  if (shape.kind === 'not-a-number') return invalid('NOT_A_NUMBER');
  // Spec D2: without a country code we would have to guess the country, and a wrong guess
  // sends the SMS abroad; the agent is asked to add it instead.
  if (shape.kind === 'national') return invalid('MISSING_COUNTRY_CODE');

  let number: PhoneNumber;
  try {
    number = parsePhoneNumberWithError(shape.e164Candidate);
  } catch (error) {
    if (error instanceof ParseError) return invalid(PARSE_ERROR_REASONS[error.message] ?? 'NOT_A_NUMBER');
    throw error;
  }
  if (!number.isValid()) return invalid(whyInvalid(shape.e164Candidate));

  const type = number.getType();
  if (type === undefined) return invalid('UNKNOWN_TYPE');
  if (!isSmsCapableType(type)) return invalid('NOT_MOBILE', type);
  // Mobile satellite and global networks (+870, +881...) have no region, so no profile could
  // ever authorize them; saying so is clearer than a country refusal with no country.
  if (number.country === undefined) return invalid('NON_GEOGRAPHIC', type);

  return {
    ok: true,
    recipient: {
      e164: number.number,
      country: number.country,
      type,
      mobileVerified: type === 'MOBILE',
      display: number.formatInternational(),
    },
  };
}

/** The full spec D2 check: a valid mobile number whose country the profile authorizes. */
export function checkRecipient(input: string, authorizedCountries: readonly string[]): RecipientCheck {
  const parsed = parseRecipient(input);
  if (!parsed.ok) return parsed;
  const { country } = parsed.recipient;
  // Profiles are edited by people and imported from other systems: "fr" and "FR" are the same.
  const authorized = authorizedCountries.some((c) => c.trim().toUpperCase() === country);
  return authorized ? parsed : refuse('COUNTRY_NOT_AUTHORIZED', { country });
}
