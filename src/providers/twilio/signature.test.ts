import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { twilioSignature, urlPortVariants, verifyTwilioSignature, type FormParams } from './signature.js';

// Published vectors (twilio-node webhooks tests, reference §2).
const TOKEN = '12345';
const URL_ = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const params = (n: string): FormParams => [
  ['CallSid', 'CA1234567890ABCDE'],
  ['Caller', n],
  ['Digits', '1234'],
  ['From', n],
  ['To', '+18005551212'],
];

describe('X-Twilio-Signature', () => {
  it.each([
    ['+14158675310', 'GvWf1cFY/Q7PnoempGyD5oXAezc='],
    ['+14158675309', 'RSOYDt4T1cUTdK1PDd93/VVr8B8='],
  ])('matches the published vector for n=%s', (n, expected) => {
    expect(twilioSignature(TOKEN, URL_, params(n))).toBe(expected);
    expect(verifyTwilioSignature(TOKEN, expected, URL_, params(n), '')).toBe(true);
  });

  it('does not depend on the order the parameters arrived in', () => {
    const reversed = [...params('+14158675310')].reverse();
    expect(twilioSignature(TOKEN, URL_, reversed)).toBe('GvWf1cFY/Q7PnoempGyD5oXAezc=');
  });

  it('refuses a changed parameter, a changed URL, another token and a signature of the other vector', () => {
    const good = 'GvWf1cFY/Q7PnoempGyD5oXAezc=';
    const changed: FormParams = params('+14158675310').map(([k, v]) => [k, k === 'Digits' ? '1235' : v]);
    expect(verifyTwilioSignature(TOKEN, good, URL_, changed, '')).toBe(false);
    expect(verifyTwilioSignature(TOKEN, good, 'https://mycompany.com/myapp.php?foo=1&bar=3', params('+14158675310'), '')).toBe(false);
    expect(verifyTwilioSignature('12346', good, URL_, params('+14158675310'), '')).toBe(false);
    expect(verifyTwilioSignature(TOKEN, 'RSOYDt4T1cUTdK1PDd93/VVr8B8=', URL_, params('+14158675310'), '')).toBe(false);
    expect(verifyTwilioSignature(TOKEN, '', URL_, params('+14158675310'), '')).toBe(false);
  });

  it('a parameter nobody knows is signed like the others: with it the signature verifies, without it it does not', () => {
    const extended: FormParams = [...params('+14158675310'), ['NewTwilioField', 'x&y=z']];
    const sig = twilioSignature(TOKEN, URL_, extended);
    expect(verifyTwilioSignature(TOKEN, sig, URL_, extended, '')).toBe(true);
    expect(verifyTwilioSignature(TOKEN, sig, URL_, params('+14158675310'), '')).toBe(false);
  });

  it('verifies whether Twilio signed the URL with or without the default port', () => {
    const p = params('+14158675310');
    const withPort = twilioSignature(TOKEN, 'https://mycompany.com:443/myapp.php?foo=1&bar=2', p);
    expect(verifyTwilioSignature(TOKEN, withPort, URL_, p, '')).toBe(true);
    expect(verifyTwilioSignature(TOKEN, 'GvWf1cFY/Q7PnoempGyD5oXAezc=', 'https://mycompany.com:443/myapp.php?foo=1&bar=2', p, '')).toBe(true);
    // A non-default port is part of the URL: never dropped.
    expect(verifyTwilioSignature(TOKEN, 'GvWf1cFY/Q7PnoempGyD5oXAezc=', 'https://mycompany.com:8443/myapp.php?foo=1&bar=2', p, '')).toBe(false);
  });

  it.each([
    ['https://a.example/x?y=1', ['https://a.example/x?y=1', 'https://a.example:443/x?y=1']],
    ['https://a.example:443/x', ['https://a.example:443/x', 'https://a.example/x']],
    ['http://a.example/x', ['http://a.example/x', 'http://a.example:80/x']],
    ['http://a.example:80', ['http://a.example:80', 'http://a.example']],
    ['https://a.example:8443/x', ['https://a.example:8443/x']],
    ['http://[::1]:80/x', ['http://[::1]:80/x', 'http://[::1]/x']],
  ])('port variants of %s', (url, expected) => {
    expect(urlPortVariants(url)).toEqual(expected);
  });

  it('repeated parameters: values deduplicated and sorted, one name+value each', () => {
    const sig = twilioSignature(TOKEN, URL_, [['MediaUrl', 'b'], ['MediaUrl', 'a'], ['MediaUrl', 'b']]);
    const expected = createHmacBase64(TOKEN, `${URL_}MediaUrlaMediaUrlb`);
    expect(sig).toBe(expected);
  });

  it('names sort by UTF-16 code units, case-sensitive (plain JS sort)', () => {
    const sig = twilioSignature(TOKEN, URL_, [['b', '1'], ['B', '2'], ['a', '3']]);
    expect(sig).toBe(createHmacBase64(TOKEN, `${URL_}B2a3b1`));
  });

  it('JSON-bodied webhooks: the URL alone is signed and bodySHA256 must match the body', () => {
    const body = '{"a":1}';
    const hash = createHash('sha256').update(body).digest('hex');
    const url = `https://mycompany.com/hook?bodySHA256=${hash}`;
    const sig = twilioSignature(TOKEN, url, []);
    expect(verifyTwilioSignature(TOKEN, sig, url, [], body)).toBe(true);
    expect(verifyTwilioSignature(TOKEN, sig, url, [], '{"a": 1}')).toBe(false);
  });

  it('property: any single-character change of any value breaks the signature', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 20 })), { minLength: 1, maxLength: 8 }),
        fc.nat(),
        fc.string({ minLength: 1, maxLength: 1 }),
        (pairs, which, extra) => {
          const sig = twilioSignature(TOKEN, URL_, pairs);
          expect(verifyTwilioSignature(TOKEN, sig, URL_, pairs, '')).toBe(true);
          const i = which % pairs.length;
          const mutated = pairs.map(([k, v], j) => [k, j === i ? v + extra : v] as const);
          expect(verifyTwilioSignature(TOKEN, sig, URL_, mutated, '')).toBe(false);
        },
      ),
    );
  });
});

function createHmacBase64(key: string, data: string): string {
  return createHmac('sha1', key).update(data, 'utf8').digest('base64');
}
