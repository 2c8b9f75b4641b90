// One smsdesk server for bench/streams.bench.ts: serve() configured from the environment, as
// `smsdesk serve` is, in a process of its own, forked with an IPC channel so the bench can ask
// it for its memory after a full collection (--expose-gc) and for its CPU time.
import { loadConfig } from '../../src/config/load-config.js';
import { loadServerConfig } from '../../src/config/server-config.js';
import { serve } from '../../src/main/serve.js';

type Ask = { readonly ask: 'mem' | 'cpu' | 'stop'; readonly seq: number };

const running = await serve({ app: loadConfig(process.env), server: loadServerConfig(process.env), webRoot: '/nonexistent', log: process.stderr });
const reply = (m: object) => process.send?.(m);
reply({ ready: true, url: running.url });

process.on('message', (m: Ask) => {
  if (m.ask === 'mem') {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    // Let finalizers and freed sockets settle before the second look.
    setTimeout(() => {
      gc?.();
      const u = process.memoryUsage();
      reply({ seq: m.seq, rss: u.rss, heapUsed: u.heapUsed, external: u.external, arrayBuffers: u.arrayBuffers, connections: running.http.hub.connections });
    }, 200);
  } else if (m.ask === 'cpu') {
    const c = process.cpuUsage();
    reply({ seq: m.seq, user: c.user, system: c.system, delivered: running.http.hub.delivered });
  } else if (m.ask === 'stop') {
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  }
});
