// When a message was flagged for review (its age on the review list and in /metrics; the
// row's updated_at moves with late reports), and when an API token was last used (shown to
// administrators, written at most once a minute per token).
import { sql, type Kysely } from 'kysely';

const UP: readonly string[] = [
  `alter table messages add column review_since timestamptz null`,
  `update messages set review_since = updated_at where needs_review`,
  `alter table api_tokens add column last_used_at timestamptz null`,
  `create index api_tokens_account on api_tokens (account_id, created_at)`,
];

const DOWN: readonly string[] = [
  'drop index if exists api_tokens_account',
  'alter table api_tokens drop column if exists last_used_at',
  'alter table messages drop column if exists review_since',
];

async function run(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export const reviewAndApiTokens = {
  up: (db: Kysely<unknown>) => run(db, UP),
  down: (db: Kysely<unknown>) => run(db, DOWN),
};
