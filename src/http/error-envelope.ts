// One error envelope for every refusal: { error: { code, message, details? } }, the message in
// the caller's language, the status chosen here (the domain knows no HTTP).
import { HttpRefusal } from './http-refusal.js';
import { DomainError, errorMessage, type ErrorCode, type ErrorDetails, type Lang } from '../domain/errors.js';

const STATUS: Readonly<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  MESSAGING_NOT_PERMITTED: 403,
  MODE_NOT_PERMITTED: 403,
  NOT_FOUND: 404,
  VALIDATION_FAILED: 400,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
  INSUFFICIENT_CREDITS: 402,
  MAX_INTERACTIONS_REACHED: 409,
  INTERACTION_NOT_PROGRESSING: 409,
  CALL_ENDED: 409,
  REVIEW_ALREADY_DECIDED: 409,
  RESEND_NOT_SAFE: 409,
  RESEND_NOT_FAILED: 409,
  ALREADY_RESENT: 409,
  ALREADY_SENT: 409,
  MESSAGE_NOT_SCHEDULED: 409,
  ALREADY_TAKEN: 409,
  SIMULATOR_NOT_IN_USE: 409,
  ERASURE_MESSAGES_PENDING: 409,
  ERASURE_CONFIRMATION_MISMATCH: 422,
  // Valid requests that the account's rules refuse.
  COUNTRY_NOT_AUTHORIZED: 422,
  INVALID_NUMBER: 422,
  CREDIT_LIMIT_EXCEEDED: 422,
  INVALID_TEMPLATE: 422,
  NO_SENDER_NUMBER: 422,
  NO_QUEUE_CONFIGURED: 422,
  NO_PROVIDER_CONFIGURED: 422,
  EMPTY_MESSAGE: 422,
  UNFILLED_VARIABLES: 422,
  RECIPIENT_OPTED_OUT: 422,
  OPT_OUT_BY_CUSTOMER: 409,
  OUTSIDE_SENDING_WINDOW: 422,
};

export function httpStatus(code: ErrorCode): number {
  return STATUS[code];
}

/** Picks French when the caller prefers it to English; English otherwise. */
export function pickLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'en';
  let best: { lang: Lang; q: number } = { lang: 'en', q: -1 };
  for (const part of acceptLanguage.split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.find((p) => p.trim().startsWith('q='));
    const q = qParam ? Number(qParam.trim().slice(2)) : 1;
    if (!Number.isFinite(q)) continue;
    const lang: Lang | null = tag === 'fr' || tag.startsWith('fr-') ? 'fr' : tag === 'en' || tag.startsWith('en-') || tag === '*' ? 'en' : null;
    if (lang && q > best.q) best = { lang, q };
  }
  return best.lang;
}

export interface ErrorEnvelope {
  readonly error: { readonly code: ErrorCode; readonly message: string; readonly details?: ErrorDetails };
}

export function envelope(code: ErrorCode, lang: Lang, details?: ErrorDetails): ErrorEnvelope {
  return { error: details ? { code, message: errorMessage(code, lang), details } : { code, message: errorMessage(code, lang) } };
}

export function fromDomainError(e: DomainError, lang: Lang): { status: number; body: ErrorEnvelope } {
  const status = e instanceof HttpRefusal ? e.status : httpStatus(e.code);
  return { status, body: envelope(e.code, lang, e.details) };
}
