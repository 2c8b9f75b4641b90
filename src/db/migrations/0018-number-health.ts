// Health per SMS number: the administrator's threshold, the current state of each number (one row
// per number, so every instance sees the same state and a transition is won by one conditional
// update), and a durable outbox of the operations webhook's calls.
import { sql, type Kysely } from 'kysely';

const UP: readonly string[] = [
  // No row: the defaults (20 % over at least 20 final reports, no webhook).
  `create table number_health_settings (
    account_id text primary key references accounts(id) on delete cascade,
    threshold_percent integer not null default 20 check (threshold_percent between 1 and 100),
    min_reports integer not null default 20 check (min_reports between 1 and 100000),
    webhook_url text,
    webhook_secret text,
    updated_at timestamptz not null default now()
  )`,
  // A number's own threshold, when it differs from the account's.
  `alter table sms_numbers add column health_threshold_percent integer check (health_threshold_percent between 1 and 100)`,
  `create table number_health (
    sms_number_id text primary key references sms_numbers(id) on delete cascade,
    account_id text not null,
    unhealthy boolean not null,
    failure_rate double precision not null,
    reports bigint not null,
    threshold_percent integer not null,
    changed_at timestamptz not null default now()
  )`,
  `create index number_health_unhealthy on number_health (account_id) where unhealthy`,
  `create table ops_webhook_outbox (
    id bigserial primary key,
    account_id text not null references accounts(id) on delete cascade,
    body text not null,
    attempts integer not null default 0,
    next_at timestamptz not null default now(),
    delivered_at timestamptz,
    last_error text,
    created_at timestamptz not null default now()
  )`,
  // The evaluation every 10 s and the metric read the last 15 minutes of every number: without
  // this, a scan of the day of minutes the roll-up keeps.
  `create index number_outcomes_minute on number_outcomes (minute)`,
  `create index ops_webhook_outbox_due on ops_webhook_outbox (next_at) where delivered_at is null`,
];

const DOWN: readonly string[] = [
  'drop index if exists number_outcomes_minute',
  'drop table if exists ops_webhook_outbox',
  'drop table if exists number_health',
  'alter table sms_numbers drop column if exists health_threshold_percent',
  'drop table if exists number_health_settings',
];

async function run(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export const numberHealth = {
  up: (db: Kysely<unknown>) => run(db, UP),
  down: (db: Kysely<unknown>) => run(db, DOWN),
};
