import { ParseError, parsePhoneNumberWithError } from 'libphonenumber-js/max';
import type { PhoneNumber } from 'libphonenumber-js/max';
import { numberShape } from './input.js';

/**
 * Normalises a number supplied by a provider (often digits only, without "+") to E.164, so
 * that inbound messages match the numbers stored for outbound ones. Null when it cannot be a
 * phone number (short codes, alphanumeric sender ids, unknown country codes, impossible lengths).
 *
 * Accepts numbers the metadata calls "possible" but not "valid": the provider has just carried
 * an SMS from it, so the number exists, and only stale metadata or a reserved test range
 * (e.g. UK drama numbers) would reject it. An inbound message must still be filed (spec D6).
 */
export function toE164(raw: string): string | null {
  const shape = numberShape(raw.trim());
  let candidate: string;
  if (shape.kind === 'international') candidate = shape.e164Candidate;
  // Providers send MSISDNs in international form without the "+": digits are a country code first.
  else if (shape.kind === 'national') candidate = `+${shape.digits}`;
  else return null;

  let number: PhoneNumber;
  try {
    number = parsePhoneNumberWithError(candidate);
  } catch (error) {
    if (error instanceof ParseError) return null;
    throw error;
  }
  return number.isValid() || number.isPossible() ? number.number : null;
}
