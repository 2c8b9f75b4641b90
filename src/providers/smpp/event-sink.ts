// Hands provider events to the product. A listener may return a promise (the product persisting the event): the
// caller learns whether every listener took it, so a deliver_sm is answered 0 only once the event is safe and
// otherwise the SMSC delivers it again. Events that have no PDU to answer (an incomplete inbound message given up
// on) are kept and offered again until a listener takes them.
import type { ProviderEvent } from '../../domain/ports.js';

export type EventListener = (event: ProviderEvent) => void;

export class EventSink {
  private readonly listeners = new Set<EventListener>();
  private readonly held: ProviderEvent[] = [];
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(private readonly retryMs: number) {}

  add(listener: EventListener): void {
    this.listeners.add(listener);
    void this.flushHeld();
  }

  /** true when every listener accepted the event. */
  async deliver(event: ProviderEvent): Promise<boolean> {
    if (this.listeners.size === 0) return false;
    try {
      for (const listener of this.listeners) await (listener(event) as unknown);
      return true;
    } catch {
      return false;
    }
  }

  /** For events nobody can be asked to resend. */
  async deliverOrHold(event: ProviderEvent): Promise<void> {
    if (!(await this.deliver(event))) {
      this.held.push(event);
      this.scheduleRetry();
    }
  }

  get heldCount(): number {
    return this.held.length;
  }

  close(): void {
    clearTimeout(this.retryTimer);
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.flushHeld();
    }, this.retryMs);
    this.retryTimer.unref();
  }

  private async flushHeld(): Promise<void> {
    while (this.held.length > 0) {
      const next = this.held[0];
      if (!next || !(await this.deliver(next))) {
        this.scheduleRetry();
        return;
      }
      this.held.shift();
    }
  }
}
