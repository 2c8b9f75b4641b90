// One fetch wrapper for the agent API: JSON in and out, the agent's language on every call (the server words its
// refusals in it), the session's CSRF token on writes, and refusals turned into ApiError.
import { ApiError, NETWORK_ERROR, errorFromBody } from './api-error';
import { pageRelative } from './page-relative';

export interface ApiClientOptions {
  readonly lang: () => string;
  readonly csrfToken: () => string | null;
  /** The session ended (expired, signed out elsewhere): the app goes back to the sign-in form. */
  readonly onUnauthenticated: () => void;
}

export interface RequestOptions {
  readonly signal?: AbortSignal;
  /** Sends are idempotent on the server: a retried click never sends twice. */
  readonly idempotencyKey?: string;
}

export interface ApiClient {
  get<T>(path: string, opts?: RequestOptions): Promise<T>;
  post<T>(path: string, body?: unknown, opts?: RequestOptions): Promise<T>;
  put<T>(path: string, body?: unknown, opts?: RequestOptions): Promise<T>;
  patch<T>(path: string, body?: unknown, opts?: RequestOptions): Promise<T>;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';

export function createApiClient(o: ApiClientOptions): ApiClient {
  async function call<T>(method: Method, path: string, body: unknown, opts: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', 'accept-language': o.lang() };
    if (method !== 'GET') {
      headers['content-type'] = 'application/json';
      const csrf = o.csrfToken();
      if (csrf) headers['x-csrf-token'] = csrf;
      if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
    }
    let res: Response;
    try {
      res = await fetch(pageRelative(path), {
        method,
        headers,
        credentials: 'same-origin',
        ...(method !== 'GET' ? { body: JSON.stringify(body ?? {}) } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      throw new ApiError(0, NETWORK_ERROR, e instanceof Error ? e.message : String(e), null);
    }
    const text = await res.text();
    let json: unknown = null;
    if (text !== '') {
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
    }
    if (!res.ok) {
      const err = errorFromBody(res.status, json);
      if (res.status === 401 && !path.startsWith('/api/auth/')) o.onUnauthenticated();
      throw err;
    }
    return json as T;
  }
  return {
    get: (path, opts) => call('GET', path, undefined, opts),
    post: (path, body, opts) => call('POST', path, body, opts),
    put: (path, body, opts) => call('PUT', path, body, opts),
    patch: (path, body, opts) => call('PATCH', path, body, opts),
  };
}

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
