// When the embedded database re-analyzes `messages`. ANALYZE runs on PGlite's one connection,
// so every query waits behind it: 1.6 s at a million messages, which an "every 10 s" timer
// made a stall of 1.6 s in every 10 even on a quiet desk. The rule follows what migration 0004
// asks of PostgreSQL's autovacuum for this table (a fixed 1,000 changes, so a burst of queued
// messages still reaches the claim's plan quickly), and on top of it bounds the time the
// database spends analysing: never more than a tenth of the time since the last one ended.

/** Changes (inserts, updates, deletes) since the last ANALYZE that make statistics worth refreshing. */
export const ANALYZE_AFTER_CHANGES = 1_000;
/** At most this share of the wall-clock time analysing: after a 1.6 s analyze, 14.4 s without one. */
export const ANALYZE_MAX_SHARE = 0.1;

export interface AnalyzeFacts {
  /** pg_stat_user_tables.n_mod_since_analyze (PGlite keeps these counters, flushed within a second). */
  readonly modifiedSinceAnalyze: number;
  /** When the last ANALYZE run here ended (ms), null when none ran since the process started. */
  readonly lastEndedAt: number | null;
  /** How long that ANALYZE took (ms). */
  readonly lastDurationMs: number;
  readonly now: number;
}

export function analyzeDue(f: AnalyzeFacts): boolean {
  if (f.modifiedSinceAnalyze < ANALYZE_AFTER_CHANGES) return false;
  if (f.lastEndedAt === null) return true;
  return f.now - f.lastEndedAt >= (f.lastDurationMs * (1 - ANALYZE_MAX_SHARE)) / ANALYZE_MAX_SHARE;
}
