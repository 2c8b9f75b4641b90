// HTTP for provider APIs: keep-alive pools, a connect and a total timeout, and the one distinction
// fetch() hides: whether the request left this process. An error before the request was handed
// to the socket means the provider never saw it, so a resend is safe; after that it may have
// acted on it, so the caller must reconcile instead of resending.
import http from 'node:http';
import https from 'node:https';

export type HttpOutcome =
  | { readonly kind: 'response'; readonly status: number; readonly headers: http.IncomingHttpHeaders; readonly body: string }
  | { readonly kind: 'not_sent'; readonly reason: string }
  | { readonly kind: 'no_response'; readonly reason: string };

export interface HttpClientOptions {
  /** Sockets per origin: the concurrency ceiling towards one provider. */
  readonly maxSockets: number;
  readonly connectTimeoutMs: number;
  /** From the call to the last byte of the response. */
  readonly timeoutMs: number;
  /** Extra trusted CA certificates (PEM), for a gateway behind a private CA. */
  readonly ca?: string;
}

export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal?: AbortSignal;
}

// A provider's answer is a small JSON or form document; anything larger is not one.
const MAX_RESPONSE_BYTES = 1024 * 1024;
// Idle sockets are dropped before a typical 5 s server keep-alive ends, so a request is rarely
// written to a socket the server is closing (which would make an accepted request look uncertain).
const IDLE_SOCKET_MS = 4000;

export class HttpClient {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(private readonly options: HttpClientOptions) {
    const pool = { keepAlive: true, maxSockets: options.maxSockets, scheduling: 'lifo' as const, timeout: IDLE_SOCKET_MS };
    this.httpAgent = new http.Agent(pool);
    this.httpsAgent = new https.Agent({ ...pool, ...(options.ca === undefined ? {} : { ca: options.ca }) });
  }

  request(r: HttpRequest): Promise<HttpOutcome> {
    return new Promise((resolve) => {
      if (r.signal?.aborted) {
        resolve({ kind: 'not_sent', reason: 'aborted before sending' });
        return;
      }
      const secure = r.url.protocol === 'https:';
      let sent = false;
      let settled = false;
      const body = r.body === undefined ? undefined : Buffer.from(r.body, 'utf8');
      const req = (secure ? https : http).request(r.url, {
        method: r.method,
        agent: secure ? this.httpsAgent : this.httpAgent,
        headers: { ...r.headers, ...(body === undefined ? {} : { 'content-length': String(body.length) }) },
      });
      const finish = (outcome: HttpOutcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(connectTimer);
        clearTimeout(totalTimer);
        r.signal?.removeEventListener('abort', onAbort);
        resolve(outcome);
      };
      const fail = (reason: string): void => finish(sent ? { kind: 'no_response', reason } : { kind: 'not_sent', reason });
      const connectTimer = setTimeout(() => {
        if (!sent) req.destroy(new Error(`no connection within ${this.options.connectTimeoutMs} ms`));
      }, this.options.connectTimeoutMs);
      const totalTimer = setTimeout(() => req.destroy(new Error(`no response within ${this.options.timeoutMs} ms`)), this.options.timeoutMs);
      const onAbort = (): void => {
        req.destroy(new Error('aborted'));
      };
      r.signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (e: NodeJS.ErrnoException) => fail(e.code === undefined ? e.message : `${e.code}: ${e.message}`));
      req.on('response', (res) => {
        sent = true;
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) req.destroy(new Error('response too large'));
          else chunks.push(chunk);
        });
        res.on('error', (e) => fail(e.message));
        res.on('close', () => {
          if (!res.complete) fail('response cut short');
        });
        res.on('end', () => {
          finish({ kind: 'response', status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
        });
      });
      req.end(body, () => {
        sent = true;
      });
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
