// The agent-facing wording of a refusal, in the Banner's current language. Known codes are worded from the
// domain's catalogue (the server's own text), so switching language re-words errors already on screen; the
// server's message is the fallback for codes this build does not know.
import { ERROR_CATALOGUE, type ErrorCode } from '@domain/errors';
import { invalidNumberHint, type InvalidNumberReason } from '@domain/phone/reasons';
import { translate } from '../i18n/translate';
import type { Lang } from '../i18n/lang';
import { NETWORK_ERROR } from '../api/api-error';
import { nextAllowedText } from '../windows/window-times';

export interface Refusal {
  readonly code: string;
  readonly message?: string;
  readonly details?: Readonly<Record<string, unknown>> | null;
}

const REASONS: ReadonlySet<string> = new Set<InvalidNumberReason>([
  'EMPTY',
  'NOT_A_NUMBER',
  'MISSING_COUNTRY_CODE',
  'INVALID_COUNTRY_CODE',
  'TOO_SHORT',
  'TOO_LONG',
  'INVALID_LENGTH',
  'INVALID_FOR_REGION',
  'NON_GEOGRAPHIC',
  'UNKNOWN_TYPE',
  'NOT_MOBILE',
]);

function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CATALOGUE, code);
}

function isReason(v: unknown): v is InvalidNumberReason {
  return typeof v === 'string' && REASONS.has(v);
}

export function errorText(r: Refusal, lang: Lang): string {
  if (r.code === NETWORK_ERROR) return translate(lang, 'error.network');
  const reason = r.details?.reason;
  if (r.code === 'FORBIDDEN' && reason === 'HANDLED_BY_ANOTHER_AGENT') return translate(lang, 'error.handledByAnother');
  if (r.code === 'FORBIDDEN' && reason === 'ALREADY_TAKEN') return translate(lang, 'error.alreadyTaken');
  if (r.code === 'ALREADY_TAKEN') {
    const name = r.details?.agentName;
    return typeof name === 'string' && name !== '' ? translate(lang, 'error.takenBy', { name }) : translate(lang, 'error.alreadyTaken');
  }
  if (!isErrorCode(r.code)) return r.message && r.message !== '' ? r.message : translate(lang, 'error.unexpected', { code: r.code });
  const base = ERROR_CATALOGUE[r.code][lang];
  if (r.code === 'INVALID_NUMBER' && isReason(reason)) return `${base} ${invalidNumberHint(reason, lang)}`;
  if (r.code === 'OUTSIDE_SENDING_WINDOW') return `${base} ${nextAllowedText(r.details, lang)}`;
  if (r.code === 'UNFILLED_VARIABLES') {
    const names = r.details?.variables;
    if (Array.isArray(names) && names.length > 0) {
      return `${base} ${translate(lang, 'compose.unfilled', { names: names.map((n) => `$${String(n)}`).join(', ') })}`;
    }
  }
  return base;
}
