// X-Twilio-Signature, as twilio-node's webhooks.ts computes it: the full URL Twilio called, then
// every POST parameter as name+value (names in plain JS sort order, a repeated name's values
// deduplicated and sorted), HMAC-SHA1 with the account auth token, base64. Every parameter is
// signed, known or not: Twilio adds parameters without notice, so a whitelist would break.
import { createHash, createHmac } from 'node:crypto';
import { constantTimeEqual } from '../http/constant-time.js';

export type FormParams = ReadonlyArray<readonly [string, string]>;

export function twilioSignature(authToken: string, url: string, params: FormParams): string {
  const byName = new Map<string, string[]>();
  for (const [name, value] of params) {
    const values = byName.get(name);
    if (values === undefined) byName.set(name, [value]);
    else values.push(value);
  }
  let data = url;
  for (const name of [...byName.keys()].sort()) {
    for (const value of [...new Set(byName.get(name))].sort()) data += name + value;
  }
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

const DEFAULT_PORT: Readonly<Record<string, string>> = { 'https:': '443', 'http:': '80' };

/**
 * The URL as given, plus the same URL with its default port added or removed: Twilio is not
 * consistent about including :443/:80 in what it signs. The URL is edited as text so that its
 * path and query keep their exact bytes.
 */
export function urlPortVariants(url: string): string[] {
  const m = /^(https?:)\/\/([^/?#]*)(.*)$/i.exec(url);
  if (m === null) return [url];
  const [, scheme = '', authority = '', rest = ''] = m;
  const port = DEFAULT_PORT[scheme.toLowerCase()];
  if (port === undefined) return [url];
  const withPort = /:(\d+)$/.exec(authority);
  if (withPort === null) return [url, `${scheme}//${authority}:${port}${rest}`];
  if (withPort[1] === port) return [url, `${scheme}//${authority.slice(0, -(port.length + 1))}${rest}`];
  return [url];
}

/**
 * Checks a Messaging webhook. JSON-bodied Twilio webhooks sign the URL only and carry
 * bodySHA256=<hex sha256 of the body> in its query; that form is checked too.
 */
export function verifyTwilioSignature(authToken: string, signature: string, url: string, params: FormParams, rawBody: string): boolean {
  const bodyHash = bodySha256Of(url);
  const signedParams = bodyHash === null ? params : [];
  if (bodyHash !== null && !constantTimeEqual(bodyHash, createHash('sha256').update(rawBody, 'utf8').digest('hex'))) return false;
  let ok = false;
  // Every variant is computed and compared, so timing does not reveal which form matched.
  for (const candidate of urlPortVariants(url)) {
    if (constantTimeEqual(twilioSignature(authToken, candidate, signedParams), signature)) ok = true;
  }
  return ok;
}

function bodySha256Of(url: string): string | null {
  const q = url.indexOf('?');
  if (q < 0) return null;
  return new URLSearchParams(url.slice(q + 1).replace(/#.*$/, '')).get('bodySHA256');
}
