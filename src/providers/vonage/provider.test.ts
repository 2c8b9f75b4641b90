import { afterEach, describe, expect, it } from 'vitest';
import type { OutboundSms, ProviderEvent } from '../../domain/ports.js';
import { VonageFake, type VonageFakeOptions } from '../../../test/fixtures/fakes/vonage-fake.js';
import { VonageWebhookReceiver } from '../../../test/fixtures/fakes/vonage-webhook-receiver.js';
import type { VonageConfig } from './config.js';
import { createVonageProvider, type VonageProvider } from './provider.js';

const toClose: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const c of toClose.splice(0).reverse()) await c.close();
});

async function setup(fakeOptions: VonageFakeOptions = {}, config: Partial<VonageConfig> = {}, store?: (e: readonly ProviderEvent[]) => void) {
  const stored: ProviderEvent[] = [];
  const holder: { provider?: VonageProvider } = {};
  const receiver = await VonageWebhookReceiver.start('acc-1', () => {
    if (!holder.provider) throw new Error('no provider yet');
    return holder.provider;
  }, store ?? ((events) => void stored.push(...events)));
  const fake = await VonageFake.start({ apiKey: 'key', apiSecret: 'secret', ...fakeOptions });
  const provider = createVonageProvider({
    accountId: 'acc-1',
    apiKey: 'key',
    apiSecret: 'secret',
    baseUrl: fake.baseUrl,
    statusCallbackUrl: receiver.url('status'),
    timeoutMs: 500,
    ...config,
  });
  holder.provider = provider;
  toClose.push(receiver, fake, provider);
  return { fake, provider, receiver, stored };
}

