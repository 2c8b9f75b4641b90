import type { Lang } from './lang';

const names = new Map<Lang, Intl.DisplayNames>();

/** "FR" as "France" / "France", "GB" as "United Kingdom" / "Royaume-Uni". */
export function countryName(code: string, lang: Lang): string {
  let n = names.get(lang);
  if (!n) names.set(lang, (n = new Intl.DisplayNames([lang], { type: 'region' })));
  try {
    return n.of(code) ?? code;
  } catch {
    return code;
  }
}
