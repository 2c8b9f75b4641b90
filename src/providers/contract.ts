// One behavioural suite for every SMS provider adapter. Each adapter runs it against a local
// fake that follows its provider's published contract, so "accepted", "transient", "uncertain"
// and the status mapping mean the same thing whichever provider an account configured.
// Providers differ in what they can promise (a look-up for uncertain sends, timestamped
// signatures, per-part receipts); an adapter declares that in ProviderCapabilities and the suite
// asserts the matching behaviour, never nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboundSms, ProviderEvent, SmsEncodingName, SmsProvider, SubmitResult } from '../domain/ports.js';
import { transition, type MessageStatus } from '../domain/messages/status.js';
import {
  isConnectionTester,
  isWebhookHandler,
  providerOptOut,
  type OptOutKeyword,
  type StatusEvent,
  type WebhookKind,
  type WebhookResponse,
} from './webhook.js';

export interface ProviderCapabilities {
  /** How reports reach the product: the product's webhook endpoint, or the adapter's onEvent. */
  readonly events: 'webhook' | 'push';
  /**
   * How reconcile() settles an uncertain submission:
   * - 'lookup': the provider can be asked (Twilio's message list): found or not_found.
   * - 'idempotent-replay': the provider dedupes on the product id (HTTPS JSON `retId`), so
   *   reconcile re-sends with the same id and gets the original provider id back: found.
   * - 'none': the provider cannot be asked (Vonage SMS API, SMPP): unknown.
   */
  readonly reconcile: 'lookup' | 'idempotent-replay' | 'none';
  /**
   * How callbacks are authenticated:
   * - 'url-hmac': HMAC over the URL and parameters, no timestamp (Twilio): replays verify, and
   *   the dedupe keys make them harmless.
   * - 'hmac-timestamp': a signed timestamp; stale ones are refused (HTTPS JSON, signed Vonage).
   * - 'session': reports come over an authenticated bind (SMPP); there is nothing to sign.
   */
  readonly signature: 'url-hmac' | 'hmac-timestamp' | 'session';
  /** The HTTP status the adapter answers a bad signature with (webhook providers). */
  readonly refusedSignatureStatus?: number;
  /** 'per-part' when every segment gets its own receipt (Vonage, SMPP), under the part's id: the product merges them. */
  readonly statusReports: 'per-message' | 'per-part';
  /** 'whole' when a long inbound message arrives reassembled (by the provider or the adapter). */
  readonly inboundLong: 'whole' | 'parts';
  /** Whether the provider flags opt-out keywords itself (Twilio `OptOutType`). */
  readonly optOutFlag: boolean;
  /** What submit() returns when the connection drops after the provider took the request. */
  readonly droppedSubmit: 'uncertain' | 'transient';
}

/** What the fake does with the next submission. Submissions after it behave as 'ok'. */
export type SubmitScenario =
  | 'ok'
  /** The provider's retryable refusal (Twilio 429/20429, Vonage 1, SMPP 0x58): nothing accepted. */
  | 'transient'
  /** The provider's permanent refusal (Twilio 400/21211, Vonage 3, SMPP 0x0B). */
  | 'permanent'
  /** The fake accepts and records the message, then never answers. */
  | 'hang'
  /** The fake never answers and records nothing: the request was lost on the way. */
  | 'hang-unrecorded'
  /** The fake accepts and records the message, then drops the connection without answering. */
  | 'drop';

/** One message as the fake created it (all parts of a long message together). */
export interface FakeSubmission {
  readonly providerMessageId: string;
  /** E.164 with '+', whatever the wire format. */
  readonly from: string;
  readonly to: string;
  /** The whole text, parts joined. */
  readonly body: string;
  /** Segments as the fake counted them, independently of the product. */
  readonly segments: number;
  /** Present when the wire format carries the encoding (HTTPS JSON isUnicode, Vonage type, SMPP data_coding). */
  readonly encoding?: SmsEncodingName;
}

export type ReportedStatus = 'sent' | 'delivered' | 'undelivered' | 'failed';

export interface AcceptedMessage {
  readonly message: OutboundSms;
  readonly providerMessageId: string;
}

export interface InboundSms {
  /** E.164 with '+'. */
  readonly from: string;
  readonly to: string;
  readonly body: string;
  /** Makes the fake flag the message as its provider does when a keyword matched (if it can). */
  readonly optOut?: OptOutKeyword;
}