let n = 0;
function sms(over: Partial<OutboundSms> = {}): OutboundSms {
  n++;
  return { messageId: `msg-${n}`, accountId: 'acc-1', from: 'ACME', to: '+447700900123', body: `Hello ${n}`, encoding: 'GSM-7', segments: 1, attempt: 0, ...over };
}
const signal = () => new AbortController().signal;
const until = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('Vonage adapter against the local SMS API', () => {
  it('posts JSON with Basic auth, client-ref and callback; digits without +', async () => {
    const { fake, provider, receiver } = await setup({ autoReceipt: false }, { ttlMs: 3_600_000 });
    const m = sms({ from: '+33939000001' });
    const result = await provider.submit(m, signal());
    expect(result).toMatchObject({ kind: 'accepted', partMessageIds: [expect.any(String)], failedParts: 0 });
    expect(fake.submissions[0]).toMatchObject({
      auth: 'basic',
      contentType: 'application/json; charset=utf-8',
      params: { from: '33939000001', to: '447700900123', text: m.body, type: 'text', 'client-ref': m.messageId, callback: receiver.url('status'), ttl: '3600000' },
      problems: [],
    });
  });

  it('sends non-GSM text as type=unicode', async () => {
    const { fake, provider } = await setup({ autoReceipt: false });
    await provider.submit(sms({ body: 'Привет', encoding: 'UCS-2' }), signal());
    await provider.submit(sms({ body: 'Şule', nationalLanguage: 'turkish' }), signal());
    expect(fake.submissions.map((s) => [s.params.type, s.problems])).toEqual([['unicode', []], ['unicode', []]]);
  });

  it('keeps every part id of a long message and reports each receipt under its part id', async () => {
    const { fake, provider, stored } = await setup({ autoReceipt: false });
    const m = sms({ body: 'Long. '.repeat(60), segments: 3 });
    const result = await provider.submit(m, signal());
    if (result.kind !== 'accepted') throw new Error(result.kind);
    expect(result.partMessageIds).toHaveLength(3);
    expect(result.providerMessageId).toBe(result.partMessageIds[0]);
    expect(await fake.sendReceiptsFor(m.messageId, 'delivered', [2, 0])).toEqual([200, 200]);
    expect(await fake.sendReceiptsFor(m.messageId, ['delivered', 'failed'], [1])).toEqual([200]);
    const [p0, p1, p2] = result.partMessageIds;
    expect(stored).toEqual([
      { type: 'status', accountId: 'acc-1', providerMessageId: p2, status: 'delivered', providerStatus: 'delivered', messageId: m.messageId, at: expect.any(Date) },
      { type: 'status', accountId: 'acc-1', providerMessageId: p0, status: 'delivered', providerStatus: 'delivered', messageId: m.messageId, at: expect.any(Date) },
      {
        type: 'status', accountId: 'acc-1', providerMessageId: p1, status: 'undelivered', providerStatus: 'failed',
        messageId: m.messageId, errorCode: '1', errorRetryable: true, at: expect.any(Date),
      },
    ]);
  });

  it.each(['GET', 'POST-form', 'POST-json'] as const)('reads receipts sent as %s', async (receiptTransport) => {
    const { provider, stored } = await setup({ autoReceipt: { status: 'delivered' }, receiptTransport });
    const r = await provider.submit(sms(), signal());
    await until(() => stored.length === 1);
    expect(stored[0]).toMatchObject({ type: 'status', providerMessageId: r.kind === 'accepted' ? r.providerMessageId : '', status: 'delivered' });
  });

  it('treats a partial failure as accepted, counting the refused part as failed', async () => {
    const { fake, provider, stored } = await setup({ autoReceipt: { status: 'delivered' } });
    fake.enqueue({ kind: 'statuses', statuses: ['0', '1'] });
    const result = await provider.submit(sms({ body: 'x'.repeat(200), segments: 2 }), signal());
    expect(result).toMatchObject({ kind: 'accepted', failedParts: 1, partErrors: [{ status: '1', errorText: 'Throughput Rate Exceeded' }] });
    if (result.kind !== 'accepted') throw new Error(result.kind);
    // The accepted part's receipt passes through; the product merges it with the refused part (failed).
    await until(() => stored.length === 1);
    expect(stored[0]).toMatchObject({ providerMessageId: result.partMessageIds[0], status: 'delivered' });
  });

  it('reports a throttle as transient, a bad number as permanent, both without keeping anything', async () => {
    const { fake, provider } = await setup({ maxPerSecond: 1 });
    expect((await provider.submit(sms(), signal())).kind).toBe('accepted');
    expect(await provider.submit(sms(), signal())).toMatchObject({ kind: 'transient', code: '1', retryAfterMs: 1000 });
    expect(await provider.submit(sms({ to: '+1' }), signal())).toMatchObject({ kind: 'permanent', code: 'invalid_address' });
    expect(fake.submissions.filter((s) => s.kept.length > 0)).toHaveLength(1);
  });

  it('reports refused credentials as permanent', async () => {
    const { provider } = await setup({}, { apiSecret: 'wrong' });
    expect(await provider.submit(sms(), signal())).toMatchObject({ kind: 'permanent', code: '4' });
  });

  it('is uncertain when Vonage took the request and never answered, and finds it once a receipt names it', async () => {
    const { fake, provider } = await setup({ autoReceipt: false });
    fake.enqueue({ kind: 'accept-and-hang' });
    const m = sms();
    expect(await provider.submit(m, signal())).toEqual({ kind: 'uncertain', error: 'no response within 500 ms' });
    expect(await provider.reconcile(m, new Date())).toEqual({ kind: 'unknown' });
    const [part] = fake.submissionsFor(m.messageId)[0]?.kept ?? [];
    await fake.sendReceipt(part?.messageId ?? '', 'delivered');
    expect(await provider.reconcile(m, new Date())).toEqual({ kind: 'found', providerMessageId: part?.messageId });
    expect(fake.submissionsFor(m.messageId)).toHaveLength(1);
  });

  it('is uncertain when the connection is cut after the request went out', async () => {
    const { fake, provider } = await setup();
    fake.enqueue({ kind: 'accept-then-drop' });
    expect(await provider.submit(sms(), signal())).toMatchObject({ kind: 'uncertain', error: expect.stringContaining('ECONNRESET') });
  });

  it('is transient when nothing could be sent', async () => {
    const provider = createVonageProvider({ accountId: 'a', apiKey: 'k', apiSecret: 's', baseUrl: 'http://127.0.0.1:9' });
    toClose.push(provider);
    expect(await provider.submit(sms(), signal())).toMatchObject({ kind: 'transient', code: 'not_sent', error: expect.stringContaining('ECONNREFUSED') });
  });

  it('is uncertain on a 5xx', async () => {
    const { fake, provider } = await setup();
    fake.enqueue({ kind: 'http', status: 503 });
    expect(await provider.submit(sms(), signal())).toEqual({ kind: 'uncertain', error: 'HTTP 503' });
  });

  it('reassembles a long inbound message sent out of order and twice', async () => {
    const { fake, receiver, stored } = await setup();
    const text = 'A long answer from the customer, over several parts. '.repeat(4);
    const answers = await fake.sendInbound({ url: receiver.url('inbound'), from: '+447700900123', to: '+33939000001', text, partSize: 60, order: [3, 1, 1, 0, 2] });
    expect(answers).toEqual([200, 200, 200, 200, 200]);
    expect(stored).toEqual([
      { type: 'inbound', accountId: 'acc-1', providerMessageId: expect.any(String), from: '+447700900123', to: '+33939000001', body: text, at: expect.any(Date) },
    ]);
  });

  it('gets an inbound message again when storing it failed, because Vonage resends', async () => {
    let fail = 1;
    const got: ProviderEvent[] = [];
    const { fake, receiver } = await setup({ retryMs: 10 }, {}, (events) => {
      if (events.length > 0 && fail-- > 0) throw new Error('database down');
      got.push(...events);
    });
    await fake.sendInbound({ url: receiver.url('inbound'), from: '+447700900123', to: '+33939000001', text: 'ab', partSize: 1 });
    expect(receiver.answers).toEqual([200, 500, 200]);
    expect(got.map((e) => e.type === 'inbound' && e.body)).toEqual(['ab']);
  });

  it('verifies signed webhooks and refuses bad, stale or replayed ones', async () => {
    const signature = { secret: 'sig-secret', method: 'sha256hmac' } as const;
    const { fake, receiver, stored } = await setup({ signature }, { signatureSecret: 'sig-secret', signatureMethod: 'sha256hmac' });
    const base = { url: receiver.url('inbound'), from: '+447700900123', to: '+33939000001' };
    expect(await fake.sendInbound({ ...base, text: 'signed' })).toEqual([200]);
    expect(await fake.sendInbound({ ...base, text: 'tampered', tamper: { after: { text: 'changed' } } })).toEqual([401]);
    expect(await fake.sendInbound({ ...base, text: 'stale', tamper: { timestamp: Math.floor(Date.now() / 1000) - 600 } })).toEqual([401]);
    expect(await fake.sendInbound({ ...base, text: 'first', tamper: { nonce: 'n-1' } })).toEqual([200]);
    expect(await fake.sendInbound({ ...base, text: 'second', tamper: { nonce: 'n-1' } })).toEqual([401]);
    expect(stored.map((e) => e.type === 'inbound' && e.body)).toEqual(['signed', 'first']);
  });

  it('refuses unsigned webhooks once a signature secret is set', async () => {
    const { fake, receiver } = await setup({}, { signatureSecret: 'sig-secret' });
    expect(await fake.sendInbound({ url: receiver.url('inbound'), from: '+447700900123', to: '+33939000001', text: 'x' })).toEqual([401]);
  });

  it('tests the connection with the balance, sending nothing', async () => {
    const { fake, provider } = await setup();
    expect(await provider.testConnection()).toEqual({ ok: true });
    const bad = createVonageProvider({ accountId: 'a', apiKey: 'key', apiSecret: 'nope', baseUrl: fake.baseUrl });
    toClose.push(bad);
    expect(await bad.testConnection()).toEqual({ ok: false, problem: 'credentials', reason: 'HTTP 401' });
    expect(fake.submissions).toEqual([]);
    expect(fake.balanceChecks).toBe(2);
  });

  it('passes on an incomplete long inbound message once it waited too long', async () => {
    const { fake, provider, receiver, stored } = await setup({}, { inboundExpiryMs: 100 });
    const pushed: ProviderEvent[] = [];
    await fake.sendInbound({ url: receiver.url('inbound'), from: '+447700900123', to: '+33939000001', text: 'abcdef', partSize: 3, order: [1] });
    await new Promise((r) => setTimeout(r, 150));
    // No listener yet: it rides on the next webhook's events.
    await fake.sendInbound({ url: receiver.url('inbound'), from: '+447700900999', to: '+33939000001', text: 'next' });
    expect(stored.map((e) => e.type === 'inbound' && e.body)).toEqual(['…def', 'next']);
    provider.onEvent((e) => void pushed.push(e));
    await fake.sendInbound({ url: receiver.url('inbound'), from: '+447700900123', to: '+33939000001', text: 'ghijkl', partSize: 3, order: [0] });
    await until(() => pushed.length === 1, 2_000);
    expect(pushed[0]).toMatchObject({ type: 'inbound', body: 'ghi…' });
  });
});
