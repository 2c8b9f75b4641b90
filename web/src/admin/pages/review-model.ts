// The review page's words: how long a message has waited, and what a decision's answer means.
import type { Refusal } from '../../errors/error-text';
import type { Lang } from '../../i18n/lang';
import { translate } from '../../i18n/translate';
import { adminRefusalText } from '../admin-refusal';
import type { ReviewAction } from '../admin-types';

/** "45 s", "12 min", "3 h 05", "2 d 4 h": waits are read at a glance, not to the second. */
export function formatWait(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}`;
  return `${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h`;
}

/** A refused decision: a resend the provider could not vouch for says why, and what to do instead. */
export function reviewRefusalText(r: Refusal, lang: Lang): string {
  if (r.code === 'RESEND_NOT_SAFE') {
    const reason = r.details?.reason;
    if (reason === 'PROVIDER_HAS_IT') return translate(lang, 'admin.review.providerHasIt', { id: String(r.details?.providerMessageId ?? '') });
    if (reason === 'PROVIDER_CANNOT_TELL') return translate(lang, 'admin.review.providerCannotTell');
    if (reason === 'ALREADY_REPORTED') return translate(lang, 'admin.review.alreadyReported', { status: String(r.details?.status ?? '') });
    return translate(lang, 'admin.review.reconcileFailed');
  }
  if (r.code === 'REVIEW_ALREADY_DECIDED') return translate(lang, 'admin.review.alreadyDecided');
  return adminRefusalText(r, lang);
}

/** What an applied decision did, for the page's status line. */
export function decidedText(action: ReviewAction, count: number, refunded: number, lang: Lang): string {
  if (action === 'confirm-sent') return translate(lang, 'admin.review.doneConfirmed', { count });
  if (action === 'resend') return translate(lang, 'admin.review.doneResent', { count });
  return translate(lang, 'admin.review.doneAbandoned', { count, credits: refunded });
}
