// One timer for every live stream's heartbeat instead of one per stream. The streams are spread
// over `slots` turns of one period: each tick re-checks one turn's sessions in a few batched
// reads (recheckSessions) and pings them, so ten thousand streams cost ~670 checks a second in
// a handful of queries rather than ~1,300 queries a second and 10,000 timers.
import type { SessionCheck } from '../auth/recheck-sessions.js';

export interface Beating {
  /** The stream's session id hash. */
  readonly idHash: string;
  /** The session's state now; 'unknown' when it could not be read (the stream goes on). */
  beat(check: SessionCheck | 'unknown'): void;
}

const BATCH = 1_000;

export class Heartbeats {
  private readonly slots: Set<Beating>[];
  private readonly slotOf = new Map<Beating, number>();
  private tick = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly check: (idHashes: readonly string[]) => Promise<Map<string, SessionCheck>>,
    private readonly periodMs = 15_000,
    slots = 15,
  ) {
    this.slots = Array.from({ length: slots }, () => new Set());
  }

  get size(): number {
    return this.slotOf.size;
  }

  /** First beat one period (less at most one tick) from now; returns the removal. */
  add(b: Beating): () => void {
    const slot = (this.tick + this.slots.length - 1) % this.slots.length;
    this.slots[slot]!.add(b);
    this.slotOf.set(b, slot);
    if (!this.timer) {
      this.timer = setInterval(() => void this.sweep(), this.periodMs / this.slots.length);
      this.timer.unref();
    }
    return () => this.remove(b);
  }

  private remove(b: Beating): void {
    const slot = this.slotOf.get(b);
    if (slot === undefined) return;
    this.slotOf.delete(b);
    this.slots[slot]!.delete(b);
    if (this.slotOf.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  private async sweep(): Promise<void> {
    const due = [...this.slots[this.tick % this.slots.length]!];
    this.tick++;
    for (let i = 0; i < due.length; i += BATCH) {
      const chunk = due.slice(i, i + BATCH);
      let checks: Map<string, SessionCheck> | null = null;
      try {
        checks = await this.check(chunk.map((b) => b.idHash));
      } catch {
        // The database is away: the streams go on and are checked again next turn.
      }
      for (const b of chunk) {
        // Gone meanwhile: nothing to tell.
        if (!this.slotOf.has(b)) continue;
        b.beat(checks ? (checks.get(b.idHash) ?? null) : 'unknown');
      }
    }
  }
}
