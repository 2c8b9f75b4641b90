// Keyword families (issue 15): what a customer's whole message may be to opt out, opt back in or
// ask for help, in English and French. Carriers' practice, which customers expect: the whole
// message is the keyword, in any case and accents, with surrounding spaces, quotes or a final
// punctuation mark. "Please stop calling me" is not a keyword (see free-text.ts for that).
// Each SMS number may turn a family off or add its own keywords (KeywordSettings).

export type KeywordFamily = 'stop' | 'start' | 'help';
export type ConsentLanguage = 'en' | 'fr';

export const DEFAULT_KEYWORDS: Readonly<Record<KeywordFamily, readonly string[]>> = {
  stop: [
    'STOP', 'STOPALL', 'STOP ALL', 'STOP SMS', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT', 'OPT OUT', 'OPT-OUT',
    'ARRET', 'ARRET SMS', 'STOPPER', 'DESABONNER', 'DESABONNEMENT', 'DESINSCRIRE', 'DESINSCRIPTION',
  ],
  start: ['START', 'UNSTOP', 'SUBSCRIBE', 'RESUME', 'OPTIN', 'OPT IN', 'OPT-IN', 'ABONNER', 'REPRENDRE', 'INSCRIRE'],
  help: ['HELP', 'INFO', 'AIDE'],
};

export interface KeywordSettings {
  /** A family turned off is read as ordinary text. */
  readonly enabled: Readonly<Record<KeywordFamily, boolean>>;
  /** Keywords this number adds to a family (matched like the defaults). */
  readonly extra: Readonly<Record<KeywordFamily, readonly string[]>>;
  /** Automatic answers: a confirmation of STOP and of START, the HELP text. */
  readonly autoAnswer: Readonly<Record<KeywordFamily, boolean>>;
  /** The answers' language; null: from the number's country (French for +33 and its neighbours). */
  readonly language: ConsentLanguage | null;
  /** The number's own texts; an absent one is the default in the language. */
  readonly texts: Readonly<Partial<Record<KeywordFamily, string>>>;
}

export const DEFAULT_KEYWORD_SETTINGS: KeywordSettings = {
  enabled: { stop: true, start: true, help: true },
  extra: { stop: [], start: [], help: [] },
  autoAnswer: { stop: false, start: false, help: false },
  language: null,
  texts: {},
};

/** Upper case, accents removed, inner spaces collapsed, quotes and a final punctuation mark dropped. */
export function foldKeyword(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .trim()
    .replace(/^["'«“‘\s]+|["'»”’\s]+$/gu, '')
    .replace(/[.!?;:,]+$/u, '')
    .replace(/^["'«“‘\s]+|["'»”’\s]+$/gu, '')
    .replace(/[\s\u00A0]+/gu, ' ')
    .toUpperCase();
}

export interface KeywordMatch {
  readonly family: KeywordFamily;
  /** The keyword as the customer wrote it, trimmed (the evidence keeps the whole text). */
  readonly keyword: string;
}

const FAMILIES: readonly KeywordFamily[] = ['stop', 'start', 'help'];

export function matchKeyword(body: string, settings: KeywordSettings = DEFAULT_KEYWORD_SETTINGS): KeywordMatch | null {
  if (body.length > 40) return null;
  const folded = foldKeyword(body);
  if (folded === '') return null;
  for (const family of FAMILIES) {
    if (!settings.enabled[family]) continue;
    const words = [...DEFAULT_KEYWORDS[family], ...settings.extra[family]];
    if (words.some((w) => foldKeyword(w) === folded)) return { family, keyword: body.trim().replace(/[.!?;:,]+$/u, '').trim().toUpperCase() };
  }
  return null;
}

/** French for France and the French-speaking numbering plans nearby; English otherwise. */
export function languageOfNumber(address: string, settings: KeywordSettings): ConsentLanguage {
  if (settings.language) return settings.language;
  return /^\+(33|262|590|594|596|689|687|377)/.test(address) ? 'fr' : 'en';
}

const MAX_EXTRA = 20;
const MAX_TEXT = 320;

/** Reads a stored or submitted setting; anything unreadable falls back to the default. */
export function readKeywordSettings(raw: unknown): KeywordSettings {
  if (raw === null || typeof raw !== 'object') return DEFAULT_KEYWORD_SETTINGS;
  const o = raw as Record<string, unknown>;
  const flags = (v: unknown, d: Readonly<Record<KeywordFamily, boolean>>): Record<KeywordFamily, boolean> => {
    const r = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
    return { stop: typeof r['stop'] === 'boolean' ? r['stop'] : d.stop, start: typeof r['start'] === 'boolean' ? r['start'] : d.start, help: typeof r['help'] === 'boolean' ? r['help'] : d.help };
  };
  const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((w): w is string => typeof w === 'string' && foldKeyword(w) !== '' && w.length <= 40).slice(0, MAX_EXTRA) : []);
  const e = (o['extra'] && typeof o['extra'] === 'object' ? o['extra'] : {}) as Record<string, unknown>;
  const t = (o['texts'] && typeof o['texts'] === 'object' ? o['texts'] : {}) as Record<string, unknown>;
  const texts: Partial<Record<KeywordFamily, string>> = {};
  for (const f of FAMILIES) {
    const v = t[f];
    if (typeof v === 'string' && v.trim() !== '' && v.length <= MAX_TEXT) texts[f] = v;
  }
  const lang = o['language'];
  return {
    enabled: flags(o['enabled'], DEFAULT_KEYWORD_SETTINGS.enabled),
    extra: { stop: list(e['stop']), start: list(e['start']), help: list(e['help']) },
    autoAnswer: flags(o['autoAnswer'], DEFAULT_KEYWORD_SETTINGS.autoAnswer),
    language: lang === 'en' || lang === 'fr' ? lang : null,
    texts,
  };
}
