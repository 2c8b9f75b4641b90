// The live streams' side of bench/streams.bench.ts, in a process of its own so it does not
// share the server's event loop: holds N real HTTP connections to GET /api/events, records
// when each bench event arrives and on which stream, and checks every delivery against what
// each stream may see. Driven by its parent over IPC.
import http from 'node:http';

export interface StreamSpec {
  readonly port: number;
  readonly sid: string;
  readonly account: number;
  readonly agent: number;
  readonly queues: readonly number[];
}

/** What the bench wrote: account-wide (agent and queue -1), queue (queue set) or agent (agent set). */
export interface BenchEvent {
  readonly n: number;
  readonly account: number;
  readonly agent: number;
  readonly queue: number;
}

export type ClientAsk =
  | { readonly ask: 'open'; readonly seq: number; readonly streams: readonly StreamSpec[]; readonly concurrency: number }
  | { readonly ask: 'reset'; readonly seq: number; readonly run: string }
  | { readonly ask: 'check'; readonly seq: number; readonly events: readonly BenchEvent[] }
  | { readonly ask: 'count'; readonly seq: number }
  | { readonly ask: 'close'; readonly seq: number };

interface Stream {
  readonly spec: StreamSpec;
  req: http.ClientRequest | null;
  got: number[];
  ended: boolean;
}

const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
const streams: Stream[] = [];
let run = '';
let latencies: number[] = [];
let ended = 0;
const now = () => performance.timeOrigin + performance.now();

function open(s: Stream): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port: s.spec.port, path: '/api/events', agent, headers: { cookie: `smsdesk_session=${s.spec.sid}`, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        resolve(false);
        return;
      }
      res.setEncoding('utf8');
      let buf = '';
      let ready = false;
      res.on('data', (chunk: string) => {
        buf += chunk;
        let cut: number;
        while ((cut = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, cut);
          buf = buf.slice(cut + 2);
          if (!ready && frame.includes('event: ready')) {
            ready = true;
            resolve(true);
            continue;
          }
          const at = frame.indexOf('\ndata: ');
          if (at < 0 || !frame.includes('"bench"')) continue;
          const d = JSON.parse(frame.slice(at + 7)) as { bench?: string; n?: number; t?: number };
          if (d.bench !== run || d.n === undefined || d.t === undefined) continue;
          latencies.push(now() - d.t);
          s.got.push(d.n);
        }
      });
      res.on('end', () => {
        s.ended = true;
        ended++;
        if (!ready) resolve(false);
      });
      res.on('error', () => undefined);
    });
    req.on('error', () => {
      s.ended = true;
      resolve(false);
    });
    s.req = req;
  });
}

function check(events: readonly BenchEvent[]) {
  // Who may see what, written again here from the product's rules (visibility.ts): the agent
  // an event names; a queue's members; everyone in the account (no admin-only types are used).
  const byAccount = new Map<number, Stream[]>();
  for (const s of streams) {
    if (s.ended) continue;
    const list = byAccount.get(s.spec.account) ?? [];
    list.push(s);
    byAccount.set(s.spec.account, list);
  }
  const expected = new Map<Stream, Set<number>>();
  for (const e of events) {
    for (const s of byAccount.get(e.account) ?? []) {
      const sees = e.agent >= 0 ? s.spec.agent === e.agent : e.queue >= 0 ? s.spec.queues.includes(e.queue) : true;
      if (!sees) continue;
      let set = expected.get(s);
      if (!set) expected.set(s, (set = new Set()));
      set.add(e.n);
    }
  }
  let expectedCount = 0;
  let delivered = 0;
  let missing = 0;
  let extra = 0;
  let duplicates = 0;
  for (const s of streams) {
    const want = expected.get(s) ?? new Set<number>();
    expectedCount += want.size;
    const seen = new Set<number>();
    for (const n of s.got) {
      delivered++;
      if (seen.has(n)) duplicates++;
      else if (!want.has(n)) extra++;
      seen.add(n);
    }
    for (const n of want) if (!seen.has(n)) missing++;
  }
  // Rounded to 0.1 ms: the parent merges several generators' latencies before taking percentiles.
  const cpu = process.cpuUsage();
  return { expected: expectedCount, delivered, missing, extra, duplicates, ended, cpuMs: (cpu.user + cpu.system) / 1000, latencies: latencies.map((l) => Math.round(l * 10) / 10) };
}

process.on('message', (m: ClientAsk) => {
  const reply = (r: object) => process.send?.({ seq: m.seq, ...r });
  if (m.ask === 'open') {
    const fresh = m.streams.map((spec): Stream => ({ spec, req: null, got: [], ended: false }));
    streams.push(...fresh);
    let next = 0;
    let ok = 0;
    const t0 = performance.now();
    const worker = async () => {
      while (next < fresh.length) if (await open(fresh[next++]!)) ok++;
    };
    void Promise.all(Array.from({ length: m.concurrency }, worker)).then(() => reply({ opened: ok, failed: fresh.length - ok, ms: performance.now() - t0 }));
  } else if (m.ask === 'reset') {
    run = m.run;
    latencies = [];
    for (const s of streams) s.got = [];
    reply({});
  } else if (m.ask === 'check') {
    reply(check(m.events));
  } else if (m.ask === 'count') {
    reply({ delivered: latencies.length });
  } else if (m.ask === 'close') {
    for (const s of streams) s.req?.destroy();
    reply({});
    setTimeout(() => process.exit(0), 100);
  }
});
process.send?.({ ready: true });
