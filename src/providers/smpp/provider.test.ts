import { afterEach, describe, expect, it } from 'vitest';
import type { OutboundSms, ProviderEvent } from '../../domain/ports.js';
import { SmppFake, type SmppFakeOptions } from '../../../test/fixtures/fakes/smpp-fake.js';
import type { SmppConfig } from './config.js';
import { createSmppProvider, type SmppProvider } from './provider.js';

const open: { fake?: SmppFake; provider?: SmppProvider }[] = [];

afterEach(async () => {
  for (const o of open.splice(0)) {
    await o.provider?.close();
    await o.fake?.close();
  }
});

async function setup(fakeOptions: SmppFakeOptions = {}, config: Partial<SmppConfig> = {}) {
  const fake = await SmppFake.start({ systemId: 'smsdesk', password: 'secret', ...fakeOptions });
  const provider = createSmppProvider({
    accountId: 'acc-1',
    host: fake.host,
    port: fake.port,
    systemId: 'smsdesk',
    password: 'secret',
    systemType: 'SMSDESK',
    responseTimeoutMs: 300,
    queueTimeoutMs: 2_000,
    reconnectInitialMs: 20,
    reconnectMaxMs: 100,
    throttleInitialMs: 50,
    ...config,
  });
  const events: ProviderEvent[] = [];
  provider.onEvent((e) => {
    events.push(e);
  });
  open.push({ fake, provider });
  expect(await provider.testConnection()).toEqual({ ok: true });
  return { fake, provider, events };
}

let seq = 0;
function sms(over: Partial<OutboundSms> = {}): OutboundSms {
  seq++;
  return {
    messageId: `m-${seq}`,
    accountId: 'acc-1',
    from: 'ACME',
    to: '+33612345678',
    body: `Message ${seq}`,
    encoding: 'GSM-7',
    segments: 1,
    attempt: 0,
    ...over,
  };
}

