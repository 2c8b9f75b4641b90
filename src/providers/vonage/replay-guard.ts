// Product policy on signed webhooks (reference §3, §6): a `timestamp` more than 5 minutes away from now is refused,
// and so is a `nonce` seen before with another signature. The same nonce with the same signature is the same
// request sent again (Vonage resends until it gets a 200, and a 200 can be lost): it is let through, its events are
// idempotent, and the timestamp window bounds how long that stays possible.

export type ReplayVerdict = 'fresh' | 'redelivery' | 'stale' | 'replayed';

export interface ReplayGuardOptions {
  readonly maxSkewMs: number;
  readonly maxNonces: number;
  readonly now: () => number;
}

export class ReplayGuard {
  private readonly nonces = new Map<string, { sig: string; expiresAt: number }>();

  constructor(private readonly options: ReplayGuardOptions) {}

  check(timestamp: string | undefined, nonce: string | undefined, sig: string): ReplayVerdict {
    const now = this.options.now();
    const ts = Number(timestamp);
    if (!timestamp || !Number.isFinite(ts) || Math.abs(now - ts * 1000) > this.options.maxSkewMs) return 'stale';
    this.prune(now);
    if (!nonce) return 'fresh';
    const seen = this.nonces.get(nonce);
    if (seen) return seen.sig.toLowerCase() === sig.toLowerCase() ? 'redelivery' : 'replayed';
    this.nonces.set(nonce, { sig, expiresAt: now + 2 * this.options.maxSkewMs });
    return 'fresh';
  }

  private prune(now: number): void {
    for (const [nonce, entry] of this.nonces) {
      if (entry.expiresAt > now && this.nonces.size < this.options.maxNonces) break;
      this.nonces.delete(nonce);
    }
  }
}
