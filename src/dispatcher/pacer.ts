// Spaces the submissions of each SMS number at its send_rate_per_second (providers and
// carriers throttle or drop above a sender's rate). Virtual scheduling (GCRA): each number
// has the time its next slot opens; reserving a slot pushes it by 1/rate.
// The pace holds per dispatcher process: N processes sharing a number may reach N x rate.

export class Pacer {
  private readonly nextSlot = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Takes the number's next slot; returns how many ms to wait before using it. */
  reserve(key: string, ratePerSecond: number): number {
    const now = this.now();
    const slot = Math.max(now, this.nextSlot.get(key) ?? 0);
    this.nextSlot.set(key, slot + 1000 / ratePerSecond);
    return slot - now;
  }

  /** Numbers whose reserved slots already reach beyond `horizonMs` from now. */
  saturated(horizonMs: number): string[] {
    const now = this.now();
    const out: string[] = [];
    for (const [key, slot] of this.nextSlot) {
      if (slot <= now) this.nextSlot.delete(key);
      else if (slot - now > horizonMs) out.push(key);
    }
    return out;
  }
}
