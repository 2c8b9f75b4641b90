import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { ProviderEvent, SmsProvider } from '../domain/ports.js';
import type { BackoffPolicy } from './backoff.js';

/** Which provider serves an account: each account may have its own. */
export type ProviderRegistry = (accountId: string) => SmsProvider | Promise<SmsProvider>;

export type InboundEvent = Extract<ProviderEvent, { type: 'inbound' }>;

export interface WakeSubscription {
  subscribe(callback: () => void): Promise<() => Promise<void>>;
}

export interface DispatcherLogger {
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void;
  error(message: string, fields?: Readonly<Record<string, unknown>>): void;
}

export interface DispatcherOptions {
  readonly db: Kysely<Database>;
  readonly providers: ProviderRegistry;
  /** Wake-ups from producers (WakeBus on OUTBOX_CHANNEL); polling covers missed ones. */
  readonly wake?: WakeSubscription;
  /** Told after status events are committed, so live streams look at once. */
  readonly events?: { wake(): void };
  /** Inbound messages pushed by providers (SMPP, simulator): the receive use case. */
  readonly onInbound?: (event: InboundEvent, provider: string) => Promise<unknown>;
  /** Names this dispatcher in leases (locked_by). Default: host, pid and a random suffix. */
  readonly workerId?: string;
  /** Submissions in flight at once. 64 x (1 s / 20 ms of provider latency) = 3,200/s max. */
  readonly concurrency?: number;
  readonly pollIntervalMs?: number;
  /** How long a claim is held; must outlast a submission and its pacing wait. */
  readonly leaseMs?: number;
  readonly submitTimeoutMs?: number;
  /** After an uncertain submission, how long to let a late acceptance land before asking. */
  readonly reconcileDelayMs?: number;
  /** Tries before a transient failure becomes a rejection (refunded) or a doubt a review. */
  readonly maxAttempts?: number;
  readonly backoff?: BackoffPolicy;
  /** Injectable for deterministic tests. */
  readonly random?: () => number;
  readonly logger?: DispatcherLogger;
}

export interface DispatcherStats {
  claimed: number;
  sent: number;
  retried: number;
  rejected: number;
  inDoubt: number;
  reconciled: number;
  flagged: number;
  released: number;
}

export interface Dispatcher {
  readonly workerId: string;
  start(): Promise<void>;
  /** Finishes what is in flight, records it, hands back the rest, then resolves. */
  stop(): Promise<void>;
  /** For producers in this process: look for work now. */
  notify(): void;
  /**
   * Listens to a push provider's reports and inbound messages from now on. The dispatcher
   * does it itself the first time it sends through a provider; a composition root calls it
   * when it creates one, so inbound messages are heard before the first send.
   */
  watch(provider: SmsProvider): void;
  readonly stats: Readonly<DispatcherStats>;
}
