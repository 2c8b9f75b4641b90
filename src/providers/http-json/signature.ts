// Callback signatures of the HTTPS JSON contract (reference §8):
//   X-Webhook-Timestamp: <unix seconds>
//   X-Webhook-Signature: v1=<lowercase hex HMAC-SHA256(secret, timestamp + "." + rawBody)>[,v1=<hex>...]
// The timestamp is inside the HMAC so it cannot be swapped for a fresh one; several v1 values
// are allowed so a provider can sign with the old and the new secret during a rotation.
import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '../http/constant-time.js';

export const TIMESTAMP_HEADER = 'x-webhook-timestamp';
export const SIGNATURE_HEADER = 'x-webhook-signature';
export const TOLERANCE_SECONDS = 300;

export function webhookSignature(secret: string, timestamp: string, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex');
}

/** The X-Webhook-Signature value for one or more secrets. */
export function signatureHeaderValue(secrets: readonly string[], timestamp: string, rawBody: string): string {
  return secrets.map((s) => `v1=${webhookSignature(s, timestamp, rawBody)}`).join(',');
}

export type SignatureCheck = { readonly ok: true } | { readonly ok: false; readonly reason: 'missing_signature' | 'bad_signature' | 'stale_timestamp' };

export interface SignatureInput {
  /** The current secret first, then the previous one during a rotation. */
  readonly secrets: readonly string[];
  readonly timestamp: string | undefined;
  readonly signature: string | undefined;
  readonly rawBody: string;
  readonly now: Date;
}

export function checkWebhookSignature(input: SignatureInput): SignatureCheck {
  const { timestamp, signature } = input;
  if (timestamp === undefined || signature === undefined || timestamp === '' || signature === '') return { ok: false, reason: 'missing_signature' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'bad_signature' };
  const offered = signature
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('v1='))
    .map((part) => part.slice(3).toLowerCase());
  let matched = false;
  // Every (offered, secret) pair is compared, so the time taken does not say which one matched.
  for (const secret of input.secrets) {
    const expected = webhookSignature(secret, timestamp, input.rawBody);
    for (const candidate of offered) if (constantTimeEqual(candidate, expected)) matched = true;
  }
  if (!matched) return { ok: false, reason: 'bad_signature' };
  const skew = Math.abs(Math.floor(input.now.getTime() / 1000) - Number(timestamp));
  if (skew > TOLERANCE_SECONDS) return { ok: false, reason: 'stale_timestamp' };
  return { ok: true };
}
