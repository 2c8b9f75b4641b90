// Messages per second from one process through the Twilio and HTTPS JSON adapters to their local
// fakes answering every send after 20 ms, over keep-alive connections. The fakes run in this same
// process, so each figure is what one process does while also playing the provider: a floor for
// the adapter alone.
// Run: npx tsx bench/providers-http.bench.ts [--quick]
import os from 'node:os';
import type { OutboundSms, SmsProvider } from '../src/domain/ports.js';
import { createHttpJsonProvider } from '../src/providers/http-json/index.js';
import { createTwilioProvider } from '../src/providers/twilio/index.js';
import { HttpJsonFake } from '../test/fixtures/fakes/http-json-fake.js';
import { TEST_TLS_CERT } from '../test/fixtures/fakes/http-json-fake-tls.js';
import { newSid, TwilioFake } from '../test/fixtures/fakes/twilio-fake.js';

const quick = process.argv.includes('--quick');
const TOTAL = quick ? 2_000 : 10_000;
const WARMUP = quick ? 300 : 1_000;
const LATENCY_MS = 20;
const TARGET = 1_000;

interface Run {
  readonly label: string;
  readonly messages: number;
  readonly accepted: number;
  readonly ms: number;
  readonly p50: number;
  readonly p99: number;
}

let seq = 0;
function sms(): OutboundSms {
  seq += 1;
  return {
    messageId: `bench-${seq}`,
    accountId: 'bench',
    from: '+33939000001',
    to: '+33612345678',
    body: `Your code is ${String(seq).padStart(6, '0')}`,
    encoding: 'GSM-7',
    segments: 1,
    attempt: 0,
  };
}

/** Keeps `concurrency` submissions in flight until `total` are done. */
async function drive(provider: SmsProvider, total: number, concurrency: number): Promise<Omit<Run, 'label'>> {
  let started = 0;
  let accepted = 0;
  const latencies: number[] = [];
  const begin = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (started < total) {
        started += 1;
        const t = performance.now();
        const r = await provider.submit(sms(), new AbortController().signal);
        latencies.push(performance.now() - t);
        if (r.kind === 'accepted') accepted += 1;
      }
    }),
  );
  const ms = performance.now() - begin;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return { messages: total, accepted, ms, p50: pct(0.5), p99: pct(0.99) };
}

async function measure(label: string, provider: SmsProvider, concurrency: number): Promise<Run> {
  await drive(provider, WARMUP, concurrency);
  return { label, ...(await drive(provider, TOTAL, concurrency)) };
}

async function twilio(connections: number): Promise<Run> {
  const accountSid = newSid('AC');
  const authToken = 'b'.repeat(32);
  const fake = await TwilioFake.start({ accountSid, authToken, latencyMs: LATENCY_MS, quiet: true });
  const provider = createTwilioProvider(
    { accountSid, authToken, baseUrl: fake.baseUrl, statusCallbackUrl: 'http://127.0.0.1:9/webhooks/twilio/bench/status', maxSockets: connections },
    { accountId: 'bench' },
  );
  try {
    return await measure(`Twilio, ${connections} connections (http loopback)`, provider, connections);
  } finally {
    await provider.close();
    await fake.close();
  }
}

async function httpJson(connections: number, tls: boolean): Promise<Run> {
  const fake = await HttpJsonFake.start({ username: 'bench', password: 'bench-password', webhookSecrets: ['x'.repeat(32)], tls, latencyMs: LATENCY_MS, quiet: true });
  const provider = createHttpJsonProvider(
    { url: fake.url, username: 'bench', password: 'bench-password', webhookSecret: 'x'.repeat(32), maxSockets: connections, ...(tls ? { caCertificate: TEST_TLS_CERT } : {}) },
    { accountId: 'bench' },
  );
  try {
    return await measure(`HTTPS JSON, ${connections} connections (${tls ? 'https, TLS' : 'http loopback'})`, provider, connections);
  } finally {
    await provider.close();
    await fake.close();
  }
}

const runs: Run[] = [];
for (const run of [() => twilio(64), () => twilio(32), () => httpJson(64, true), () => httpJson(64, false), () => httpJson(32, true)]) {
  const r = await run();
  runs.push(r);
  console.log(`${r.label}: ${Math.round((r.accepted / r.ms) * 1000)} msg/s`);
}

const [load1] = os.loadavg();
console.log(`\nnproc ${os.cpus().length}, ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}, ${new Date().toISOString()}, load ${load1?.toFixed(1)}`);
console.log(`fakes answer every send after ${LATENCY_MS} ms; ${WARMUP} warm-up then ${TOTAL} measured messages per run; in-flight = connections\n`);
console.log('| Run | Messages | Accepted | s | msg/s | p50 ms | p99 ms |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const r of runs) {
  console.log(`| ${r.label} | ${r.messages} | ${r.accepted} | ${(r.ms / 1000).toFixed(2)} | ${Math.round((r.accepted / r.ms) * 1000)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} |`);
}

const failed = runs.filter((r) => r.accepted !== r.messages);
const slow = runs.filter((r) => r.label.includes('64 connections') && (r.accepted / r.ms) * 1000 < TARGET);
if (failed.length > 0) console.error(`not every message was accepted: ${failed.map((r) => r.label).join('; ')}`);
if (slow.length > 0) console.error(`below ${TARGET} msg/s: ${slow.map((r) => r.label).join('; ')}`);
process.exit(failed.length > 0 || slow.length > 0 ? 1 : 0);
