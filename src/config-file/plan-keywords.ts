// A number's keyword settings in a file: left out keeps the stored ones, null restores the
// defaults, and a setting replaces the stored one whole (what it leaves out takes its default, as
// in the admin API), so a file reads the same whatever the number held before.
import type { KeywordSettingsInput } from '../api/consent-schemas.js';
import { DEFAULT_KEYWORD_SETTINGS, foldKeyword, readKeywordSettings, type KeywordFamily, type KeywordSettings } from '../domain/consent/index.js';
import type { ConfigFileIssue } from './issues.js';

const FAMILIES: readonly KeywordFamily[] = ['stop', 'start', 'help'];

/** The settings the file asks for; a keyword the reader would drop silently is an issue instead. */
export function plannedKeywords(issues: ConfigFileIssue[], item: KeywordSettingsInput | null | undefined, row: KeywordSettings, path: string): KeywordSettings {
  if (item === undefined) return row;
  if (item === null) return DEFAULT_KEYWORD_SETTINGS;
  let fine = true;
  for (const family of FAMILIES) {
    (item.extra?.[family] ?? []).forEach((word, j) => {
      if (foldKeyword(word) !== '') return;
      issues.push({ path: `${path}.extra.${family}[${j}]`, message: `"${word}" is not a keyword: nothing is left once quotes and a final punctuation mark are dropped` });
      fine = false;
    });
  }
  return fine ? readKeywordSettings(item) : row;
}

/** readKeywordSettings builds every setting with its keys in one order, so its JSON compares. */
export function sameKeywords(a: KeywordSettings, b: KeywordSettings): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The settings as a file writes them: only what differs from the defaults; null when nothing does. */
export function keywordsForFile(s: KeywordSettings): KeywordSettingsInput | null {
  if (sameKeywords(s, DEFAULT_KEYWORD_SETTINGS)) return null;
  const d = DEFAULT_KEYWORD_SETTINGS;
  const differs = (a: Readonly<Record<KeywordFamily, boolean>>, b: Readonly<Record<KeywordFamily, boolean>>) => FAMILIES.some((f) => a[f] !== b[f]);
  const extra = Object.fromEntries(FAMILIES.filter((f) => s.extra[f].length > 0).map((f) => [f, [...s.extra[f]]]));
  return {
    ...(differs(s.enabled, d.enabled) ? { enabled: { ...s.enabled } } : {}),
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
    ...(differs(s.autoAnswer, d.autoAnswer) ? { autoAnswer: { ...s.autoAnswer } } : {}),
    ...(s.language !== null ? { language: s.language } : {}),
    ...(Object.keys(s.texts).length > 0 ? { texts: { ...s.texts } } : {}),
  };
}
