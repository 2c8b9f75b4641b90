// The dashboard's read tables (migration 0020) read through their unique keys only: each row the
// read adds is a heap page of its own (rows of one slice are written hour by hour among every
// other slice's). A supervisor's 90 days add 2 queue slices and their members' Direct SMS slices:
// 26,555 credit rows on 21,958 heap pages, 130 of the statement's 181 ms (bench/dashboard.md).
// The same unique keys, with the counts the read adds included, let it read the index alone
// (an index-only scan, once vacuum has marked the pages all-visible). The roll-up's upserts find
// their rows through these indexes as before (the included columns are not part of the key); as
// with delivery_stats in migration 0019, a fold is no longer a HOT update, a cost of the
// background roll-up, not of the send path.
import { sql, type Kysely } from 'kysely';

interface Key {
  readonly table: string;
  readonly key: string;
  readonly include: string;
}

const KEYS: readonly Key[] = [
  { table: 'dashboard_counts', key: 'account_id, kind, key, grain, bucket, direction', include: 'n, delivered, failed, credits, segments, unicode, multipart' },
  { table: 'dashboard_outcomes', key: 'account_id, kind, key, grain, bucket, status, provider, error_code, latency_bucket', include: 'n' },
  { table: 'dashboard_credits', key: 'account_id, kind, key, grain, bucket, axis, axis_key', include: 'n, credits' },
];

// The covering index is built before the key index is dropped: the table always has a unique
// index for the roll-up's `on conflict` (the migration runs in one transaction anyway).
const UP: readonly string[] = KEYS.flatMap((k) => [
  `create unique index ${k.table}_read on ${k.table} (${k.key}) include (${k.include})`,
  `drop index ${k.table}_key`,
]);

const DOWN: readonly string[] = KEYS.flatMap((k) => [`create unique index ${k.table}_key on ${k.table} (${k.key})`, `drop index ${k.table}_read`]);

async function run(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export const dashboardCoveringIndexes = {
  up: (db: Kysely<unknown>) => run(db, UP),
  down: (db: Kysely<unknown>) => run(db, DOWN),
};
