import { useId } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { LANGS, isLang, type Lang } from '../i18n/lang';

// Each language is named in itself, so an agent who cannot read the current one still finds theirs.
const NAMES: Readonly<Record<Lang, string>> = { en: 'English', fr: 'Français' };

export function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  const id = useId();
  return (
    <div className="language">
      <label htmlFor={id} className="language__label">
        {t('language.label')}
      </label>
      <select id={id} className="input input--compact" value={lang} data-testid="language-select" onChange={(e) => isLang(e.target.value) && setLang(e.target.value)}>
        {LANGS.map((l) => (
          <option key={l} value={l} lang={l}>
            {NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
