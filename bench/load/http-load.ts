// A load generator in its own process, so it does not share the server's event loop.
// Prints one JSON line with its measurements. Used by bench/api.bench.ts.
//   send <port> <cookie> <csrf> <seconds> <connections> <bodyJson>
//   inbound <port> <viewerCookie> <accountId> <webhookToken> <secret> <ratePerSecond> <seconds> <to>
import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';

function pct(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

function post(agent: http.Agent, port: number, path: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function send(port: number, cookie: string, csrf: string, seconds: number, connections: number, body: string): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf };
  const run = async (s: number, record: boolean) => {
    const lat: number[] = [];
    let errors = 0;
    const end = performance.now() + s * 1000;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < end) {
          const t = performance.now();
          const status = await post(agent, port, '/api/direct/messages', headers, body).catch(() => 0);
          if (status === 201) lat.push(performance.now() - t);
          else errors++;
        }
      }),
    );
    if (!record) return null;
    lat.sort((a, b) => a - b);
    return { rate: lat.length / s, p50: pct(lat, 50), p99: pct(lat, 99), errors };
  };
  await run(1, false);
  console.log(JSON.stringify(await run(seconds, true)));
  agent.destroy();
}

async function inbound(port: number, cookie: string, accountId: string, token: string, secret: string, rate: number, seconds: number, to: string): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const sentAt = new Map<string, number>();
  /** Signed inbound webhooks at a fixed rate from 200 customers; resolves with the failure count. */
  async function burst(perSecond: number, s: number, prefix: string, onSend: (id: string, t0: number) => void, onAnswer: (ms: number) => void = () => undefined): Promise<number> {
    const count = perSecond * s;
    const begin = performance.now();
    const inflight: Promise<unknown>[] = [];
    let failed = 0;
    for (let n = 0; n < count; n++) {
      const wait = begin + (n * 1000) / perSecond - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const id = `in-${prefix.slice(1)}-${n}-${randomBytes(3).toString('hex')}`;
      const from = `${prefix}${String(10_000_000 + (n % 200)).slice(-8)}`;
      const b = JSON.stringify({ id, from, to, text: `bench ${id}`, receivedAt: null });
      const ts = String(Math.floor(Date.now() / 1000));
      const sig = createHmac('sha256', secret).update(`${ts}.${b}`).digest('hex');
      const t0 = performance.now();
      onSend(id, t0);
      const headers = { 'content-type': 'application/json', 'x-webhook-timestamp': ts, 'x-webhook-signature': `v1=${sig}` };
      inflight.push(
        post(agent, port, `/webhooks/http-json/${accountId}/${token}/inbound`, headers, b).then(
          (st) => (st >= 300 ? void failed++ : onAnswer(performance.now() - t0)),
          () => void failed++,
        ),
      );
    }
    await Promise.all(inflight);
    return failed;
  }
  const latencies: number[] = [];
  const ac = new AbortController();
  const es = await fetch(`http://127.0.0.1:${port}/api/events`, { headers: { cookie }, signal: ac.signal });
  let ready!: () => void;
  const isReady = new Promise<void>((r) => (ready = r));
  void (async () => {
    const dec = new TextDecoder();
    let buf = '';
    try {
      for await (const chunk of es.body as unknown as AsyncIterable<Uint8Array>) {
        buf += dec.decode(chunk, { stream: true });
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          if (block.includes('event: ready')) ready();
          const m = /"body":"bench (in-[0-9a-f-]+)"/.exec(block);
          const t0 = m ? sentAt.get(m[1]!) : undefined;
          if (t0 !== undefined) latencies.push(performance.now() - t0);
        }
      }
    } catch {
      // aborted
    }
  })();
  await isReady;
  // One unmeasured second first, from other customers, as the send scenario warms up: the target
  // is the steady state at this rate, not the server's first second (cold pool, cold code).
  await burst(rate, 1, '+337', () => undefined);
  const total = rate * seconds;
  const answered: number[] = [];
  const start = performance.now();
  const failures = await burst(rate, seconds, '+336', (id, t0) => sentAt.set(id, t0), (ms) => answered.push(ms));
  const achieved = total / ((performance.now() - start) / 1000);
  const until = performance.now() + 10_000;
  while (latencies.length < total - failures && performance.now() < until) await new Promise((r) => setTimeout(r, 50));
  ac.abort();
  latencies.sort((a, b) => a - b);
  answered.sort((a, b) => a - b);
  // The webhook's own answer time beside the time to the stream: tells the request path from the fan-out.
  console.log(JSON.stringify({ total, received: latencies.length, achieved, p50: pct(latencies, 50), p99: pct(latencies, 99), answerP50: pct(answered, 50), answerP99: pct(answered, 99), failures }));
  agent.destroy();
}

const [mode, ...a] = process.argv.slice(2);
if (mode === 'send') await send(Number(a[0]), a[1]!, a[2]!, Number(a[3]), Number(a[4]), a[5]!);
else if (mode === 'inbound') await inbound(Number(a[0]), a[1]!, a[2]!, a[3]!, a[4]!, Number(a[5]), Number(a[6]), a[7]!);
else throw new Error('usage: http-load.ts send|inbound ...');
