// Failed sign-in counters, shared by every instance on the database: guesses spread over
// several instances still add up. One row per key ('login:<normalised login>' or
// 'address:<ip>'); a row whose window has ended is dead and is swept.
import { sql, type Kysely } from 'kysely';

const UP: readonly string[] = [
  `create table login_failures (
    key text primary key,
    failures integer not null,
    window_ends_at timestamptz not null
  )`,
  `create index login_failures_window on login_failures (window_ends_at)`,
];

const DOWN: readonly string[] = ['drop table if exists login_failures'];

async function run(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export const loginFailures = {
  up: (db: Kysely<unknown>) => run(db, UP),
  down: (db: Kysely<unknown>) => run(db, DOWN),
};
