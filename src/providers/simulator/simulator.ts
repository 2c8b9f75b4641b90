// A provider that sends nothing anywhere but behaves like one: it answers after a latency,
// fails at configured rates, reports delivery later, can have the recipient reply, and
// remembers what it accepted so an uncertain hand-off can be reconciled. Chosen per account
// by configuration (provider_type 'simulator'), for demos, load tests and development.
import type { Clock, OutboundSms, ProviderEvent, ReconcileResult, SmsProvider, SubmitResult } from '../../domain/ports.js';
import type { MessageStatus } from '../../domain/messages/status.js';
import type { ConnectionTestResult } from '../webhook.js';
import type { SimulatorConfig } from './config.js';

export interface SimulatorDeps {
  /** Uniform in [0, 1): inject a seeded one for repeatable runs. */
  readonly random?: () => number;
  readonly clock?: Clock;
}

interface Accepted {
  readonly providerMessageId: string;
  status: MessageStatus;
}

export interface SimulatorProvider extends SmsProvider {
  /** How many times each message id was handed over (accepted or not). */
  submissions(messageId: string): number;
  /** There is nothing to reach: the settings parsed, so it works. */
  testConnection(): Promise<ConnectionTestResult>;
}

export function createSimulatorProvider(config: SimulatorConfig, deps: SimulatorDeps = {}): SimulatorProvider {
  const random = deps.random ?? Math.random;
  const clock = deps.clock ?? { now: () => new Date() };
  const accepted = new Map<string, Accepted>();
  const handedOver = new Map<string, number>();
  const listeners: ((e: ProviderEvent) => void)[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let seq = 0;
  let closed = false;
  // Provider ids stay unique across restarts of a process that kept its database.
  const startedAt = clock.now().getTime();
  const instance = startedAt.toString(36);

  const emit = (e: ProviderEvent) => {
    for (const l of listeners) l(e);
  };

  function later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      timers.delete(t);
      if (!closed) fn();
    }, ms);
    // Pending reports must not keep a stopping process alive.
    t.unref();
    timers.add(t);
  }

  function answerAfter(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const t = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(t);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  function deliverLater(sms: OutboundSms, record: Accepted, status: MessageStatus): void {
    later(config.deliveryDelayMs, () => {
      record.status = status;
      const errorCode = status === 'failed' ? { errorCode: 'SIM_UNDELIVERABLE' } : status === 'undelivered' ? { errorCode: 'SIM_UNDELIVERED' } : {};
      emit({ type: 'status', accountId: sms.accountId, providerMessageId: record.providerMessageId, status, ...errorCode, at: clock.now() });
      const reply = config.autoReply;
      if (status === 'delivered' && reply) {
        later(reply.delayMs, () => {
          emit({ type: 'inbound', accountId: sms.accountId, providerMessageId: `sim-in-${++seq}`, from: sms.to, to: sms.from, body: reply.text, at: clock.now() });
        });
      }
    });
  }

  return {
    name: 'simulator',
    async submit(sms, signal) {
      await answerAfter(config.latencyMs, signal);
      handedOver.set(sms.messageId, (handedOver.get(sms.messageId) ?? 0) + 1);
      if (config.outcome !== 'random') return chosen(sms);
      const r = random();
      if (r < config.permanentFailureRate) return { kind: 'permanent', error: 'simulated refusal', code: 'SIM_REJECTED' } satisfies SubmitResult;
      if (r < config.permanentFailureRate + config.transientFailureRate) return { kind: 'transient', error: 'simulated outage', code: 'SIM_UNAVAILABLE' };
      // Drawn now, not when the report fires: the draws then follow the submissions' order
      // only, and a seed replays the same run.
      const fate: MessageStatus = random() < config.failedRate ? 'failed' : 'delivered';
      const record: Accepted = { providerMessageId: `sim-${instance}-${++seq}`, status: 'sent' };
      accepted.set(sms.messageId, record);
      deliverLater(sms, record, fate);
      return { kind: 'accepted', providerMessageId: record.providerMessageId };
    },
    async reconcile(sms, since): Promise<ReconcileResult> {
      const record = accepted.get(sms.messageId);
      if (record) return { kind: 'found', providerMessageId: record.providerMessageId, status: record.status };
      // Its memory is this process's: a hand-off from before it started may have been
      // accepted by a previous instance, and only a person can tell.
      return since.getTime() < startedAt ? { kind: 'unknown' } : { kind: 'not_found' };
    },
    onEvent(listener) {
      listeners.push(listener);
    },
    async close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
    submissions: (messageId) => handedOver.get(messageId) ?? 0,
    testConnection: async () => ({ ok: true }),
  };

  /** The outcome an administrator chose for the next sends, instead of the rates' draw. */
  function chosen(sms: OutboundSms): SubmitResult {
    if (config.outcome === 'rejected') return { kind: 'permanent', error: 'simulated refusal', code: 'SIM_REJECTED' };
    const record: Accepted = { providerMessageId: `sim-${instance}-${++seq}`, status: 'sent' };
    accepted.set(sms.messageId, record);
    deliverLater(sms, record, config.outcome === 'failed' ? 'failed' : config.outcome === 'undelivered' ? 'undelivered' : 'delivered');
    return { kind: 'accepted', providerMessageId: record.providerMessageId };
  }
}
