// Signed webhooks of the Vonage SMS API (reference §3; the SDK's verifySignature): every parameter but `sig`, keys
// in plain JS sort order, `&k=v` with `&` and `=` inside values replaced by `_`, nothing URL-encoded; then an MD5 of
// the string and the secret, or an HMAC keyed with the secret. Hex, compared without case and in constant time.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_METHODS = ['md5hash', 'md5hmac', 'sha1hmac', 'sha256hmac', 'sha512hmac'] as const;
export type SignatureMethod = (typeof SIGNATURE_METHODS)[number];

const HMAC_ALGORITHM: Readonly<Record<Exclude<SignatureMethod, 'md5hash'>, string>> = {
  md5hmac: 'md5',
  sha1hmac: 'sha1',
  sha256hmac: 'sha256',
  sha512hmac: 'sha512',
};

export function signingString(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((k) => k !== 'sig')
    .sort()
    .map((k) => `&${k}=${(params[k] ?? '').replace(/[&=]/g, '_')}`)
    .join('');
}

/** Lower-case hex, as the fake sends it; Vonage's case varies, which is why verification ignores it. */
export function sign(params: Readonly<Record<string, string>>, secret: string, method: SignatureMethod): string {
  const base = signingString(params);
  if (method === 'md5hash') return createHash('md5').update(base + secret).digest('hex');
  return createHmac(HMAC_ALGORITHM[method], secret).update(base).digest('hex');
}

export function verifySignature(params: Readonly<Record<string, string>>, secret: string, method: SignatureMethod): boolean {
  const given = params.sig;
  if (!given || !/^[0-9a-fA-F]+$/.test(given)) return false;
  const expected = Buffer.from(sign(params, secret, method), 'hex');
  const actual = Buffer.from(given, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