export interface CallbackOutcome {
  /** What the adapter turned the provider's reports into, in arrival order. */
  readonly events: readonly ProviderEvent[];
  /** The product's answers to each webhook call, in order; empty for push providers. */
  readonly responses: readonly WebhookResponse[];
}

/** Drives a provider's fake. Addresses are E.164 with '+'; the fixture converts. */
export interface FakeControl {
  nextSubmit(scenario: SubmitScenario): void;
  /** Messages the fake created for this product message (matched the provider's way). */
  received(message: OutboundSms): readonly FakeSubmission[];
  /** Every message the fake created since setup. */
  totalReceived(): number;
  /**
   * Makes the provider report these statuses for an accepted message, in this order
   * (duplicates and reversals included); undelivered/failed carry an error code. Resolves
   * once the product has answered every report.
   */
  statusReports(accepted: AcceptedMessage, sequence: readonly ReportedStatus[]): Promise<CallbackOutcome>;
  /** Makes the provider deliver an inbound SMS `deliveries` times (default 1), like a redelivery. */
  inbound(sms: InboundSms, options?: { readonly deliveries?: number }): Promise<CallbackOutcome>;
  /** A callback of this kind with a tampered parameter and the original signature. Required unless signature is 'session'. */
  forgedCallback?(kind: WebhookKind): Promise<CallbackOutcome>;
  /** A correctly signed callback whose signed timestamp is 10 minutes old. Required for 'hmac-timestamp'. */
  staleCallback?(kind: WebhookKind): Promise<CallbackOutcome>;
}

export interface ProviderFixture {
  readonly provider: SmsProvider;
  readonly fake: FakeControl;
  /** Stops the adapter and the fake. */
  close(): Promise<void>;
}

export interface ProviderContractOptions {
  readonly name: string;
  readonly capabilities: ProviderCapabilities;
  /**
   * Starts a fresh fake and an adapter pointed at it, for one test. The adapter must give up
   * on an unanswered submission within a few hundred milliseconds (configure its timeout).
   * Events must carry `accountId`.
   */
  setup(context: { readonly accountId: string }): Promise<ProviderFixture>;
  /** Sender and recipient the fake accepts (defaults: +33939000001 → +33612345678). */
  readonly numbers?: { readonly sender: string; readonly recipient: string };
}

export const CONTRACT_ACCOUNT_ID = 'acc_contract';
const TEST_TIMEOUT_MS = 15_000;

