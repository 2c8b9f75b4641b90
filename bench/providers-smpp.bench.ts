// Messages per second from one process through the SMPP adapter (to the local fake SMSC) and through the Vonage
// adapter (to the local fake API answering in 20 ms over keep-alive). The fakes run in this same process, so the
// figures are what one process does while also playing the provider: a floor, not a ceiling.
// Run: npx tsx bench/providers-smpp.bench.ts [--quick]
import os from 'node:os';
import type { OutboundSms, SubmitResult } from '../src/domain/ports.js';
import { createSmppProvider } from '../src/providers/smpp/index.js';
import { createVonageProvider } from '../src/providers/vonage/index.js';
import { SmppFake } from '../test/fixtures/fakes/smpp-fake.js';
import { VonageFake } from '../test/fixtures/fakes/vonage-fake.js';

const quick = process.argv.includes('--quick');

interface Run {
  readonly label: string;
  readonly messages: number;
  readonly ms: number;
  readonly accepted: number;
}

function sms(i: number): OutboundSms {
  return {
    messageId: `bench-${i}`,
    accountId: 'bench',
    from: 'ACME',
    to: '+447700900123',
    body: `Your code is ${String(i).padStart(6, '0')}`,
    encoding: 'GSM-7',
    segments: 1,
    attempt: 0,
  };
}

/** Keeps `concurrency` submissions going until `total` are done. */
async function drive(
  total: number,
  concurrency: number,
  submit: (m: OutboundSms, signal: AbortSignal) => Promise<SubmitResult>,
): Promise<{ ms: number; accepted: number }> {
  let next = 0;
  let accepted = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const r = await submit(sms(next++), new AbortController().signal);
        if (r.kind === 'accepted') accepted++;
      }
    }),
  );
  return { ms: performance.now() - start, accepted };
}

async function smpp(window: number, total: number): Promise<Run> {
  const fake = await SmppFake.start({ systemId: 'bench', password: 'bench', autoReceipt: false });
  const provider = createSmppProvider({ accountId: 'bench', host: fake.host, port: fake.port, systemId: 'bench', password: 'bench', window });
  await provider.testConnection();
  await drive(Math.min(2_000, total), window * 4, (m, s) => provider.submit(m, s));
  fake.submissions.length = 0;
  const { ms, accepted } = await drive(total, window * 4, (m, s) => provider.submit(m, s));
  await provider.close();
  await fake.close();
  return { label: `SMPP, window ${window}`, messages: total, ms, accepted };
}

async function vonage(concurrency: number, total: number): Promise<Run> {
  const fake = await VonageFake.start({ apiKey: 'k', apiSecret: 's', delayMs: 20, autoReceipt: false });
  const provider = createVonageProvider({ accountId: 'bench', apiKey: 'k', apiSecret: 's', baseUrl: fake.baseUrl, maxSockets: concurrency });
  await drive(Math.min(1_000, total), concurrency, (m, s) => provider.submit(m, s));
  fake.submissions.length = 0;
  const { ms, accepted } = await drive(total, concurrency, (m, s) => provider.submit(m, s));
  await provider.close();
  await fake.close();
  return { label: `Vonage, 20 ms answers, ${concurrency} connections`, messages: total, ms, accepted };
}

const runs: Run[] = [];
const n = quick ? 2_000 : 20_000;
runs.push(await smpp(10, n));
runs.push(await smpp(50, n));
runs.push(await vonage(32, quick ? 1_000 : 10_000));
runs.push(await vonage(64, quick ? 1_000 : 10_000));

console.log(`| Run | Messages | Accepted | Seconds | Messages/s |`);
console.log(`|---|---:|---:|---:|---:|`);
for (const r of runs) {
  console.log(`| ${r.label} | ${r.messages} | ${r.accepted} | ${(r.ms / 1000).toFixed(2)} | ${Math.round((r.messages / r.ms) * 1000)} |`);
}
console.log(`\nnproc ${os.cpus().length}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ${new Date().toISOString()}`);
const failed = runs.filter((r) => r.accepted !== r.messages);
if (failed.length > 0) {
  console.error(`not every message was accepted: ${failed.map((r) => r.label).join(', ')}`);
  process.exit(1);
}
