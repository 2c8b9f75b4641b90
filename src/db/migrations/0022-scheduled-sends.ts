// Scheduled sends and the undo window (docs/scheduled-sends.md). A waiting message is a row
// of its own, not a `messages` row with one more status: every reader of `messages` (log,
// aggregates, dashboard, timeline) would otherwise have to learn to skip it. When it goes, the
// message is inserted with the same id, so the agent follows one id from Send to delivery.
import { sql, type Kysely } from 'kysely';

const UP: readonly string[] = [
  `create table scheduled_messages (
    id text primary key,
    account_id text not null references accounts (id) on delete cascade,
    agent_id text not null references agents (id) on delete cascade,
    interaction_id text null references interactions (id) on delete cascade,
    recipient text not null,
    sender_id text null,
    template_id text null,
    origin_call_id text null,
    body text not null,
    credits integer not null check (credits >= 0),
    send_at timestamptz not null,
    origin text not null check (origin in ('schedule', 'undo')),
    status text not null default 'scheduled' check (status in ('scheduled', 'sent', 'cancelled', 'failed')),
    error_code text null,
    error_details jsonb null,
    -- Each edit adds one: a release planned from an older version does not go out.
    version integer not null default 0,
    locked_by text null,
    locked_until timestamptz null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    ended_at timestamptz null
  )`,
  // The release's claim and the timer's "next due": waiting rows only, by time.
  `create index scheduled_messages_due on scheduled_messages (send_at) where status = 'scheduled'`,
  `create index scheduled_messages_agent on scheduled_messages (account_id, agent_id, send_at) where status = 'scheduled'`,
  `create index scheduled_messages_ended on scheduled_messages (account_id, agent_id, ended_at desc) where status <> 'scheduled'`,
  `alter table profiles add column undo_seconds integer not null default 0
    check (undo_seconds = 0 or undo_seconds between 5 and 30)`,
];

const DOWN: readonly string[] = ['alter table profiles drop column if exists undo_seconds', 'drop table if exists scheduled_messages'];

async function run(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export const scheduledSends = {
  up: (db: Kysely<unknown>) => run(db, UP),
  down: (db: Kysely<unknown>) => run(db, DOWN),
};
