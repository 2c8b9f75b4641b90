// The address a request was sent to, as the sender wrote it. Providers sign the exact URL they
// were given (the one the admin page shows), so it is rebuilt by concatenation: the public
// address as configured, the path after the prefix and the query string's raw bytes, never
// parsed and serialised again (a URL parser re-encodes `'`, spaces and more).

/** Where the server is mounted below its public origin: '' or '/smsdesk' (no trailing slash). */
export function pathPrefix(publicBaseUrl: string | undefined): string {
  if (!publicBaseUrl) return '';
  return new URL(publicBaseUrl).pathname.replace(/\/+$/, '');
}

/**
 * The request URL without the prefix, for a proxy that keeps it (`/smsdesk/api/x` -> `/api/x`).
 * The prefix alone (`/smsdesk`, `/smsdesk?q`) is left as it is: it is redirected to `/smsdesk/`.
 * A URL without the prefix is served as it is, for a proxy that strips it.
 */
export function stripPathPrefix(url: string, prefix: string): string {
  return prefix !== '' && url.startsWith(prefix + '/') ? url.slice(prefix.length) : url;
}

/** What is read of a request: Fastify's, which honours X-Forwarded-Proto/-Host only with trustProxy. */
export interface AddressedRequest {
  /** The raw request target after the prefix, query included. */
  readonly url: string;
  readonly protocol: string;
  readonly host: string;
}

/** The origin the caller reached: the proxy's when trusted (X-Forwarded-Proto and -Host), else this server's Host. */
export function requestOrigin(req: Pick<AddressedRequest, 'protocol' | 'host'>): string {
  return `${req.protocol}://${req.host}`;
}

/** The full URL as the provider called it, byte for byte. */
export function externalUrl(req: AddressedRequest, publicBaseUrl: string | undefined): string {
  const base = publicBaseUrl ? publicBaseUrl.replace(/\/+$/, '') : requestOrigin(req);
  return base + req.url;
}
