import { useId, useMemo, useState } from 'react';
import { useAsync } from '../../flows/use-async';
import { useI18n } from '../../i18n/I18nProvider';
import type { Refusal } from '../../errors/error-text';
import { AdminFieldError } from '../AdminFieldError';
import { chosenNames, countryOptions, filterCountries, loadCountryCodes } from './country-list';

export interface CountryPickerProps {
  readonly chosen: ReadonlySet<string>;
  readonly onChange: (next: ReadonlySet<string>) => void;
  readonly refusal?: Refusal | null;
}

/** Authorized countries: a search box over a list of checkboxes named in the administrator's language. */
export function CountryPicker({ chosen, onChange, refusal }: CountryPickerProps) {
  const { t, lang } = useI18n();
  const base = useId();
  const [query, setQuery] = useState('');
  const codes = useAsync(loadCountryCodes, 'countries');
  const options = useMemo(() => (codes.state === 'ready' ? countryOptions(codes.value, lang) : []), [codes, lang]);
  const shown = useMemo(() => filterCountries(options, query), [options, query]);
  const names = chosenNames(options, chosen);
  const toggle = (code: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(code);
    else next.delete(code);
    onChange(next);
  };
  return (
    <fieldset className="field checks" aria-describedby={`${base}-chosen${refusal ? ` ${base}-error` : ''}`} data-testid="countries">
      <legend className="field__label">{t('admin.profiles.countries')}</legend>
      <p id={`${base}-chosen`} className="field__help" data-testid="countries-chosen">
        {names.length === 0 ? t('admin.profiles.countriesNone') : t('admin.profiles.countriesChosen', { count: names.length, names: names.join(', ') })}
      </p>
      <label className="field__label" htmlFor={`${base}-search`}>
        {t('admin.profiles.countrySearch')}
      </label>
      <input id={`${base}-search`} className="input" type="search" value={query} onChange={(e) => setQuery(e.currentTarget.value)} autoComplete="off" />
      {codes.state === 'loading' && <p className="field__help">{t('app.loading')}</p>}
      {codes.state === 'ready' && shown.length === 0 && <p className="field__help">{t('admin.profiles.countryNoMatch')}</p>}
      <ul className="checks__list checks__list--scroll" aria-label={t('admin.profiles.countries')}>
        {shown.map((o) => (
          <li key={o.code}>
            <label className="checks__item">
              <input type="checkbox" checked={chosen.has(o.code)} onChange={(e) => toggle(o.code, e.currentTarget.checked)} /> {o.name}
            </label>
          </li>
        ))}
      </ul>
      <AdminFieldError id={`${base}-error`} refusal={refusal} />
    </fieldset>
  );
}
