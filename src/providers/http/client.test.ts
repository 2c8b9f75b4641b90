import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from './client.js';

let server: http.Server | undefined;
let client: HttpClient | undefined;
afterEach(async () => {
  client?.close();
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

async function serve(handler: http.RequestListener): Promise<URL> {
  server = http.createServer(handler);
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/x`);
}

const make = (timeoutMs = 300) => (client = new HttpClient({ maxSockets: 4, connectTimeoutMs: 200, timeoutMs }));

describe('HttpClient', () => {
  it('reuses one keep-alive connection for sequential requests', async () => {
    const ports = new Set<number>();
    const url = await serve((req, res) => {
      ports.add(req.socket.remotePort ?? 0);
      req.resume().on('end', () => res.end('ok'));
    });
    const c = make();
    for (let i = 0; i < 5; i++) expect(await c.request({ method: 'POST', url, headers: {}, body: 'x' })).toMatchObject({ kind: 'response', status: 200, body: 'ok' });
    expect(ports.size).toBe(1);
  });

  it('a refused connection is not_sent (the request never left)', async () => {
    expect(await make().request({ method: 'GET', url: new URL('http://127.0.0.1:1/'), headers: {} })).toMatchObject({ kind: 'not_sent' });
  });

  it('an abort before sending is not_sent', async () => {
    const ac = new AbortController();
    ac.abort();
    expect(await make().request({ method: 'GET', url: new URL('http://127.0.0.1:1/'), headers: {}, signal: ac.signal })).toMatchObject({ kind: 'not_sent' });
  });

  it('no answer in time, a reset after reading, an abort while waiting and an oversized answer are no_response', async () => {
    const url = await serve((req, res) => {
      req.resume().on('end', () => {
        if (req.url === '/reset') req.socket.destroy();
        else if (req.url === '/big') res.end('x'.repeat(2 * 1024 * 1024));
        // otherwise: never answer
      });
    });
    const c = make();
    expect(await c.request({ method: 'POST', url, headers: {}, body: 'x' })).toMatchObject({ kind: 'no_response', reason: expect.stringContaining('no response within 300 ms') });
    expect(await c.request({ method: 'POST', url: new URL('/reset', url), headers: {}, body: 'x' })).toMatchObject({ kind: 'no_response' });
    expect(await c.request({ method: 'GET', url: new URL('/big', url), headers: {} })).toMatchObject({ kind: 'no_response', reason: 'response too large' });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    expect(await make(5000).request({ method: 'POST', url, headers: {}, body: 'x', signal: ac.signal })).toMatchObject({ kind: 'no_response', reason: 'aborted' });
  });
});