export function runProviderContract(options: ProviderContractOptions): void {
  const { name, capabilities: caps } = options;
  const sender = options.numbers?.sender ?? '+33939000001';
  const recipient = options.numbers?.recipient ?? '+33612345678';
  let seq = 0;
  const outbound = (body: string, encoding: SmsEncodingName, segments: number): OutboundSms => {
    seq += 1;
    return {
      messageId: `m_contract_${seq}_${Math.random().toString(36).slice(2, 8)}`,
      accountId: CONTRACT_ACCOUNT_ID,
      from: sender,
      to: recipient,
      body,
      encoding,
      segments,
      attempt: 0,
    };
  };

  describe(`provider contract: ${name}`, { timeout: TEST_TIMEOUT_MS }, () => {
    let fx: ProviderFixture;
    beforeEach(async () => {
      fx = await options.setup({ accountId: CONTRACT_ACCOUNT_ID });
    });
    afterEach(async () => {
      await fx.close();
    });

    const submit = (message: OutboundSms): Promise<SubmitResult> => fx.provider.submit(message, new AbortController().signal);
    const accept = async (message: OutboundSms): Promise<AcceptedMessage> => {
      const result = await submit(message);
      if (result.kind !== 'accepted') throw new Error(`expected accepted, got ${JSON.stringify(result)}`);
      return { message, providerMessageId: result.providerMessageId };
    };
    const expectAll2xx = (outcome: CallbackOutcome): void => {
      for (const r of outcome.responses) expect(r.status >= 200 && r.status < 300, `answered ${r.status}`).toBe(true);
    };
    const expectSentOnce = (message: OutboundSms): FakeSubmission => {
      const created = fx.fake.received(message);
      expect(created).toHaveLength(1);
      const [only] = created;
      if (only === undefined) throw new Error('unreachable');
      return only;
    };

    describe('submit', () => {
      const cases: ReadonlyArray<{ label: string; body: string; encoding: SmsEncodingName; segments: number }> = [
        { label: 'a GSM-7 message', body: 'Your code is 4821. Reply STOP to opt out.', encoding: 'GSM-7', segments: 1 },
        { label: 'GSM-7 escapes ({[€]})', body: 'Total: 12€ [ref {A-7}] ~ok^', encoding: 'GSM-7', segments: 1 },
        { label: 'a UCS-2 message', body: 'Merci Zoë, à demain 🙂 你好', encoding: 'UCS-2', segments: 1 },
        { label: 'a two-part GSM-7 message', body: 'Your appointment is confirmed. '.repeat(7), encoding: 'GSM-7', segments: 2 },
        { label: 'a GSM-7 message of 8 parts (1,224 septets)', body: 'x'.repeat(1224), encoding: 'GSM-7', segments: 8 },
        { label: 'a three-part UCS-2 message with surrogate pairs', body: 'Привет 🙂 '.repeat(17), encoding: 'UCS-2', segments: 3 },
      ];
      for (const c of cases) {
        it(`sends ${c.label} once, whole, with its segment count`, async () => {
          const message = outbound(c.body, c.encoding, c.segments);
          const result = await submit(message);
          expect(result.kind).toBe('accepted');
          const created = expectSentOnce(message);
          if (result.kind === 'accepted') expect(result.providerMessageId).toBe(created.providerMessageId);
          expect(created).toMatchObject({ from: sender, to: recipient, body: c.body, segments: c.segments });
          if (created.encoding !== undefined) expect(created.encoding).toBe(c.encoding);
        });
      }

      it("maps the provider's retryable refusal to 'transient', with nothing sent, and a retry goes through", async () => {
        const message = outbound('Retry me', 'GSM-7', 1);
        fx.fake.nextSubmit('transient');
        const first = await submit(message);
        expect(first.kind).toBe('transient');
        expect(fx.fake.received(message)).toHaveLength(0);
        expect((await submit({ ...message, attempt: 1 })).kind).toBe('accepted');
        expectSentOnce(message);
      });

      it("maps the provider's permanent refusal to 'permanent' with its code, with nothing sent", async () => {
        const message = outbound('Never sent', 'GSM-7', 1);
        fx.fake.nextSubmit('permanent');
        const result = await submit(message);
        expect(result.kind).toBe('permanent');
        if (result.kind === 'permanent') expect(result.code).toEqual(expect.any(String));
        expect(fx.fake.received(message)).toHaveLength(0);
        expect(fx.fake.totalReceived()).toBe(0);
      });
    });

    describe('uncertain submissions and reconciliation (never a double send)', () => {
      it("a provider that takes the message and never answers gives 'uncertain' after the adapter's timeout", async () => {
        const message = outbound('Hang after commit', 'GSM-7', 1);
        fx.fake.nextSubmit('hang');
        const since = new Date(Date.now() - 1000);
        const started = Date.now();
        const result = await submit(message);
        expect(result.kind).toBe('uncertain');
        expect(Date.now() - started).toBeLessThan(TEST_TIMEOUT_MS / 2);
        const created = expectSentOnce(message);
        const reconciled = await fx.provider.reconcile(message, since);
        switch (caps.reconcile) {
          case 'lookup':
          case 'idempotent-replay':
            expect(reconciled).toMatchObject({ kind: 'found', providerMessageId: created.providerMessageId });
            break;
          case 'none':
            expect(reconciled.kind).toBe('unknown');
            break;
        }
        expectSentOnce(message);
      });

      it('a request lost on the way is reported not sent (look-up), sent exactly once (replay), or unknown', async () => {
        const message = outbound('Lost on the way', 'GSM-7', 1);
        fx.fake.nextSubmit('hang-unrecorded');
        const since = new Date(Date.now() - 1000);
        expect((await submit(message)).kind).toBe('uncertain');
        expect(fx.fake.received(message)).toHaveLength(0);
        const reconciled = await fx.provider.reconcile(message, since);
        switch (caps.reconcile) {
          case 'lookup':
            expect(reconciled.kind).toBe('not_found');
            expect(fx.fake.received(message)).toHaveLength(0);
            break;
          case 'idempotent-replay': {
            const created = expectSentOnce(message);
            expect(reconciled).toMatchObject({ kind: 'found', providerMessageId: created.providerMessageId });
            break;
          }
          case 'none':
            expect(reconciled.kind).toBe('unknown');
            expect(fx.fake.received(message)).toHaveLength(0);
            break;
        }
      });

      it('reconciling an accepted message finds the same provider id and sends nothing more', async () => {
        const message = outbound('Already accepted', 'GSM-7', 1);
        const since = new Date(Date.now() - 1000);
        const accepted = await accept(message);
        const reconciled = await fx.provider.reconcile(message, since);
        if (caps.reconcile === 'none') expect(reconciled.kind).toBe('unknown');
        else expect(reconciled).toMatchObject({ kind: 'found', providerMessageId: accepted.providerMessageId });
        expectSentOnce(message);
      });

      it(`a connection dropped after the provider took the request gives '${caps.droppedSubmit}', the next send goes through, nothing is sent twice`, async () => {
        const first = outbound('Dropped mid-answer', 'GSM-7', 1);
        const second = outbound('After the drop', 'GSM-7', 1);
        fx.fake.nextSubmit('drop');
        const since = new Date(Date.now() - 1000);
        expect((await submit(first)).kind).toBe(caps.droppedSubmit);
        await accept(second);
        expectSentOnce(second);
        const reconciled = await fx.provider.reconcile(first, since);
        if (caps.reconcile === 'none') expect(reconciled.kind).toBe('unknown');
        else expect(reconciled).toMatchObject({ kind: 'found', providerMessageId: expectSentOnce(first).providerMessageId });
        expect(fx.fake.received(first).length).toBeLessThanOrEqual(1);
      });
    });

    describe('status reports', () => {
      const sequences: ReadonlyArray<{ label: string; sequence: readonly ReportedStatus[]; final: MessageStatus }> = [
        { label: 'duplicated and out of order, ending delivered', sequence: ['delivered', 'sent', 'sent', 'delivered'], final: 'delivered' },
        { label: 'undelivered, then a contradicting delivered', sequence: ['sent', 'undelivered', 'undelivered', 'delivered'], final: 'undelivered' },
        { label: 'failed', sequence: ['sent', 'failed'], final: 'failed' },
      ];
      for (const s of sequences) {
        it(`maps a report sequence ${s.label}; applying it gives ${s.final}`, async () => {
          const accepted = await accept(outbound(`Status ${s.final}`, 'GSM-7', 1));
          const outcome = await fx.fake.statusReports(accepted, s.sequence);
          expectAll2xx(outcome);
          const statusEvents = outcome.events.map((e) => {
            if (e.type !== 'status') throw new Error(`expected a status event, got ${e.type}`);
            expect(e.accountId).toBe(CONTRACT_ACCOUNT_ID);
            expect(e.at).toBeInstanceOf(Date);
            return e;
          });
          if (caps.statusReports === 'per-message') {
            expect(statusEvents.map((e) => e.status)).toEqual(s.sequence);
          } else {
            expect(new Set(statusEvents.map((e) => e.status))).toEqual(new Set(s.sequence));
          }
          // Per-part adapters too: a part's receipt carries the part's own id, the message's for one part.
          for (const e of statusEvents) expect(e.providerMessageId).toBe(accepted.providerMessageId);
          for (const e of statusEvents) {
            if (e.status === 'undelivered' || e.status === 'failed') expect(e.errorCode).toEqual(expect.any(String));
          }
          const final = statusEvents.reduce<MessageStatus>((current, e) => transition(current, e.status).status, 'sent');
          expect(final).toBe(s.final);
        });
      }
    });

    describe('inbound messages', () => {
      const expectOneInbound = (outcome: CallbackOutcome, sms: InboundSms) => {
        expectAll2xx(outcome);
        expect(outcome.events).toHaveLength(1);
        const [event] = outcome.events;
        if (event?.type !== 'inbound') throw new Error('expected one inbound event');
        expect(event).toMatchObject({ accountId: CONTRACT_ACCOUNT_ID, from: sms.from, to: sms.to, body: sms.body });
        expect(event.providerMessageId).toEqual(expect.any(String));
        expect(event.at).toBeInstanceOf(Date);
        return event;
      };

      for (const body of ['Yes, 3pm works for me', 'Ça marche, merci ! 👍']) {
        it(`turns an inbound SMS into one inbound event: ${JSON.stringify(body)}`, async () => {
          const sms = { from: recipient, to: sender, body };
          const event = expectOneInbound(await fx.fake.inbound(sms), sms);
          expect(providerOptOut(event)).toBeUndefined();
        });
      }

      it('a redelivered inbound SMS keeps its dedupe key (the provider message id)', async () => {
        const sms = { from: recipient, to: sender, body: 'Delivered twice' };
        const outcome = await fx.fake.inbound(sms, { deliveries: 2 });
        const ids = outcome.events.map((e) => e.providerMessageId);
        expect(ids).toHaveLength(2);
        expect(ids[0]).toBe(ids[1]);
      });

      it(`a long inbound SMS arrives ${caps.inboundLong === 'whole' ? 'whole' : 'in parts that join back'}`, async () => {
        const body = 'This is a long reply from the customer that spans several segments. '.repeat(5);
        const outcome = await fx.fake.inbound({ from: recipient, to: sender, body });
        const bodies = outcome.events.map((e) => (e.type === 'inbound' ? e.body : ''));
        if (caps.inboundLong === 'whole') expect(bodies).toEqual([body]);
        else expect(bodies.join('')).toBe(body);
      });

      for (const keyword of ['STOP', 'START'] as const) {
        it(`an inbound ${keyword} is an inbound event${caps.optOutFlag ? ` flagged optOut=${keyword}` : ' with the keyword in its body'}`, async () => {
          const sms = { from: recipient, to: sender, body: keyword, optOut: keyword };
          const event = expectOneInbound(await fx.fake.inbound(sms), { from: sms.from, to: sms.to, body: sms.body });
          expect(providerOptOut(event)).toBe(caps.optOutFlag ? keyword : undefined);
        });
      }
    });

    describe('callback authentication', () => {
      it(`reports arrive through ${caps.events === 'webhook' ? 'handleWebhook' : 'onEvent'}`, () => {
        if (caps.events === 'webhook') {
          expect(isWebhookHandler(fx.provider)).toBe(true);
          expect(caps.refusedSignatureStatus).toEqual(expect.any(Number));
        } else {
          expect(typeof fx.provider.onEvent).toBe('function');
        }
      });

      const sessionNote = "reports come over the provider's authenticated session: there is no callback to sign";
      for (const kind of ['status', 'inbound'] as const) {
        it(`refuses ${kind === 'status' ? 'a status' : 'an inbound'} callback with a bad signature: ${caps.refusedSignatureStatus ?? 'n/a'}, no events`, async (ctx) => {
          if (caps.signature === 'session') return ctx.skip(sessionNote);
          if (fx.fake.forgedCallback === undefined) throw new Error('the fixture must implement forgedCallback');
          const outcome = await fx.fake.forgedCallback(kind);
          expect(outcome.events).toHaveLength(0);
          expect(outcome.responses.map((r) => r.status)).toEqual([caps.refusedSignatureStatus]);
        });
      }

      if (caps.signature === 'hmac-timestamp') {
        for (const kind of ['status', 'inbound'] as const) {
          it(`refuses a correctly signed ${kind === 'status' ? 'status' : 'inbound'} callback whose timestamp is stale`, async () => {
            if (fx.fake.staleCallback === undefined) throw new Error('the fixture must implement staleCallback');
            const outcome = await fx.fake.staleCallback(kind);
            expect(outcome.events).toHaveLength(0);
            expect(outcome.responses.map((r) => r.status)).toEqual([caps.refusedSignatureStatus]);
          });
        }
      } else {
        it('with no signed timestamp, a replayed report still verifies and carries the same dedupe key', async (ctx) => {
          if (caps.signature === 'session') return ctx.skip(sessionNote);
          const accepted = await accept(outbound('Replayed report', 'GSM-7', 1));
          const outcome = await fx.fake.statusReports(accepted, ['delivered', 'delivered']);
          expectAll2xx(outcome);
          const keys = outcome.events.map((e) => (e.type === 'status' ? `${e.providerMessageId}|${e.status}|${(e as StatusEvent).providerStatus ?? ''}` : e.type));
          expect(keys).toHaveLength(caps.statusReports === 'per-message' ? 2 : keys.length);
          expect(new Set(keys).size).toBe(keys.length / 2);
        });
      }
    });

    describe('connection test', () => {
      it('checks the connection without sending anything', async (ctx) => {
        if (!isConnectionTester(fx.provider)) return ctx.skip('this adapter offers no connection test');
        await expect(fx.provider.testConnection()).resolves.toEqual({ ok: true });
        expect(fx.fake.totalReceived()).toBe(0);
      });
    });
  });
}
