// A write that records what a provider already did (accepted, refused, in doubt) is worth
// retrying through a database outage: if it is dropped, the message waits for its lease to
// run out and is then reconciled with the provider, which takes a lease (60 s by default)
// instead of the seconds a restart or failover takes. Only "the database is away" is retried;
// any other error is a real answer.
import { isDatabaseUnavailable } from '../db/unavailable.js';

const STEPS_MS = [100, 250, 500, 1000, 2000] as const;

export async function retryWhileUnavailable<T>(run: () => Promise<T>, budgetMs: number, signal: AbortSignal): Promise<T> {
  const deadline = Date.now() + budgetMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      const wait = STEPS_MS[Math.min(attempt, STEPS_MS.length - 1)]!;
      if (!isDatabaseUnavailable(e) || signal.aborted || Date.now() + wait > deadline) throw e;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
