// Drains queued messages to their providers: claim -> (reconcile) -> pace -> submit ->
// record. Any number of dispatchers, in one process or many on one PostgreSQL, share the
// queue; a message reaches its provider once (spec D8) because a hand-off whose outcome is
// unknown is never repeated before the provider has been asked.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import {
  claimDue,
  claimExpired,
  flagForReview,
  markInDoubt,
  markSent,
  purgeStalePendingReports,
  rejectMessage,
  releaseClaims,
  requeueMessage,
  type ClaimedMessage,
  type FailureInfo,
  type HeldClaim,
  type SentRecord,
} from '../db/outbox.js';
import type { SmsProvider } from '../domain/ports.js';
import { DEFAULT_BACKOFF, retryDelayMs } from './backoff.js';
import { Batcher } from './batcher.js';
import { Latch } from './latch.js';
import { Pacer } from './pacer.js';
import { reconcileWithin, submitWithin, toOutbound } from './provider-calls.js';
import { ProviderEventListener } from './provider-events.js';
import type { Dispatcher, DispatcherLogger, DispatcherOptions, DispatcherStats } from './types.js';
import { retryWhileUnavailable } from './while-unavailable.js';

const consoleLogger: DispatcherLogger = {
  warn: (message, fields) => console.warn(`dispatcher: ${message}`, fields ?? ''),
  error: (message, fields) => console.error(`dispatcher: ${message}`, fields ?? ''),
};

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const db = options.db;
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const concurrency = options.concurrency ?? 64;
  const pollMs = options.pollIntervalMs ?? 1000;
  const leaseMs = options.leaseMs ?? 60_000;
  const submitTimeoutMs = options.submitTimeoutMs ?? 15_000;
  const reconcileDelayMs = options.reconcileDelayMs ?? 5_000;
  const maxAttempts = options.maxAttempts ?? 25;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const random = options.random ?? Math.random;
  const logger = options.logger ?? consoleLogger;
  // One claim feeds about a second of each number's pace; the pacer waits within it.
  const horizonMs = 1000;
  if (submitTimeoutMs + horizonMs >= leaseMs) {
    throw new RangeError(`leaseMs (${leaseMs}) must exceed submitTimeoutMs + ${horizonMs} ms of pacing (${submitTimeoutMs + horizonMs})`);
  }

  const stats: DispatcherStats = { claimed: 0, sent: 0, retried: 0, rejected: 0, inDoubt: 0, reconciled: 0, flagged: 0, released: 0 };
  const latch = new Latch();
  const pacer = new Pacer();
  const active = new Map<string, Promise<void>>();
  /** Claimed and not yet handed to a provider: given back on stop. */
  const held = new Map<string, HeldClaim>();
  const stopping = new AbortController();
  const afterChange = () => options.events?.wake();
  const listener = new ProviderEventListener({ db, onInbound: options.onInbound, afterChange, logger });
  const sentBatcher = new Batcher<SentRecord>((batch) => recordSent(batch), 200);

  let running = false;
  let loopDone: Promise<void> | null = null;
  let unsubscribe: (() => Promise<void>) | null = null;
  let lastReclaim = 0;
  let lastPurge = 0;
  const lowWater = Math.floor((concurrency * 3) / 4);

  // Within the claim's lease what this worker learnt can still be recorded by it; past that
  // the message is reclaimed and reconciled anyway.
  const recordBudgetMs = leaseMs - submitTimeoutMs - horizonMs;
  const write = <T>(run: () => Promise<T>) => retryWhileUnavailable(run, recordBudgetMs, stopping.signal);

  async function recordSent(batch: SentRecord[]): Promise<void> {
    try {
      await write(() => markSent(db, workerId, batch));
      return;
    } catch (e) {
      if (batch.length === 1) throw e;
      logger.warn('batch record failed, recording one by one', { size: batch.length, error: describe(e) });
    }
    // One bad record (a provider id used twice) must not hold back the others.
    for (const r of batch) {
      try {
        await markSent(db, workerId, [r]);
      } catch (e) {
        logger.error('accepted message could not be recorded: flagged for review', { messageId: r.messageId, error: describe(e) });
        await flagForReview(db, workerId, r.messageId, `accepted by the provider as ${r.providerMessageId} but not recorded: ${describe(e)}`).catch(() => undefined);
      }
    }
  }

  async function providerFor(accountId: string): Promise<SmsProvider> {
    const p = await options.providers(accountId);
    listener.watch(p);
    return p;
  }

  async function retryLater(m: ClaimedMessage, failure: FailureInfo, retryAfterMs?: number): Promise<void> {
    if (m.attempts >= maxAttempts) {
      // Never handed over successfully: refunded like a rejection.
      await write(() => rejectMessage(db, workerId, m.id, { error: `gave up after ${m.attempts} attempts: ${failure.error}`, code: failure.code ?? 'RETRIES_EXHAUSTED' }));
      stats.rejected++;
      return;
    }
    await write(() => requeueMessage(db, workerId, m.id, retryDelayMs(m.attempts, backoff, random, retryAfterMs), failure));
    stats.retried++;
  }

  async function stillInDoubt(m: ClaimedMessage, error: string): Promise<void> {
    if (m.attempts >= maxAttempts) {
      await flagForReview(db, workerId, m.id, error);
      stats.flagged++;
    } else {
      await markInDoubt(db, workerId, m.id, retryDelayMs(m.attempts, backoff, random), error);
      stats.inDoubt++;
    }
  }

  /** Pacing waits, ended early (false) by stop(). */
  const sleepers = new Set<() => void>();
  function waitFor(ms: number): Promise<boolean> {
    if (stopping.signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(t);
        sleepers.delete(wake);
        resolve(false);
      };
      const t = setTimeout(() => {
        sleepers.delete(wake);
        resolve(true);
      }, ms);
      sleepers.add(wake);
    });
  }

  async function handle(m: ClaimedMessage): Promise<void> {
    let provider: SmsProvider;
    try {
      provider = await providerFor(m.accountId);
    } catch (e) {
      held.delete(m.id);
      const error = `no provider for the account: ${describe(e)}`;
      if (m.inDoubt) await stillInDoubt(m, error);
      else await retryLater(m, { error, code: 'NO_PROVIDER' });
      return;
    }
    const sms = toOutbound(m, provider.submits);

    if (m.inDoubt) {
      const since = m.previousSubmittedAt ?? new Date(Date.now() - leaseMs * 2);
      const r = await reconcileWithin(provider, sms, since, submitTimeoutMs);
      if (r.kind === 'error') {
        held.delete(m.id);
        await stillInDoubt(m, r.error);
        return;
      }
      if (r.kind === 'unknown') {
        held.delete(m.id);
        await flagForReview(db, workerId, m.id, 'the provider cannot tell whether it received this message: not resent');
        stats.flagged++;
        return;
      }
      if (r.kind === 'found') {
        held.delete(m.id);
        await sentBatcher.add({ messageId: m.id, accountId: m.accountId, provider: provider.name, providerMessageId: r.providerMessageId, ...(r.status ? { reportedStatus: r.status } : {}) });
        stats.reconciled++;
        return;
      }
      // not_found: it never arrived, so sending it now is its first delivery.
      held.set(m.id, { id: m.id, inDoubt: false });
    }

    if (m.smsNumberId !== null && m.sendRatePerSecond !== null) {
      const wait = pacer.reserve(m.smsNumberId, m.sendRatePerSecond);
      // Below a millisecond the timer would round up and slow fast numbers for nothing.
      if (wait >= 1 && !(await waitFor(wait))) return; // stopping: released by stop()
    }
    if (stopping.signal.aborted) return;

    held.delete(m.id);
    const result = await submitWithin(provider, sms, submitTimeoutMs);
    switch (result.kind) {
      case 'accepted':
        await sentBatcher.add({
          messageId: m.id,
          accountId: m.accountId,
          provider: provider.name,
          providerMessageId: result.providerMessageId,
          ...(result.partMessageIds ? { partIds: result.partMessageIds } : {}),
          ...(result.failedParts ? { failedParts: result.failedParts } : {}),
        });
        stats.sent++;
        break;
      case 'transient':
        await retryLater(m, { error: result.error, code: result.code ?? null }, result.retryAfterMs);
        break;
      case 'permanent':
        await write(() => rejectMessage(db, workerId, m.id, { error: result.error, code: result.code ?? null }));
        stats.rejected++;
        break;
      case 'uncertain':
        if (m.attempts >= maxAttempts) {
          await flagForReview(db, workerId, m.id, result.error);
          stats.flagged++;
        } else {
          await write(() => markInDoubt(db, workerId, m.id, reconcileDelayMs, result.error));
          stats.inDoubt++;
        }
        break;
    }
  }

  function launch(m: ClaimedMessage): void {
    stats.claimed++;
    held.set(m.id, { id: m.id, inDoubt: m.inDoubt });
    const task = handle(m)
      .then(afterChange)
      .catch((e: unknown) => {
        // The lease runs out and the message is reclaimed in doubt: nothing is lost.
        logger.error('message handling failed; it will be reconciled after its lease', { messageId: m.id, error: describe(e) });
      })
      .finally(() => {
        active.delete(m.id);
        // A sent message may unblock the next one of its conversation. Otherwise claim again
        // once a quarter of the slots are free: claiming for every freed slot made the claim
        // loop the bottleneck (one round trip per message).
        if (m.interactionId !== null || active.size <= lowWater) latch.notify();
      });
    active.set(m.id, task);
  }

  async function claimRound(): Promise<boolean> {
    let free = concurrency - active.size;
    if (free <= 0) return false;
    if (Date.now() - lastReclaim >= pollMs) {
      lastReclaim = Date.now();
      const expired = await claimExpired(db, { workerId, limit: free, leaseMs });
      for (const m of expired) launch(m);
      free -= expired.length;
    }
    if (Date.now() - lastPurge >= 3_600_000) {
      lastPurge = Date.now();
      await purgeStalePendingReports(db);
    }
    if (free <= 0 || !running) return true;
    const limit = Math.min(free, 500);
    const due = await claimDue(db, { workerId, limit, leaseMs, horizonMs, excludeNumbers: pacer.saturated(horizonMs) });
    for (const m of due) launch(m);
    return due.length === limit;
  }

  async function loop(): Promise<void> {
    let failures = 0;
    while (running) {
      let more = false;
      try {
        more = await claimRound();
        failures = 0;
      } catch (e) {
        failures++;
        logger.error('claim failed', { error: describe(e), failures });
        // Capped low: after an outage the queue should move again within seconds of recovery.
        await latch.wait(Math.min(pollMs * failures, 5_000));
        continue;
      }
      if (more && active.size < concurrency) continue;
      await latch.wait(pollMs);
    }
  }

  return {
    workerId,
    stats,
    notify: () => latch.notify(),
    watch: (provider) => listener.watch(provider),
    async start() {
      if (running) return;
      running = true;
      if (options.wake) unsubscribe = await options.wake.subscribe(() => latch.notify());
      loopDone = loop();
    },
    async stop() {
      if (!running) return;
      running = false;
      latch.notify();
      await loopDone;
      // Pacing waits end now; submissions already in flight finish (bounded by the timeout).
      stopping.abort();
      for (const wake of [...sleepers]) wake();
      while (active.size > 0) await Promise.allSettled([...active.values()]);
      await sentBatcher.flush();
      if (held.size > 0) {
        stats.released += await releaseClaims(db, workerId, [...held.values()]);
        held.clear();
      }
      await listener.settle();
      await unsubscribe?.();
      afterChange();
    },
  };
}
