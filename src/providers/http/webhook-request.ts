// Turns a node:http request into the WebhookRequest adapters verify. The body is kept as
// received: signatures are computed over these bytes, never over a parsed and re-serialised form.
import type { IncomingMessage } from 'node:http';
import type { WebhookRequest } from '../webhook.js';

export class WebhookBodyTooLargeError extends Error {
  override readonly name = 'WebhookBodyTooLargeError';
}

/**
 * @param publicOrigin scheme://host[:port] the provider called (the public address, not the
 *   one behind a proxy): a URL signature covers it.
 */
export async function readWebhookRequest(req: IncomingMessage, publicOrigin: string, maxBytes = 64 * 1024): Promise<WebhookRequest> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new WebhookBodyTooLargeError(`webhook body over ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return {
    method: req.method ?? 'GET',
    url: `${publicOrigin.replace(/\/$/, '')}${req.url ?? '/'}`,
    headers: req.headers,
    rawBody: Buffer.concat(chunks).toString('utf8'),
    contentType: req.headers['content-type'] ?? '',
  };
}
