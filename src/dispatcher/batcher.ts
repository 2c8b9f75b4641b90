// Groups results that arrive one by one into batched writes: while one write runs, the
// next batch fills up, so the batch size follows the load with no timer and no added delay
// when idle.

export class Batcher<T> {
  private queue: { item: T; done: () => void; fail: (e: unknown) => void }[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly maxBatch: number,
  ) {}

  /** Resolves once the item's batch is written. */
  add(item: T): Promise<void> {
    return new Promise((done, fail) => {
      this.queue.push({ item, done, fail });
      this.running ??= this.drain();
    });
  }

  /** Resolves when everything added so far is written. */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    // Let the results of the same tick join the first batch.
    await new Promise((r) => setImmediate(r));
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          await this.write(batch.map((b) => b.item));
          for (const b of batch) b.done();
        } catch (e) {
          for (const b of batch) b.fail(e);
        }
      }
    } finally {
      this.running = null;
    }
  }
}
