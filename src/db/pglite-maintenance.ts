// PGlite runs PostgreSQL as a single backend: there is no autovacuum worker (the setting
// says 'on', nothing runs). Without statistics the planner guessed 2 due messages out of
// 5,000 and sorted them all: 10 ms per claim instead of 0.7 ms after ANALYZE, measured here.
// Without VACUUM, every status change (3 per message) leaves a dead row for ever. So the
// embedded database looks after itself, on timers that never keep the process alive.
import { sql, type Kysely } from 'kysely';
import { analyzeDue } from './analyze-policy.js';
import type { Database } from './schema.js';

/**
 * Statistics drift fastest on the queue: a burst of queued messages changes the best plan. How
 * often `messages` is looked at; whether it is analyzed is analyzeDue's rule (analyze-policy.ts).
 */
const ANALYZE_CHECK_EVERY_MS = 10_000;
/** Dead rows: ~3 per message sent; at 1,000 messages/s a minute leaves 180k to reclaim. */
const VACUUM_EVERY_MS = 60_000;

export interface Maintenance {
  stop(): Promise<void>;
}

export function startPgliteMaintenance(db: Kysely<Database>, onError: (e: Error) => void): Maintenance {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const run = (step: () => Promise<unknown>) => {
    if (stopped) return;
    running = running.then(step).catch((e: unknown) => {
      if (!stopped) onError(e instanceof Error ? e : new Error(String(e)));
    });
  };
  const statement = (text: string) => () => sql.raw(text).execute(db);
  let lastEndedAt: number | null = null;
  let lastDurationMs = 0;
  const analyzeMessagesIfDue = async () => {
    const r = await sql<{ n: string | number | null }>`select n_mod_since_analyze as n from pg_stat_user_tables where relname = 'messages'`.execute(db);
    const facts = { modifiedSinceAnalyze: Number(r.rows[0]?.n ?? 0), lastEndedAt, lastDurationMs, now: Date.now() };
    if (!analyzeDue(facts)) return;
    const started = Date.now();
    await sql`analyze messages`.execute(db);
    lastEndedAt = Date.now();
    lastDurationMs = lastEndedAt - started;
  };
  // A database reopened with a backlog (after a crash) gets fresh statistics at once.
  run(statement('analyze'));
  const analyze = setInterval(() => run(analyzeMessagesIfDue), ANALYZE_CHECK_EVERY_MS);
  // messages is vacuumed without ANALYZE: its statistics follow the rule above.
  const vacuum = setInterval(() => {
    run(statement('vacuum messages'));
    run(statement('vacuum (analyze) message_parts, credit_buckets, pending_status_reports, interactions, idempotency_keys, sessions, events, credit_ledger'));
  }, VACUUM_EVERY_MS);
  analyze.unref();
  vacuum.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(analyze);
      clearInterval(vacuum);
      await running;
    },
  };
}
