// Authorized countries are ISO 3166 alpha-2 codes that have phone numbers: the same list the
// recipient check derives a number's country from.
import { getCountries } from 'libphonenumber-js/max';
import { invalid } from './refusals.js';

const COUNTRIES: ReadonlySet<string> = new Set(getCountries());

export function checkCountries(codes: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of codes) {
    const code = raw.trim().toUpperCase();
    if (!COUNTRIES.has(code)) throw invalid('authorizedCountries', 'UNKNOWN_COUNTRY', { country: raw });
    if (!out.includes(code)) out.push(code);
  }
  return out.sort();
}
