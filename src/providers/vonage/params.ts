// Vonage sends webhooks as a GET query (the default), a POST form or a POST JSON body, chosen in its dashboard; the
// three come down to the same flat string parameters, which is also what the signature is computed over.
import type { WebhookRequest } from '../webhook.js';

export class BadRequest extends Error {}

export function webhookParams(req: WebhookRequest): Record<string, string> {
  const out: Record<string, string> = {};
  const query = new URL(req.url, 'http://webhook.invalid').searchParams;
  for (const [k, v] of query) out[k] = v;
  if (req.method.toUpperCase() !== 'POST' || req.rawBody.trim() === '') return out;
  const type = req.contentType.toLowerCase();
  if (type.includes('json')) {
    let body: unknown;
    try {
      body = JSON.parse(req.rawBody);
    } catch {
      throw new BadRequest('body is not JSON');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequest('body is not a JSON object');
    for (const [k, v] of Object.entries(body)) {
      if (v === null || v === undefined) continue;
      out[k] = typeof v === 'object' ? JSON.stringify(v) : String(v);
    }
    return out;
  }
  for (const [k, v] of new URLSearchParams(req.rawBody)) out[k] = v;
  return out;
}
