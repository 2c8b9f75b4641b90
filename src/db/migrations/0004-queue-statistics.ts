// The claim's plan depends on how many messages the planner believes are queued. With the
// default thresholds PostgreSQL re-analyzes a table after 10% of it changed: with a year of
// history that is never during a burst, and a stale estimate of "2 queued" made the claim
// sort the whole backlog (10 ms instead of 0.7 ms per claim, measured with 5,000 queued).
// Re-analyze the messages table every 1,000 changes, vacuum it every 1%. (PGlite has no
// autovacuum at all; pglite-maintenance.ts covers it.)
import { sql, type Kysely } from 'kysely';

export const queueStatistics = {
  up: async (db: Kysely<unknown>) => {
    await sql`alter table messages set (autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 1000, autovacuum_vacuum_scale_factor = 0.01)`.execute(db);
  },
  down: async (db: Kysely<unknown>) => {
    await sql`alter table messages reset (autovacuum_analyze_scale_factor, autovacuum_analyze_threshold, autovacuum_vacuum_scale_factor)`.execute(db);
  },
};
