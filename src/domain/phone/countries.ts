import { getCountries } from 'libphonenumber-js/max';

/** Every region of the numbering plan: the countries a profile may authorize. */
export function supportedCountries(): readonly string[] {
  return getCountries();
}
