import { afterEach, describe, expect, it } from 'vitest';
import type { OutboundSms, ProviderEvent, SubmitResult } from '../../domain/ports.js';
import { runProviderContract } from '../contract.js';
import { setupSmppContract } from '../../../test/fixtures/fakes/smpp-contract.js';
import { SmppFake } from '../../../test/fixtures/fakes/smpp-fake.js';
import { createSmppProvider, type SmppProvider } from './index.js';

runProviderContract({
  name: 'SMPP 3.4',
  capabilities: {
    events: 'push',
    reconcile: 'none',
    signature: 'session',
    statusReports: 'per-part',
    inboundLong: 'whole',
    optOutFlag: false,
    droppedSubmit: 'uncertain',
  },
  setup: setupSmppContract,
});

// Beyond the shared suite: the link failing under load, as a dispatcher would live through it.
describe('SMPP link failures under load', { timeout: 20_000 }, () => {
  let fake: SmppFake;
  let provider: SmppProvider;
  afterEach(async () => {
    await provider.close();
    await fake.close();
  });

  const message = (i: number): OutboundSms => ({
    messageId: `m-load-${i}`,
    accountId: 'acc',
    from: '+33939000001',
    to: '+33612345678',
    body: `Load message ${i}`,
    encoding: 'GSM-7',
    segments: 1,
    attempt: 0,
  });

  /** Submits until the adapter gives a final word, resending only what it says never left. */
  async function dispatch(m: OutboundSms): Promise<SubmitResult> {
    for (let attempt = 0; ; attempt++) {
      const r = await provider.submit({ ...m, attempt }, new AbortController().signal);
      if (r.kind !== 'transient') return r;
      await new Promise((resolve) => setTimeout(resolve, r.retryAfterMs ?? 50));
    }
  }

  it('loses nothing and sends nothing twice when the connection drops with the window full', async () => {
    fake = await SmppFake.start({ behaviour: { kind: 'ok', delayMs: 40 }, autoReceipt: { stat: 'DELIVRD', delayMs: 100 } });
    provider = createSmppProvider({
      accountId: 'acc', host: fake.host, port: fake.port, systemId: 'load', password: '',
      window: 10, responseTimeoutMs: 500, queueTimeoutMs: 3_000, reconnectInitialMs: 20, reconnectMaxMs: 50,
    });
    const events: ProviderEvent[] = [];
    provider.onEvent((e) => void events.push(e));
    await provider.testConnection();

    const messages = Array.from({ length: 60 }, (_, i) => message(i));
    const running = messages.map((m) => dispatch(m));
    setTimeout(() => fake.dropConnections(), 120);
    const results = await Promise.all(running);

    const accepted = results.filter((r) => r.kind === 'accepted').length;
    const uncertain = results.filter((r) => r.kind === 'uncertain').length;
    expect(accepted + uncertain).toBe(messages.length);
    expect(uncertain).toBeGreaterThan(0);
    expect(fake.binds.filter((b) => b.status === 0).length).toBeGreaterThanOrEqual(2);
    for (const [i, m] of messages.entries()) {
      const copies = fake.messagesWithText(m.body).length;
      // Accepted: exactly once. Uncertain: the SMSC may or may not have it, never twice; reconcile sends it to review.
      if (results[i]?.kind === 'accepted') expect(copies).toBe(1);
      else {
        expect(copies).toBeLessThanOrEqual(1);
        expect(await provider.reconcile(m, new Date(0))).toEqual({ kind: 'unknown' });
      }
    }
    // Receipts of accepted messages, sent while the link was down or after, are all reported.
    const acceptedIds = results.flatMap((r) => (r.kind === 'accepted' ? [r.providerMessageId] : []));
    const reported = () => new Set(events.map((e) => e.providerMessageId));
    await expect.poll(() => acceptedIds.filter((id) => !reported().has(id)), { timeout: 5_000 }).toEqual([]);
  });

  it('never sends twice what an SMSC took and did not answer, however long it stays silent', async () => {
    fake = await SmppFake.start({ autoReceipt: false });
    provider = createSmppProvider({
      accountId: 'acc', host: fake.host, port: fake.port, systemId: 'hang', password: '', responseTimeoutMs: 200, reconnectInitialMs: 20,
    });
    await provider.testConnection();
    fake.setBehaviour({ kind: 'accept-silently' });
    const results = await Promise.all([0, 1, 2].map((i) => dispatch(message(i))));
    expect(results.map((r) => r.kind)).toEqual(['uncertain', 'uncertain', 'uncertain']);
    fake.setBehaviour({ kind: 'ok' });
    for (const i of [0, 1, 2]) {
      expect(await provider.reconcile(message(i), new Date(0))).toEqual({ kind: 'unknown' });
      expect(fake.messagesWithText(message(i).body)).toHaveLength(1);
    }
    expect(fake.submissions).toHaveLength(3);
  });
});
