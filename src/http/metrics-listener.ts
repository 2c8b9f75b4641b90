// /metrics on an address of its own (METRICS_HOST:METRICS_PORT), typically a private interface
// the Prometheus server reaches and the public does not; the main port then has no /metrics.
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import type { HttpMetrics } from './metrics.js';
import { registerMetrics } from './routes/ops.js';

export interface MetricsListener {
  readonly url: string;
  close(): Promise<void>;
}

export async function startMetricsListener(metrics: HttpMetrics, at: { readonly host: string; readonly port: number }, token: string | null): Promise<MetricsListener> {
  const app = Fastify({ logger: false });
  registerMetrics(app, metrics, token);
  await app.listen({ host: at.host, port: at.port });
  const { port } = app.server.address() as AddressInfo;
  const host = at.host.includes(':') ? `[${at.host}]` : at.host;
  return { url: `http://${host}:${port}`, close: () => app.close() };
}
