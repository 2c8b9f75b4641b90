import type { Lang } from '@domain/errors';

export type { Lang };
export const LANGS: readonly Lang[] = ['en', 'fr'];

/** The first of the browser's preferred languages the Banner speaks; English otherwise. */
export function pickBrowserLang(preferred: readonly string[]): Lang {
  for (const tag of preferred) {
    const primary = tag.trim().toLowerCase().split('-')[0];
    if (primary === 'fr' || primary === 'en') return primary;
  }
  return 'en';
}

export function isLang(v: unknown): v is Lang {
  return v === 'en' || v === 'fr';
}
