// A real server on a loopback port, driven with fetch like any client.
import type { AddressInfo } from 'node:net';
import { createHttpApp, type HttpApp, type HttpAppOptions } from '../../src/main/http-app.js';
import { testDeps } from '../fixtures/world.js';
import type { TestDatabase } from './harness.js';
import type { WebhookGateway } from '../../src/http/routes/webhooks.js';

export interface TestResponse {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export interface ReceivedEvent {
  type: string;
  eventId: number;
  data: Record<string, unknown>;
}

export interface EventStream {
  received: ReceivedEvent[];
  waitFor(type: string, match?: (data: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<ReceivedEvent>;
  close(): void;
}

export interface TestServer {
  url: string;
  http: HttpApp;
  request(method: string, path: string, opts?: { headers?: Record<string, string>; body?: unknown; rawBody?: string }): Promise<TestResponse>;
  openEvents(headers: Record<string, string>): Promise<EventStream>;
  close(): Promise<void>;
}

const noWebhooks: WebhookGateway = { handle: async () => null, apply: async () => undefined };

/** What a server instance needs of its database: one per instance, as in production. */
export type InstanceDatabase = Pick<TestDatabase, 'db' | 'wakeSource' | 'outbox'>;

/** Settings of the app under test beyond the harness's own (rate limits, proxy trust, logger, extra routes). */
export type TestAppOptions = Partial<Omit<HttpAppOptions, 'deps' | 'wakeSource' | 'webhooks' | 'migrationsCurrent'>>;

export async function startTestServer(tdb: InstanceDatabase, opts: { webhooks?: WebhookGateway; eventPollMs?: number; maxReplay?: number; app?: TestAppOptions } = {}): Promise<TestServer> {
  const deps = { ...testDeps(tdb.db), wake: () => (tdb.wakeSource.wake(), tdb.outbox.wake()) };
  const http = await createHttpApp({
    deps,
    wakeSource: tdb.wakeSource,
    webhooks: opts.webhooks ?? noWebhooks,
    migrationsCurrent: async () => true,
    eventPollMs: opts.eventPollMs ?? 1000,
    ...(opts.maxReplay !== undefined ? { maxReplay: opts.maxReplay } : {}),
    ...opts.app,
  });
  await http.app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(http.app.server.address() as AddressInfo).port}`;
  const streams = new Set<AbortController>();
  return {
    url,
    http,
    async request(method, path, o = {}) {
      const headers: Record<string, string> = { ...(o.headers ?? {}) };
      let body: string | undefined = o.rawBody;
      if (o.body !== undefined) {
        body = JSON.stringify(o.body);
        headers['content-type'] ??= 'application/json';
      }
      const r = await fetch(url + path, { method, headers, ...(body !== undefined && method !== 'GET' && method !== 'HEAD' ? { body } : {}) });
      const text = await r.text();
      let json: unknown = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = null;
      }
      return { status: r.status, headers: r.headers, text, json };
    },
    async openEvents(headers) {
      const ac = new AbortController();
      streams.add(ac);
      const r = await fetch(url + '/api/events', { headers, signal: ac.signal });
      if (r.status !== 200 || !r.body) throw new Error(`event stream refused: ${r.status}`);
      const received: ReceivedEvent[] = [];
      const waiters = new Set<() => void>();
      void (async () => {
        const decoder = new TextDecoder();
        let buf = '';
        try {
          for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) {
            buf += decoder.decode(chunk, { stream: true });
            let i: number;
            while ((i = buf.indexOf('\n\n')) >= 0) {
              const block = buf.slice(0, i);
              buf = buf.slice(i + 2);
              let type = 'message';
              let id = 0;
              let data = '';
              for (const line of block.split('\n')) {
                if (line.startsWith('event: ')) type = line.slice(7);
                else if (line.startsWith('id: ')) id = Number(line.slice(4));
                else if (line.startsWith('data: ')) data += line.slice(6);
              }
              if (!data) continue;
              received.push({ type, eventId: id, data: JSON.parse(data) as Record<string, unknown> });
              for (const w of waiters) w();
            }
          }
        } catch {
          // aborted
        }
      })();
      return {
        received,
        waitFor(type, match = () => true, timeoutMs = 10_000) {
          return new Promise<ReceivedEvent>((resolve, reject) => {
            const check = () => {
              const hit = received.find((e) => e.type === type && match(e.data));
              if (hit) {
                waiters.delete(check);
                clearTimeout(timer);
                resolve(hit);
              }
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              reject(new Error(`no ${type} event within ${timeoutMs} ms; got ${received.map((e) => e.type).join(', ')}`));
            }, timeoutMs);
            waiters.add(check);
            check();
          });
        },
        close() {
          ac.abort();
          streams.delete(ac);
        },
      };
    },
    async close() {
      for (const s of streams) s.abort();
      await http.close();
    },
  };
}
