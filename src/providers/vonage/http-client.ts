// HTTP with keep-alive and one distinction fetch() cannot make: whether the request left this process. An error
// before the body was handed to the socket means Vonage never saw it (resending is safe); after that, it may have.
import http from 'node:http';
import https from 'node:https';

export type HttpOutcome =
  | { readonly kind: 'response'; readonly status: number; readonly headers: http.IncomingHttpHeaders; readonly body: string }
  | { readonly kind: 'not_sent'; readonly reason: string }
  | { readonly kind: 'no_response'; readonly reason: string };

export interface HttpClientOptions {
  readonly maxSockets: number;
  readonly connectTimeoutMs: number;
  readonly timeoutMs: number;
}

export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal?: AbortSignal;
}

export class HttpClient {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(private readonly options: HttpClientOptions) {
    this.httpAgent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets, scheduling: 'lifo' });
    this.httpsAgent = new https.Agent({ keepAlive: true, maxSockets: options.maxSockets, scheduling: 'lifo' });
  }

  request(r: HttpRequest): Promise<HttpOutcome> {
    return new Promise((resolve) => {
      if (r.signal?.aborted) return resolve({ kind: 'not_sent', reason: 'aborted before sending' });
      const secure = r.url.protocol === 'https:';
      const transport = secure ? https : http;
      let written = false;
      let settled = false;
      const finish = (o: HttpOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(connectTimer);
        clearTimeout(totalTimer);
        r.signal?.removeEventListener('abort', onAbort);
        resolve(o);
      };
      const fail = (reason: string) => finish(written ? { kind: 'no_response', reason } : { kind: 'not_sent', reason });
      const body = r.body === undefined ? undefined : Buffer.from(r.body, 'utf8');
      const req = transport.request(r.url, {
        method: r.method,
        agent: secure ? this.httpsAgent : this.httpAgent,
        headers: { ...r.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
      });
      const connectTimer = setTimeout(() => {
        if (!written) req.destroy(new Error(`no connection within ${this.options.connectTimeoutMs} ms`));
      }, this.options.connectTimeoutMs);
      const totalTimer = setTimeout(() => req.destroy(new Error(`no response within ${this.options.timeoutMs} ms`)), this.options.timeoutMs);
      const onAbort = () => req.destroy(new Error(written ? 'aborted while waiting for the response' : 'aborted before sending'));
      r.signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (e: NodeJS.ErrnoException) => fail(e.code ? `${e.code}: ${e.message}` : e.message));
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => fail(e.message));
        res.on('end', () =>
          finish({ kind: 'response', status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      });
      req.end(body, () => {
        written = true;
      });
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