const signal = () => new AbortController().signal;
const until = async (check: () => boolean, ms = 3_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('SMPP adapter against the local SMSC', () => {
  it('binds as a 3.4 transceiver with the configured credentials', async () => {
    const { fake } = await setup();
    expect(fake.binds).toEqual([
      { command: 'bind_transceiver', systemId: 'smsdesk', password: 'secret', systemType: 'SMSDESK', interfaceVersion: 0x34, status: 0 },
    ]);
  });

  it('reports an unreachable SMSC from testConnection', async () => {
    const provider = createSmppProvider({ accountId: 'acc-1', host: '127.0.0.1', port: 9, systemId: 'x', password: '', connectTimeoutMs: 300, reconnectInitialMs: 50 });
    open.push({ provider });
    expect(await provider.testConnection()).toMatchObject({ ok: false, problem: 'unreachable', reason: expect.stringContaining('ECONNREFUSED') });
  });

  it('reports refused credentials from testConnection', async () => {
    const fake = await SmppFake.start({ systemId: 'smsdesk', password: 'secret' });
    const provider = createSmppProvider({
      accountId: 'acc-1', host: fake.host, port: fake.port, systemId: 'smsdesk', password: 'wrong', connectTimeoutMs: 300, reconnectInitialMs: 50,
    });
    open.push({ fake, provider });
    const result = await provider.testConnection();
    expect(result).toEqual({ ok: false, problem: 'credentials', reason: 'bind refused: 0x0E ESME_RINVPASWD' });
  });

  it('submits GSM-7 with data_coding 0x00, TON/NPI per address kind, and a receipt request', async () => {
    const { fake, provider } = await setup({}, { validitySeconds: 3_600 });
    const result = await provider.submit(sms({ body: 'Prix: 10€ [promo]' }), signal());
    expect(result).toMatchObject({ kind: 'accepted', providerMessageId: '1000000', partMessageIds: ['1000000'], failedParts: 0 });
    const [s] = fake.submissions;
    expect(s).toMatchObject({
      source: 'ACME', sourceTon: 5, sourceNpi: 0, destination: '33612345678', destTon: 1, destNpi: 1,
      dataCoding: 0, esmClass: 0, registeredDelivery: 1, validityPeriod: '000000010000000R', text: 'Prix: 10€ [promo]', problems: [],
    });
  });

  it('sends a numeric sender as international 1/1 without the plus', async () => {
    const { fake, provider } = await setup();
    await provider.submit(sms({ from: '+33939000001' }), signal());
    expect(fake.submissions[0]).toMatchObject({ source: '33939000001', sourceTon: 1, sourceNpi: 1 });
  });

  it('submits UCS-2 with data_coding 0x08', async () => {
    const { fake, provider } = await setup();
    await provider.submit(sms({ body: 'Привет 👋', encoding: 'UCS-2' }), signal());
    expect(fake.submissions[0]).toMatchObject({ dataCoding: 8, text: 'Привет 👋', problems: [] });
  });

  it('splits a long message by UDH and reports each receipt under its part id', async () => {
    const { fake, provider, events } = await setup({ autoReceipt: false });
    const body = 'Long message. '.repeat(30);
    const result = await provider.submit(sms({ body, segments: 3 }), signal());
    expect(result).toMatchObject({ kind: 'accepted', providerMessageId: '1000000', partMessageIds: ['1000000', '1000001', '1000002'], failedParts: 0 });
    const [message] = fake.messagesWithText(body);
    expect(message?.parts.map((p) => [p.esmClass, p.concat?.seq, p.concat?.total])).toEqual([[0x40, 1, 3], [0x40, 2, 3], [0x40, 3, 3]]);
    expect(new Set(message?.parts.map((p) => p.concat?.ref)).size).toBe(1);
    expect(await fake.sendReceipt('1000001', 'DELIVRD')).toBe(0);
    expect(await fake.sendReceipt('1000000', 'DELIVRD')).toBe(0);
    expect(await fake.sendReceipt('1000002', 'UNDELIV', '034')).toBe(0);
    const at = expect.any(Date);
    expect(events).toEqual([
      { type: 'status', accountId: 'acc-1', providerMessageId: '1000001', status: 'delivered', providerStatus: 'DELIVRD', at },
      { type: 'status', accountId: 'acc-1', providerMessageId: '1000000', status: 'delivered', providerStatus: 'DELIVRD', at },
      { type: 'status', accountId: 'acc-1', providerMessageId: '1000002', status: 'undelivered', providerStatus: 'UNDELIV', errorCode: '034', at },
    ]);
  });

  it('uses the national language shift tables the message was counted with', async () => {
    const { fake, provider } = await setup();
    await provider.submit(sms({ body: 'Şule, yarın görüşürüz', nationalLanguage: 'turkish' }), signal());
    expect(fake.submissions[0]).toMatchObject({ dataCoding: 0, nationalIes: [0x25], text: 'Şule, yarın görüşürüz', problems: [] });
  });

  it('keeps at least 10 submit_sm outstanding, never more than the window', async () => {
    const { fake, provider } = await setup({ behaviour: { kind: 'ok', delayMs: 50 } }, { window: 10 });
    const results = await Promise.all(Array.from({ length: 40 }, () => provider.submit(sms(), signal())));
    expect(results.every((r) => r.kind === 'accepted')).toBe(true);
    expect(fake.peakOutstanding).toBe(10);
  });

  it('keeps to the configured throughput', async () => {
    const { provider } = await setup({}, { throughputPerSecond: 50 });
    const start = Date.now();
    await Promise.all(Array.from({ length: 10 }, () => provider.submit(sms(), signal())));
    expect(Date.now() - start).toBeGreaterThanOrEqual(170);
  });

  it('backs off on ESME_RTHROTTLED and reports it as transient, then sends again', async () => {
    const { fake, provider } = await setup();
    fake.enqueue({ kind: 'status', status: 0x58 });
    const throttled = await provider.submit(sms(), signal());
    expect(throttled).toEqual({ kind: 'transient', error: expect.stringContaining('ESME_RTHROTTLED'), code: '0x58 ESME_RTHROTTLED', retryAfterMs: 50 });
    const start = Date.now();
    expect((await provider.submit(sms(), signal())).kind).toBe('accepted');
    expect(Date.now() - start).toBeGreaterThanOrEqual(30);
  });

  it('binds again when the SMSC says the link is not bound, and reports transient', async () => {
    const { fake, provider } = await setup();
    fake.enqueue({ kind: 'status', status: 0x04 });
    expect(await provider.submit(sms(), signal())).toMatchObject({ kind: 'transient', code: '0x04 ESME_RINVBNDSTS' });
    await until(() => fake.binds.length === 2 && provider.state === 'bound');
    expect((await provider.submit(sms(), signal())).kind).toBe('accepted');
  });

  it('reports a refused message as permanent with its code', async () => {
    const { fake, provider } = await setup();
    fake.enqueue({ kind: 'status', status: 0x0b });
    expect(await provider.submit(sms(), signal())).toEqual({
      kind: 'permanent', error: 'SMSC refused the message: 0x0B ESME_RINVDSTADR', code: '0x0B ESME_RINVDSTADR',
    });
  });

  it('refuses what it cannot address without sending anything', async () => {
    const { fake, provider } = await setup();
    expect(await provider.submit(sms({ to: '0612345678' }), signal())).toMatchObject({ kind: 'permanent', code: 'invalid_address' });
    expect(fake.submissions).toEqual([]);
  });

  it('gives up on a silent SMSC with uncertain, and never sends the message again on its own', async () => {
    const { fake, provider } = await setup();
    fake.enqueue({ kind: 'accept-silently' });
    const m = sms();
    expect(await provider.submit(m, signal())).toEqual({ kind: 'uncertain', error: 'no submit_sm_resp within 300 ms' });
    expect(await provider.reconcile(m, new Date())).toEqual({ kind: 'unknown' });
    expect(fake.messagesWithText(m.body)).toHaveLength(1);
    expect(fake.submissions).toHaveLength(1);
  });

  it('finds a message whose answer came after it was given up on', async () => {
    const { fake, provider } = await setup({ querySm: true, autoReceipt: false }, { querySm: true });
    fake.enqueue({ kind: 'ok', delayMs: 500 });
    const m = sms();
    expect((await provider.submit(m, signal())).kind).toBe('uncertain');
    await new Promise((r) => setTimeout(r, 400));
    expect(await provider.reconcile(m, new Date())).toEqual({ kind: 'found', providerMessageId: '1000000', status: 'sent' });
    await fake.sendReceipt('1000000', 'DELIVRD');
    expect(await provider.reconcile(m, new Date())).toEqual({ kind: 'found', providerMessageId: '1000000', status: 'delivered' });
  });

  it('says not_found when the late answer was a refusal', async () => {
    const { fake, provider } = await setup();
    fake.enqueue({ kind: 'status', status: 0x45, delayMs: 400 });
    const m = sms();
    expect((await provider.submit(m, signal())).kind).toBe('uncertain');
    await until(() => fake.submissions.length === 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(await provider.reconcile(m, new Date())).toEqual({ kind: 'not_found' });
  });

  it('cannot tell when the SMSC never answers at all', async () => {
    const { fake, provider } = await setup();
    fake.enqueue({ kind: 'ignore' });
    const m = sms();
    expect((await provider.submit(m, signal())).kind).toBe('uncertain');
    expect(await provider.reconcile(m, new Date())).toEqual({ kind: 'unknown' });
  });

  it('treats a connection cut after the submit as uncertain, reconnects, and sends the next one', async () => {
    const { fake, provider } = await setup();
    fake.enqueue({ kind: 'drop' });
    expect(await provider.submit(sms(), signal())).toMatchObject({ kind: 'uncertain', error: expect.stringContaining('connection lost') });
    expect((await provider.submit(sms(), signal())).kind).toBe('accepted');
    expect(fake.binds.filter((b) => b.status === 0)).toHaveLength(2);
  });

  it('holds submissions while the link is down and sends them once bound again', async () => {
    const { fake, provider } = await setup({}, { reconnectInitialMs: 200, reconnectMaxMs: 200 });
    fake.dropConnections();
    await until(() => provider.state !== 'bound');
    const result = await provider.submit(sms(), signal());
    expect(result.kind).toBe('accepted');
    expect(fake.submissions).toHaveLength(1);
  });

  it('reports transient, having sent nothing, when the link stays down', async () => {
    const { fake, provider } = await setup({}, { queueTimeoutMs: 100, reconnectInitialMs: 5_000, reconnectMaxMs: 5_000 });
    fake.dropConnections();
    await until(() => provider.state !== 'bound');
    expect(await provider.submit(sms(), signal())).toMatchObject({ kind: 'transient', code: 'not_sent' });
    expect(fake.submissions).toEqual([]);
  });

  it('answers the SMSC enquire_link and sends its own', async () => {
    const { fake } = await setup({ enquireLinkMs: 30 }, { enquireLinkIntervalMs: 30 });
    await until(() => fake.enquireLinksAnswered >= 2 && fake.enquireLinksReceived >= 2);
  });

  it('drops and rebinds a link whose enquire_link goes unanswered', async () => {
    const { fake, provider } = await setup({}, { enquireLinkIntervalMs: 50, responseTimeoutMs: 100 });
    fake.silent = true;
    await until(() => provider.state !== 'bound');
    fake.silent = false;
    await until(() => provider.state === 'bound' && fake.binds.length >= 2);
  });

  it('rebinds after the SMSC unbinds', async () => {
    const { fake, provider } = await setup();
    fake.unbindAll();
    await until(() => fake.binds.length === 2 && provider.state === 'bound');
  });

  it.each([
    ['hex ids', { idFormat: 'hex' }],
    ['zero-padded ids', { idFormat: 'padded' }],
    ['text only, 12-digit dates, Text:', { tlvs: false, dateDigits: 12, textKey: 'Text' }],
    ['no text field', { tlvs: false, textKey: 'none' }],
  ] as const)('matches receipts with %s', async (_, receiptStyle) => {
    const { provider, events } = await setup({ receiptStyle });
    const r = await provider.submit(sms(), signal());
    await until(() => events.length > 0);
    expect(events).toEqual([
      { type: 'status', accountId: 'acc-1', providerMessageId: r.kind === 'accepted' ? r.providerMessageId : '', status: 'delivered', providerStatus: 'DELIVRD', at: expect.any(Date) },
    ]);
  });

  it('reports ENROUTE as sent before the final receipt', async () => {
    const { provider, events } = await setup({ receiptStyle: { enrouteFirst: true } });
    await provider.submit(sms(), signal());
    await until(() => events.length === 2);
    expect(events.map((e) => e.type === 'status' && e.status)).toEqual(['sent', 'delivered']);
  });

  it('passes on a message from a handset', async () => {
    const { fake, events } = await setup();
    expect(await fake.sendInbound({ from: '+447700900123', to: '+33939000001', text: 'STOP' })).toEqual([0]);
    expect(events).toEqual([
      { type: 'inbound', accountId: 'acc-1', providerMessageId: expect.stringMatching(/^smpp-mo-/), from: '+447700900123', to: '+33939000001', body: 'STOP', at: expect.any(Date) },
    ]);
  });

  it.each<[string, string, number, number, string, boolean]>([
    ['TON 0 with the trunk prefix', '0612345678', 0, 1, '+33612345678', false],
    ['TON 2 without the trunk prefix', '612345678', 2, 1, '+33612345678', false],
    ['TON 2 with the trunk prefix', '0612345678', 2, 8, '+33612345678', false],
    ['TON 1 without +', '33612345678', 1, 1, '+33612345678', false],
    ['TON 5 alphanumeric', 'ACME', 5, 0, 'ACME', false],
    ['TON 1 with no such country code', '0612345678', 1, 1, '0612345678', true],
    ['NPI 9 (private plan)', '33612345678', 1, 9, '33612345678', true],
  ])('reads a handset address sent as %s', async (_label, from, sourceTon, sourceNpi, expected, unresolved) => {
    const { fake, events } = await setup({}, { defaultCountry: 'FR' });
    expect(await fake.sendInbound({ from, sourceTon, sourceNpi, to: '+33939000001', text: 'reply' })).toEqual([0]);
    expect(events).toEqual([
      {
        type: 'inbound', accountId: 'acc-1', providerMessageId: expect.stringMatching(/^smpp-mo-/), from: expected, to: '+33939000001', body: 'reply', at: expect.any(Date),
        ...(unresolved ? { senderUnresolved: true } : {}),
      },
    ]);
  });

  it('without a default country, keeps a national address as it came and says it is unresolved', async () => {
    const { fake, events } = await setup();
    await fake.sendInbound({ from: '0612345678', sourceTon: 0, sourceNpi: 1, to: '+33939000001', text: 'reply' });
    expect(events[0]).toMatchObject({ from: '0612345678', senderUnresolved: true });
  });

  it('answers a data_sm carrying a message from a handset with data_sm_resp, and passes the message_payload text on', async () => {
    const { fake, events } = await setup({}, { defaultCountry: 'FR' });
    const text = 'Réponse via data_sm, longer than one SMS: '.repeat(5);
    expect(await fake.sendInbound({ from: '0612345678', sourceTon: 2, to: '+33939000001', text, command: 'data_sm' })).toEqual([0]);
    expect(fake.delivered.map((d) => [d.pdu.command, d.answers])).toEqual([['data_sm', [0]]]);
    expect(events).toEqual([
      { type: 'inbound', accountId: 'acc-1', providerMessageId: expect.stringMatching(/^smpp-mo-/), from: '+33612345678', to: '+33939000001', body: text, at: expect.any(Date) },
    ]);
  });

  it('answers a data_sm receipt with data_sm_resp and reports it from its TLVs', async () => {
    const { fake, provider, events } = await setup({ autoReceipt: false });
    const r = await provider.submit(sms(), signal());
    const id = r.kind === 'accepted' ? r.providerMessageId : '';
    expect(await fake.sendReceipt(id, 'UNDELIV', '034', 'data_sm')).toBe(0);
    expect(await fake.sendReceipt(id, 'DELIVRD', '000', 'data_sm')).toBe(0);
    expect(fake.delivered.map((d) => [d.pdu.command, d.answers])).toEqual([['data_sm', [0]], ['data_sm', [0]]]);
    const at = expect.any(Date);
    expect(events).toEqual([
      { type: 'status', accountId: 'acc-1', providerMessageId: id, status: 'undelivered', providerStatus: 'UNDELIV', errorCode: '34', at },
      { type: 'status', accountId: 'acc-1', providerMessageId: id, status: 'delivered', providerStatus: 'DELIVRD', at },
    ]);
  });

  it.each(['EXPIRED', 'UNDELIV'])('reports %s with err:000 without an error code', async (stat) => {
    const { fake, provider, events } = await setup({ autoReceipt: false, receiptStyle: { tlvs: false } });
    const r = await provider.submit(sms(), signal());
    expect(await fake.sendReceipt(r.kind === 'accepted' ? r.providerMessageId : '', stat, '000')).toBe(0);
    expect(events).toEqual([expect.objectContaining({ type: 'status', status: 'undelivered', providerStatus: stat })]);
    expect(events[0]).not.toHaveProperty('errorCode');
  });

  it.each(['udh', 'sar'] as const)('reassembles a long inbound message split by %s, out of order and redelivered', async (split) => {
    const { fake, events } = await setup();
    const text = 'Part of a long reply from a customer. '.repeat(8);
    await fake.sendInbound({ from: '+447700900123', to: '+33939000001', text, split, order: [2, 0, 0, 1] });
    expect(events.map((e) => e.type === 'inbound' && e.body)).toEqual([text]);
  });

  it('joins UCS-2 parts before decoding, so an emoji across two parts survives', async () => {
    const { fake, events } = await setup();
    const text = `${'é'.repeat(66)}😀${'ж'.repeat(20)}`;
    await fake.sendInbound({ from: '+447700900123', to: '+33939000001', text, ucs2: true, partSize: 67 });
    expect(events.map((e) => e.type === 'inbound' && e.body)).toEqual([text]);
  });

  it('answers a temporary error while the event cannot be stored, so the SMSC delivers it again', async () => {
    const fake = await SmppFake.start({ redeliverMs: 30 });
    const provider = createSmppProvider({ accountId: 'acc-1', host: fake.host, port: fake.port, systemId: 'x', password: '' });
    open.push({ fake, provider });
    await provider.testConnection();
    let failures = 2;
    const stored: ProviderEvent[] = [];
    provider.onEvent(async (e) => {
      if (failures-- > 0) throw new Error('database down');
      stored.push(e);
    });
    expect(await fake.sendInbound({ from: '+447700900123', to: '+33939000001', text: 'hello' })).toEqual([0]);
    expect(fake.delivered[0]?.answers).toEqual([0x64, 0x64, 0]);
    expect(stored.map((e) => e.type === 'inbound' && e.body)).toEqual(['hello']);
  });

  it('passes on an incomplete long message once it waited too long, the missing part shown as …', async () => {
    const { fake, events } = await setup({}, { inboundExpiryMs: 100 });
    await fake.sendInbound({ from: '+447700900123', to: '+33939000001', text: 'first half second half', partSize: 11, order: [0] });
    await until(() => events.length === 1);
    expect(events[0]).toMatchObject({ type: 'inbound', body: 'first half …' });
  });
});
