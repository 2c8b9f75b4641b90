// A small read-through cache for facts that change rarely (an agent's profile, numbers and
// templates). Reading them costs the database more than the rest of a send together (1.8k/s
// for that one query here against 5.5k/s for the account's facts), so a send re-reads them at
// most every `ttlMs`: an administrator's change reaches every instance within that delay.
export class TtlCache<V> {
  private readonly entries = new Map<string, { at: number; value: Promise<V> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  delete(key: string): void {
    this.entries.delete(key);
  }

  get(key: string, load: () => Promise<V>): Promise<V> {
    const t = this.now();
    const hit = this.entries.get(key);
    if (hit && t - hit.at < this.ttlMs) return hit.value;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    const value = load();
    this.entries.set(key, { at: t, value });
    // A failed read is not remembered.
    value.catch(() => this.entries.get(key)?.value === value && this.entries.delete(key));
    return value;
  }
}
