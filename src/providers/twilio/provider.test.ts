// The adapter against the Twilio fake: exact requests, the cases the contract suite does not
// cover, and reconciliation corner cases.
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboundSms } from '../../domain/ports.js';
import { ReconcileUnavailableError } from '../webhook.js';
import { setupTwilio, type TwilioFixture } from '../../../test/fixtures/fakes/twilio-contract-fixture.js';
import { newSid, TwilioFake } from '../../../test/fixtures/fakes/twilio-fake.js';
import { createTwilioProvider } from './provider.js';

let fx: TwilioFixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

const sms = (over: Partial<OutboundSms> = {}): OutboundSms => ({
  messageId: 'm_1',
  accountId: 'acc_1',
  from: '+33939000001',
  to: '+33612345678',
  body: 'Your parcel arrives today',
  encoding: 'GSM-7',
  segments: 1,
  attempt: 0,
  ...over,
});
const signal = () => new AbortController().signal;

describe('Twilio send', () => {
  it('POSTs exactly the form Twilio expects, with Basic auth of the account SID and token', async () => {
    fx = await setupTwilio({ accountId: 'acc_1' }, { validityPeriodSeconds: 3600 });
    const result = await fx.provider.submit(sms(), signal());
    expect(result.kind).toBe('accepted');
    const [req] = fx.twilio.requests;
    if (req === undefined) throw new Error('no request');
    const m = fx.twilio.messages[0];
    expect(req.method).toBe('POST');
    expect(req.url).toMatch(/^\/2010-04-01\/Accounts\/AC[0-9a-f]{32}\/Messages\.json$/);
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const [user, pass] = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString().split(':');
    expect(user).toMatch(/^AC/);
    expect(pass).toHaveLength(32);
    const form = Object.fromEntries(new URLSearchParams(req.body));
    expect(form).toEqual({
      To: '+33612345678',
      From: '+33939000001',
      Body: 'Your parcel arrives today',
      StatusCallback: `${fx.receiver.url('status')}?smsdeskMessageId=m_1`,
      ValidityPeriod: '3600',
    });
    expect(m?.status).toBe('queued');
  });

  it('uses the API key for Basic auth when one is configured, and sends the Messaging Service', async () => {
    const key = { sid: newSid('SK'), secret: 's'.repeat(32) };
    const accountSid = newSid('AC');
    const twilio = await TwilioFake.start({ accountSid, authToken: 't'.repeat(32), apiKey: key });
    const service = newSid('MG');
    const provider = createTwilioProvider(
      {
        accountSid,
        authToken: 't'.repeat(32),
        apiKeySid: key.sid,
        apiKeySecret: key.secret,
        messagingServiceSid: service,
        statusCallbackUrl: 'http://127.0.0.1:1/webhooks/twilio/acc_1/status',
        baseUrl: twilio.baseUrl,
      },
      { accountId: 'acc_1' },
    );
    try {
      expect((await provider.submit(sms(), signal())).kind).toBe('accepted');
      const req = twilio.requests[0];
      expect(req?.headers.authorization).toBe(`Basic ${Buffer.from(`${key.sid}:${key.secret}`).toString('base64')}`);
      expect(new URLSearchParams(req?.body).get('MessagingServiceSid')).toBe(service);
      expect(twilio.messages[0]?.status).toBe('accepted');
    } finally {
      await provider.close();
      await twilio.close();
    }
  });

  it.each([
    ['+15005550001', '21211'],
    ['+15005550002', '21612'],
    ['+15005550003', '21408'],
    ['+15005550004', '21610'],
  ])("Twilio's magic number %s is refused with %s, nothing created", async (to, code) => {
    fx = await setupTwilio({ accountId: 'acc_1' });
    expect(await fx.provider.submit(sms({ to }), signal())).toMatchObject({ kind: 'permanent', code });
    expect(fx.twilio.messages).toHaveLength(0);
  });

  it('a wrong auth token is a permanent 20003', async () => {
    fx = await setupTwilio({ accountId: 'acc_1' }, { authToken: 'w'.repeat(32) });
    expect(await fx.provider.submit(sms(), signal())).toMatchObject({ kind: 'permanent', code: '20003' });
  });

  it('a rate limit from the token bucket is transient', async () => {
    fx = await setupTwilio({ accountId: 'acc_1' });
    fx.twilio.nextCreate('rate-limited');
    expect(await fx.provider.submit(sms(), signal())).toMatchObject({ kind: 'transient', code: '20429' });
  });

  it('a 500 after Twilio created the message is uncertain, and reconciliation finds it', async () => {
    fx = await setupTwilio({ accountId: 'acc_1' });
    fx.twilio.nextCreate('server-error-after-create');
    const since = new Date(Date.now() - 1000);
    expect((await fx.provider.submit(sms(), signal())).kind).toBe('uncertain');
    const created = fx.twilio.messages[0];
    expect(await fx.provider.reconcile(sms(), since)).toEqual({ kind: 'found', providerMessageId: created?.sid, status: 'sent' });
  });

  it('an unreachable Twilio is transient (the request never left)', async () => {
    fx = await setupTwilio({ accountId: 'acc_1' }, { baseUrl: 'http://127.0.0.1:1' });
    expect(await fx.provider.submit(sms(), signal())).toMatchObject({ kind: 'transient', code: 'network' });
  });

  it('an abort while waiting for the answer is uncertain', async () => {
    fx = await setupTwilio({ accountId: 'acc_1' }, { timeoutMs: 5000 });
    fx.twilio.nextCreate('hang');
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    expect((await fx.provider.submit(sms(), ac.signal)).kind).toBe('uncertain');
  });
});

