// What an SMS number's address may be: an E.164 number (typed with spaces or 00 if need be),
// a short code, or an alphanumeric sender id (3 to 11 characters, at least one letter: an
// all-digit id would be read as a number by handsets and carriers).
import { toE164 } from '../../domain/phone/index.js';
import { invalid } from './refusals.js';

const SHORT_CODE = /^\d{3,8}$/;
const ALPHANUMERIC = /^(?=.*[A-Za-z])[A-Za-z0-9 ]{3,11}$/;

export function normaliseSenderAddress(raw: string): string {
  const text = raw.trim();
  if (/^(\+|00)/.test(text)) {
    const e164 = toE164(text);
    if (e164 === null) throw invalid('address', 'INVALID_E164');
    return e164;
  }
  if (SHORT_CODE.test(text)) return text;
  if (ALPHANUMERIC.test(text)) return text;
  throw invalid('address', /^[\d\s]+$/.test(text) ? 'MISSING_COUNTRY_CODE' : 'INVALID_SENDER_ID');
}
