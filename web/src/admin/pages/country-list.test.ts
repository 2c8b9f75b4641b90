import { describe, expect, it } from 'vitest';
import { chosenNames, countryOptions, filterCountries, loadCountryCodes } from './country-list';

const CODES = ['GB', 'FR', 'DE', 'CI', 'US', 'BE'];

describe('the authorized-countries picker', () => {
  it('offers exactly the countries the server accepts', async () => {
    const codes = await loadCountryCodes();
    expect(codes).toContain('FR');
    expect(codes).toContain('GB');
    expect(codes).not.toContain('UK');
    expect(codes.length).toBeGreaterThan(200);
  });

  it('names countries in the administrator’s language, in that language’s order', () => {
    expect(countryOptions(CODES, 'en').map((o) => o.name)).toEqual(['Belgium', 'Côte d’Ivoire', 'France', 'Germany', 'United Kingdom', 'United States']);
    expect(countryOptions(CODES, 'fr').map((o) => o.code)).toEqual(['DE', 'BE', 'CI', 'US', 'FR', 'GB']);
  });

  it('finds a country by part of its name, without accents or case, or by its code', () => {
    const fr = countryOptions(CODES, 'fr');
    expect(filterCountries(fr, 'roy').map((o) => o.code)).toEqual(['GB']);
    expect(filterCountries(fr, 'COTE').map((o) => o.code)).toEqual(['CI']);
    expect(filterCountries(fr, 'de').map((o) => o.code)).toEqual(['DE']);
    expect(filterCountries(fr, 'ETATS').map((o) => o.code)).toEqual(['US']);
    expect(filterCountries(fr, 'us').map((o) => o.code)).toEqual(['US']);
    expect(filterCountries(fr, '  ')).toHaveLength(CODES.length);
    expect(filterCountries(fr, 'zzz')).toEqual([]);
  });

  it('summarises the chosen countries by name', () => {
    expect(chosenNames(countryOptions(CODES, 'en'), new Set(['GB', 'FR']))).toEqual(['France', 'United Kingdom']);
  });
});
