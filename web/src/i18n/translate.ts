import { EN, type MessageKey } from './messages-en';
import { FR } from './messages-fr';
import type { Lang } from './lang';

export type { MessageKey };
export type Vars = Readonly<Record<string, string | number>>;

const DICTIONARIES: Readonly<Record<Lang, Readonly<Record<MessageKey, string>>>> = { en: EN, fr: FR };

/** Fills `{name}` placeholders; numbers are formatted for the language (1,224 / 1 224). */
export function format(template: string, vars: Vars | undefined, lang: Lang): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (raw, name: string) => {
    const v = vars[name];
    if (v === undefined) return raw;
    return typeof v === 'number' ? formatNumber(v, lang) : v;
  });
}

const numberFormats = new Map<Lang, Intl.NumberFormat>();

export function formatNumber(n: number, lang: Lang): string {
  let f = numberFormats.get(lang);
  if (!f) numberFormats.set(lang, (f = new Intl.NumberFormat(lang)));
  return f.format(n);
}

export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  return format(DICTIONARIES[lang][key], vars, lang);
}

/** Picks the `.one` or `.other` form by the language's plural rules (French: 0 and 1 are singular). */
export function plural(lang: Lang, base: 'credits', count: number): string {
  const form = new Intl.PluralRules(lang).select(count) === 'one' ? 'one' : 'other';
  return translate(lang, `${base}.${form}`, { count });
}

export function dictionary(lang: Lang): Readonly<Record<MessageKey, string>> {
  return DICTIONARIES[lang];
}
