// The dashboard reads an account's aggregate rows of a period (src/app/dashboard/dashboard.ts)
// from this index alone (an index-only scan): through delivery_stats_key the rows of one hour
// sit on as many heap pages as rows (measured with 5 million messages, bench/dashboard.md: the
// last 24 hours read 18,458 pages for 21,915 rows, 320 ms; with this index 446 pages, 30 ms).
// A filter by agent reads that agent's rows only through the second index (90 days of one agent:
// 586 ms reading the whole period, 61 ms with it). Filters by queue or number are not indexed:
// a queue's 90 days are still a quarter of a million rows, too many either way (bench/dashboard.md).
// Their cost is paid by the roll-up (the counts are included, so a fold is no longer a HOT
// update), not by the send path, which appends to delivery_stat_deltas only.
import { sql, type Kysely } from 'kysely';

const UP: readonly string[] = [
  `create index delivery_stats_read on delivery_stats (account_id, hour)
    include (queue_id, direct_agent_id, agent_id, sms_number_id, direction, status, provider, error_code,
      unicode, multipart, latency_bucket, n, credits, segments)`,
  `create index delivery_stats_read_agent on delivery_stats (account_id, agent_id, hour)
    include (queue_id, direct_agent_id, sms_number_id, direction, status, provider, error_code,
      unicode, multipart, latency_bucket, n, credits, segments)`,
];

const DOWN: readonly string[] = ['drop index if exists delivery_stats_read_agent', 'drop index if exists delivery_stats_read'];

async function run(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export const dashboardReadIndex = {
  up: (db: Kysely<unknown>) => run(db, UP),
  down: (db: Kysely<unknown>) => run(db, DOWN),
};
