// Push-style providers report delivery and inbound messages on their own; each provider
// instance is listened to once, however many accounts share it.
import type { Kysely } from 'kysely';
import { applyStatusReports, type StatusReport } from '../db/outbox.js';
import type { Database } from '../db/schema.js';
import type { ProviderEvent, SmsProvider } from '../domain/ports.js';
import { Batcher } from './batcher.js';
import { statusReportOf } from './status-report-of.js';
import type { DispatcherLogger, InboundEvent } from './types.js';

export interface ProviderEventSink {
  readonly db: Kysely<Database>;
  readonly onInbound: ((event: InboundEvent, provider: string) => Promise<unknown>) | undefined;
  readonly afterChange: () => void;
  readonly logger: DispatcherLogger;
}

export class ProviderEventListener {
  private readonly watched = new WeakSet<SmsProvider>();
  private readonly pending = new Set<Promise<void>>();
  // Receipts arrive at the sending rate: applied many per transaction.
  private readonly reports: Batcher<StatusReport>;

  constructor(private readonly sink: ProviderEventSink) {
    this.reports = new Batcher((batch) => applyStatusReports(sink.db, batch).then(() => undefined), 500);
  }

  watch(provider: SmsProvider): void {
    if (!provider.onEvent || this.watched.has(provider)) return;
    this.watched.add(provider);
    provider.onEvent((event) => this.track(this.apply(provider.name, event)));
  }

  /** Resolves when every event received so far is applied. */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private track(p: Promise<void>): void {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  private async apply(provider: string, event: ProviderEvent): Promise<void> {
    try {
      if (event.type === 'status') {
        await this.reports.add(statusReportOf(provider, event));
      } else if (this.sink.onInbound) {
        await this.sink.onInbound(event, provider);
      } else {
        this.sink.logger.error('inbound message with no receiver configured: it stays with the provider', { provider, providerMessageId: event.providerMessageId });
        return;
      }
      this.sink.afterChange();
    } catch (e) {
      this.sink.logger.error('provider event not applied', { provider, type: event.type, providerMessageId: event.providerMessageId, error: e instanceof Error ? e.message : String(e) });
    }
  }
}
