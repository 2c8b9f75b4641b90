// An administration refusal, worded for the form: the API says which field (`details.field`, dotted) and why
// (`details.reason`); the page shows that reason next to that field, in the administrator's language. Codes and
// reasons this build does not know fall back on the Banner's own wording (the catalogue, then the server's text).
import { errorText, type Refusal } from '../errors/error-text';
import type { Lang } from '../i18n/lang';
import { translate, type MessageKey } from '../i18n/translate';

const REASONS: Readonly<Record<string, MessageKey>> = {
  ALREADY_EXISTS: 'admin.refusal.alreadyExists',
  EMPTY: 'admin.refusal.empty',
  TOO_SMALL: 'admin.refusal.tooSmall',
  TOO_BIG: 'admin.refusal.tooBig',
  INVALID_TYPE: 'admin.refusal.invalid',
  INVALID_FORMAT: 'admin.refusal.invalidFormat',
  INVALID_VALUE: 'admin.refusal.invalid',
  CUSTOM: 'admin.refusal.invalid',
  UNKNOWN_COUNTRY: 'admin.refusal.unknownCountry',
  SELF: 'admin.refusal.self',
  EXCEEDS_BALANCE: 'admin.refusal.exceedsBalance',
  INVALID_E164: 'admin.refusal.invalidE164',
  MISSING_COUNTRY_CODE: 'admin.refusal.missingCountryCode',
  INVALID_SENDER_ID: 'admin.refusal.invalidSenderId',
  NOT_SUPPORTED_BY_PROVIDER: 'admin.refusal.nationalNotSupported',
  NUMBERS_USE_NATIONAL_TABLE: 'admin.refusal.numbersUseNationalTable',
  NO_DAY: 'windows.admin.reason.NO_DAY',
  NOT_A_WEEKDAY: 'windows.admin.reason.NOT_A_WEEKDAY',
  NOT_A_TIME: 'windows.admin.reason.NOT_A_TIME',
  NOT_AFTER_START: 'windows.admin.reason.NOT_AFTER_START',
};

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

/** The request field a refusal names (`name`, `authorizedCountries`, `settings.url`), or null for the whole form. */
export function refusalField(r: Refusal): string | null {
  if (r.code !== 'VALIDATION_FAILED' && r.code !== 'NOT_FOUND') return null;
  return str(r.details?.field);
}

/** Whether a refusal belongs to a form field: the field itself, or a part of it (`permissions.smart` → `permissions`). */
export function refusalIsFor(r: Refusal | null | undefined, field: string): boolean {
  const named = r ? refusalField(r) : null;
  return named !== null && (named === field || named.startsWith(`${field}.`));
}

export function adminRefusalText(r: Refusal, lang: Lang): string {
  if (r.code === 'NOT_FOUND' && refusalField(r) !== null) return translate(lang, 'admin.refusal.notFound');
  const reason = str(r.details?.reason);
  const key = r.code === 'VALIDATION_FAILED' && reason !== null ? REASONS[reason] : undefined;
  if (key === undefined) return errorText(r, lang);
  const balance = r.details?.balance;
  const numbers = r.details?.numbers;
  return translate(lang, key, {
    country: str(r.details?.country) ?? '',
    balance: typeof balance === 'number' ? balance : '',
    numbers: Array.isArray(numbers) ? numbers.filter((n): n is string => typeof n === 'string').join(', ') : '',
  });
}

/** Where a form shows a refusal: the first of its fields the refusal names, else `form` (above the buttons). */
export function refusalPlace(r: Refusal, fields: readonly string[]): string {
  return fields.find((f) => refusalIsFor(r, f)) ?? 'form';
}
