// The authorized-countries picker: every country that has phone numbers, named in the administrator's language,
// found by name or code as typed (accents and case ignored), the ones already chosen kept in sight.
import { countryName } from '../../i18n/country-name';
import type { Lang } from '../../i18n/lang';
import { loadPhoneModule } from '../../recipient/phone-module';

export interface CountryOption {
  readonly code: string;
  readonly name: string;
}

/**
 * The same list the server accepts (libphonenumber's countries), fetched with the numbering-plan chunk on demand.
 * Through the phone module, not the library: a second importer of the library would split its metadata into a chunk
 * of its own, where the bundler may also place helpers the Banner's entry needs, fetching the metadata at start.
 */
export async function loadCountryCodes(): Promise<readonly string[]> {
  const { supportedCountries } = await loadPhoneModule();
  return supportedCountries();
}

export function countryOptions(codes: readonly string[], lang: Lang): CountryOption[] {
  const collator = new Intl.Collator(lang);
  return codes.map((code) => ({ code, name: countryName(code, lang) })).sort((a, b) => collator.compare(a.name, b.name));
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/** Countries whose name contains the query, or whose code is the query; everything for an empty query. */
export function filterCountries(options: readonly CountryOption[], query: string): CountryOption[] {
  const q = fold(query);
  if (q === '') return [...options];
  return options.filter((o) => fold(o.name).includes(q) || o.code.toLowerCase() === q);
}

/** The chosen countries by name, for the summary above the list. */
export function chosenNames(options: readonly CountryOption[], chosen: ReadonlySet<string>): string[] {
  return options.filter((o) => chosen.has(o.code)).map((o) => o.name);
}
