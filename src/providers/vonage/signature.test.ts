import { describe, expect, it } from 'vitest';
import { SIGNATURE_METHODS, sign, signingString, verifySignature, type SignatureMethod } from './signature.js';

// Reference §3 test vector.
const SECRET = 'my_secret_key_for_testing';
const PARAMS = {
  'message-timestamp': '2013-11-21 15:27:30',
  messageId: '020000001B0FE827',
  msisdn: '14843472194',
  text: 'Test again',
  timestamp: '1385047698',
  to: '13239877404',
  type: 'text',
};
const EXPECTED: Record<SignatureMethod, string> = {
  md5hash: 'd2e7b1dc968737c5998ad624e02f90b7',
  md5hmac: 'DDEBD46008C2D4E93CCE578A332A52D5',
  sha1hmac: '27D0D05C2876C7CB1720DBCDBA4D492E1E55C09A',
  sha256hmac: 'DDB8397C2B90AAC7F3882D306475C9A5058C92322EEF43C92B298B6E0FC0D330',
  sha512hmac:
    'E0D3C650F8C9D1A5C174D10DDDBFB003E561F59B265616208B0487C5D819481CD3C311D59CF6165ECD1139622D5BA3A256C0D763AC4A9AD9144B5A426B94FE82',
};

describe('Vonage webhook signatures', () => {
  it('builds the string with plain JS key order and no encoding', () => {
    expect(signingString({ ...PARAMS, sig: 'ignored' })).toBe(
      '&message-timestamp=2013-11-21 15:27:30&messageId=020000001B0FE827&msisdn=14843472194&text=Test again&timestamp=1385047698&to=13239877404&type=text',
    );
  });

  it('replaces & and = inside values with _', () => {
    expect(signingString({ text: 'a=b&c' })).toBe('&text=a_b_c');
  });

  it.each(SIGNATURE_METHODS)('matches the reference vector for %s', (method) => {
    expect(sign(PARAMS, SECRET, method)).toBe(EXPECTED[method].toLowerCase());
  });

  it.each(SIGNATURE_METHODS)('verifies %s in either case', (method) => {
    expect(verifySignature({ ...PARAMS, sig: EXPECTED[method] }, SECRET, method)).toBe(true);
    expect(verifySignature({ ...PARAMS, sig: EXPECTED[method].toLowerCase() }, SECRET, method)).toBe(true);
  });

  it('refuses a changed parameter, another secret, another method, or no signature', () => {
    const sig = EXPECTED.sha256hmac;
    expect(verifySignature({ ...PARAMS, text: 'Test agaim', sig }, SECRET, 'sha256hmac')).toBe(false);
    expect(verifySignature({ ...PARAMS, sig }, 'other', 'sha256hmac')).toBe(false);
    expect(verifySignature({ ...PARAMS, sig }, SECRET, 'sha512hmac')).toBe(false);
    expect(verifySignature(PARAMS, SECRET, 'sha256hmac')).toBe(false);
    expect(verifySignature({ ...PARAMS, sig: 'not hex' }, SECRET, 'sha256hmac')).toBe(false);
  });

  it('verifies a parameter it has never heard of, as long as it was signed', () => {
    const params = { ...PARAMS, 'brand-new-field': 'x' };
    expect(verifySignature({ ...params, sig: sign(params, SECRET, 'md5hash') }, SECRET, 'md5hash')).toBe(true);
    expect(verifySignature({ ...params, sig: EXPECTED.md5hash }, SECRET, 'md5hash')).toBe(false);
  });
});
