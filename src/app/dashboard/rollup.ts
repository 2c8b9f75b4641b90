// Folds the delivery deltas into delivery_stats (migration 0017). Any instance may call it at any
// time: one runs, the others return at once (advisory lock); a crash in the middle folds nothing.
import { sql } from 'kysely';
import type { Db } from '../context.js';

/** Rows of delivery_stats written, or -1 when another roll-up was running. */
export async function rollUpDeliveryStats(db: Db): Promise<number> {
  const r = await sql<{ n: string }>`select delivery_stats_rollup()::text as n`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Rolls up every intervalMs until stopped; a failed round is retried at the next tick. */
export function startDeliveryStatsRollup(db: Db, opts: { intervalMs?: number; onError?: (e: unknown) => void } = {}): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = rollUpDeliveryStats(db)
      .catch((e: unknown) => opts.onError?.(e))
      .finally(() => {
        running = null;
      });
  }, opts.intervalMs ?? 2000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
