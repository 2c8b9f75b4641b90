import { describe, expect, it } from 'vitest';
import { whatKey } from './audit-model';
import { decidedText, formatWait, reviewRefusalText } from './review-model';

describe('the review page', () => {
  it('reads waits at a glance', () => {
    expect(formatWait(0)).toBe('0 s');
    expect(formatWait(59.9)).toBe('59 s');
    expect(formatWait(61)).toBe('1 min');
    expect(formatWait(3 * 3600 + 5 * 60)).toBe('3 h 05');
    expect(formatWait(2 * 86_400 + 4 * 3600)).toBe('2 d 4 h');
  });

  it('says why a resend was refused and what to do instead', () => {
    expect(reviewRefusalText({ code: 'RESEND_NOT_SAFE', details: { reason: 'PROVIDER_HAS_IT', providerMessageId: 'SM1' } }, 'en')).toContain('SM1');
    expect(reviewRefusalText({ code: 'RESEND_NOT_SAFE', details: { reason: 'PROVIDER_CANNOT_TELL' } }, 'en')).toMatch(/cannot tell/);
    expect(reviewRefusalText({ code: 'RESEND_NOT_SAFE', details: { reason: 'RECONCILIATION_FAILED' } }, 'fr')).toMatch(/fournisseur/);
    expect(reviewRefusalText({ code: 'REVIEW_ALREADY_DECIDED' }, 'en')).toMatch(/already/i);
  });

  it('says what a decision did', () => {
    expect(decidedText('abandon', 2, 3, 'en')).toBe('2 abandoned, 3 credits refunded.');
    expect(decidedText('confirm-sent', 1, 0, 'fr')).toMatch(/envoyé/);
  });

  it('names review decisions and token changes in the audit trail', () => {
    for (const what of ['review.confirmed_sent', 'review.abandoned', 'review.resent', 'api_token.created', 'api_token.revoked']) expect(whatKey(what), what).not.toBeNull();
  });
});