describe('Twilio reconciliation', () => {
  it('queries the list by To, From and DateSent>=, then the newest page', async () => {
    fx = await setupTwilio({ accountId: 'acc_1' });
    const since = new Date('2026-01-01T10:00:30.123Z');
    expect(await fx.provider.reconcile(sms(), since)).toEqual({ kind: 'not_found' });
    const lists = fx.twilio.requests.filter((r) => r.method === 'GET').map((r) => r.url);
    expect(lists).toHaveLength(2);
    expect(lists[0]).toContain('DateSent%3E=2026-01-01T10%3A00%3A00Z');
    expect(lists[0]).toContain('To=%2B33612345678');
    expect(lists[0]).toContain('From=%2B33939000001');
    expect(lists[1]).not.toContain('DateSent');
  });

  it('finds a message that has been sent through the DateSent query alone', async () => {
    fx = await setupTwilio({ accountId: 'acc_1' });
    const since = new Date(Date.now() - 1000);
    const accepted = await fx.provider.submit(sms(), signal());
    if (accepted.kind !== 'accepted') throw new Error('not accepted');
    await fx.twilio.sendStatusCallbacks(accepted.providerMessageId, ['sent']);
    fx.twilio.requests.length = 0;
    expect(await fx.provider.reconcile(sms(), since)).toEqual({ kind: 'found', providerMessageId: accepted.providerMessageId, status: 'sent' });
    expect(fx.twilio.requests.filter((r) => r.method === 'GET')).toHaveLength(1);
  });

  it('ignores a same-text message created before the attempt, and answers unknown when two match', async () => {
    fx = await setupTwilio({ accountId: 'acc_1' }, { reconcileSkewMs: 0 });
    await fx.provider.submit(sms(), signal());
    await new Promise((r) => setTimeout(r, 1100));
    const since = new Date();
    expect(await fx.provider.reconcile(sms(), since)).toEqual({ kind: 'not_found' });
    await fx.provider.submit(sms(), signal());
    await fx.provider.submit(sms(), signal());
    expect(await fx.provider.reconcile(sms(), new Date(since.getTime() - 60_000))).toEqual({ kind: 'unknown' });
  });

  it('a different body, recipient or sender is not a match', async () => {
    fx = await setupTwilio({ accountId: 'acc_1' });
    const since = new Date(Date.now() - 1000);
    await fx.provider.submit(sms({ body: 'Other text' }), signal());
    await fx.provider.submit(sms({ to: '+33612345679' }), signal());
    await fx.provider.submit(sms({ from: '+33939000002' }), signal());
    expect(await fx.provider.reconcile(sms(), since)).toEqual({ kind: 'not_found' });
  });

  it('rejects with ReconcileUnavailableError when Twilio cannot be asked (never "not found")', async () => {
    fx = await setupTwilio({ accountId: 'acc_1' }, { baseUrl: 'http://127.0.0.1:1' });
    await expect(fx.provider.reconcile(sms(), new Date())).rejects.toMatchObject({ name: 'ReconcileUnavailableError', problem: 'unreachable' });
    await fx.close();
    fx = await setupTwilio({ accountId: 'acc_1' }, { authToken: 'w'.repeat(32) });
    await expect(fx.provider.reconcile(sms(), new Date())).rejects.toBeInstanceOf(ReconcileUnavailableError);
  });
});

describe('Twilio connection test', () => {
  it('reads the account without sending', async () => {
    fx = await setupTwilio({ accountId: 'acc_1' });
    expect(await fx.provider.testConnection()).toEqual({ ok: true });
    expect(fx.twilio.requests.map((r) => `${r.method} ${r.url}`)).toEqual([expect.stringMatching(/^GET \/2010-04-01\/Accounts\/AC[0-9a-f]{32}\.json$/)]);
  });

  it('names bad credentials and an unreachable API', async () => {
    fx = await setupTwilio({ accountId: 'acc_1' }, { authToken: 'w'.repeat(32) });
    expect(await fx.provider.testConnection()).toMatchObject({ ok: false, problem: 'credentials' });
    await fx.close();
    fx = await setupTwilio({ accountId: 'acc_1' }, { baseUrl: 'http://127.0.0.1:1' });
    expect(await fx.provider.testConnection()).toMatchObject({ ok: false, problem: 'unreachable' });
  });
});
