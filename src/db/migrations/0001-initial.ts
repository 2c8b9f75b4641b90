// The core schema. Plain SQL that runs unchanged on PostgreSQL 15..18 and PGlite (18):
// no extensions, no PostgreSQL-16+ syntax. One statement per entry, run in the migration's
// transaction.
import { sql, type Kysely } from 'kysely';

const UP: readonly string[] = [
  `create table accounts (
    id text primary key,
    name text not null,
    provider_type text null check (provider_type in ('simulator', 'twilio', 'vonage', 'smpp', 'http-json')),
    provider_config jsonb not null default '{}',
    created_at timestamptz not null default now()
  )`,

  // Credits live in N buckets per account (N = CREDIT_BUCKETS in credits/buckets.ts): one row
  // per account serialises every send of a busy account on one row lock, measured at ~1.7k
  // updates/s here. The check constraint is the last line of defence: whatever the code
  // does, a bucket can never hold a negative balance.
  `create table credit_buckets (
    account_id text not null references accounts (id) on delete cascade,
    bucket smallint not null check (bucket >= 0),
    balance bigint not null default 0 check (balance >= 0),
    primary key (account_id, bucket)
  )`,

  // Append-only: sum(delta) per account equals the sum of its buckets. message_id has no
  // foreign key: the send transaction debits before it inserts the message, and the ledger
  // is an audit trail that must outlive any message.
  `create table credit_ledger (
    id bigserial primary key,
    account_id text not null references accounts (id) on delete cascade,
    delta bigint not null check (delta <> 0),
    reason text not null,
    message_id text null,
    actor text null,
    created_at timestamptz not null default now()
  )`,
  `create index credit_ledger_account on credit_ledger (account_id, id)`,
  `create index credit_ledger_message on credit_ledger (message_id) where message_id is not null`,

  `create table profiles (
    id text primary key,
    account_id text not null references accounts (id) on delete cascade,
    name text not null,
    messaging boolean not null default false,
    direct boolean not null default false,
    smart boolean not null default false,
    max_interactions integer not null default 1 check (max_interactions >= 0),
    authorized_countries text[] not null default '{}'
  )`,
  `create index profiles_account on profiles (account_id)`,

  `create table sms_numbers (
    id text primary key,
    account_id text not null references accounts (id) on delete cascade,
    address text not null,
    national_language text null check (national_language in ('turkish', 'spanish', 'portuguese')),
    send_rate_per_second real not null default 10 check (send_rate_per_second > 0),
    unique (account_id, address)
  )`,

  `create table templates (
    id text primary key,
    account_id text not null references accounts (id) on delete cascade,
    name text not null,
    body text not null
  )`,
  `create index templates_account on templates (account_id)`,

  `create table profile_numbers (
    profile_id text not null references profiles (id) on delete cascade,
    number_id text not null references sms_numbers (id) on delete cascade,
    primary key (profile_id, number_id)
  )`,
  `create table profile_templates (
    profile_id text not null references profiles (id) on delete cascade,
    template_id text not null references templates (id) on delete cascade,
    primary key (profile_id, template_id)
  )`,

  `create table agents (
    id text primary key,
    account_id text not null references accounts (id) on delete cascade,
    email text not null unique,
    name text not null,
    role text not null default 'agent' check (role in ('agent', 'admin')),
    profile_id text null references profiles (id) on delete set null,
    password_hash text null,
    disabled boolean not null default false,
    lang text not null default 'en' check (lang in ('en', 'fr')),
    created_at timestamptz not null default now()
  )`,
  `create index agents_account on agents (account_id)`,

  `create table queues (
    id text primary key,
    account_id text not null references accounts (id) on delete cascade,
    name text not null,
    sms_number_id text null references sms_numbers (id) on delete set null
  )`,
  `create index queues_account on queues (account_id)`,
  `create index queues_number on queues (sms_number_id) where sms_number_id is not null`,
  `create table queue_templates (
    queue_id text not null references queues (id) on delete cascade,
    template_id text not null references templates (id) on delete cascade,
    primary key (queue_id, template_id)
  )`,
  `create table queue_members (
    queue_id text not null references queues (id) on delete cascade,
    agent_id text not null references agents (id) on delete cascade,
    primary key (queue_id, agent_id)
  )`,
  `create index queue_members_agent on queue_members (agent_id)`,

  `create table interactions (
    id text primary key,
    account_id text not null references accounts (id) on delete cascade,
    kind text not null check (kind in ('sms', 'voice')),
    status text not null,
    agent_id text null references agents (id) on delete set null,
    queue_id text null references queues (id) on delete set null,
    customer_number text not null,
    sms_number_id text null references sms_numbers (id) on delete set null,
    origin_call_id text null references interactions (id) on delete set null,
    external_id text null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    closed_at timestamptz null,
    check ((kind = 'sms' and status in ('waiting', 'progressing', 'closed'))
        or (kind = 'voice' and status in ('active', 'ended')))
  )`,
  // D5: one open conversation per customer and sender. NULLS NOT DISTINCT (PostgreSQL 15+)
  // so a conversation without a sender number is unique too.
  `create unique index interactions_one_open_sms on interactions (account_id, customer_number, sms_number_id)
    nulls not distinct where kind = 'sms' and status in ('waiting', 'progressing')`,
  // D3: the max-simultaneous-interactions check counts an agent's open ones.
  `create index interactions_agent_open on interactions (agent_id) where status in ('progressing', 'active')`,
  // A voice call is known to the telephony integration by its own id: one interaction each.
  `create unique index interactions_voice_external on interactions (account_id, external_id)
    where kind = 'voice' and external_id is not null`,
  `create index interactions_queue_waiting on interactions (queue_id) where status = 'waiting'`,
  `create index interactions_account_updated on interactions (account_id, updated_at desc)`,

  `create table messages (
    id text primary key,
    seq bigserial not null,
    account_id text not null references accounts (id) on delete cascade,
    interaction_id text null references interactions (id) on delete set null,
    direction text not null check (direction in ('out', 'in')),
    status text not null check (status in ('queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'rejected', 'received')),
    agent_id text null references agents (id) on delete set null,
    sms_number_id text null references sms_numbers (id) on delete set null,
    from_address text not null,
    to_address text not null,
    body text null,
    encoding text not null check (encoding in ('GSM-7', 'UCS-2')),
    units integer not null check (units >= 0),
    segments integer not null check (segments >= 0),
    credits integer not null check (credits >= 0),
    template_id text null references templates (id) on delete set null,
    origin_call_id text null references interactions (id) on delete set null,
    provider text null,
    provider_message_id text null,
    attempts integer not null default 0,
    run_at timestamptz not null default now(),
    locked_by text null,
    locked_until timestamptz null,
    last_error text null,
    error_code text null,
    needs_review boolean not null default false,
    created_at timestamptz not null default now(),
    submitted_at timestamptz null,
    sent_at timestamptz null,
    delivered_at timestamptz null,
    updated_at timestamptz not null default now()
  )`,
  // Inbound dedupe and delivery-report matching.
  `create unique index messages_provider_id on messages (account_id, provider, provider_message_id)
    where provider_message_id is not null`,
  // The dispatcher's claim: due queued messages, and leases that expired. Both partial, so
  // they stay as small as the backlog, not the history.
  `create index messages_due on messages (run_at, seq) where status = 'queued' and not needs_review`,
  `create index messages_lease on messages (locked_until) where status = 'sending' and not needs_review`,
  // Order within a conversation: "is an earlier message of this interaction still pending?"
  `create index messages_pending_by_interaction on messages (interaction_id, seq)
    where status in ('queued', 'sending') and interaction_id is not null`,
  `create index messages_thread on messages (interaction_id, created_at) where interaction_id is not null`,
  `create index messages_account_created on messages (account_id, created_at desc)`,
  `create index messages_review on messages (account_id) where needs_review`,

  // Reports received before the submit result that names their message (see outbox/status-report.ts).
  `create table pending_status_reports (
    account_id text not null references accounts (id) on delete cascade,
    provider text not null,
    provider_message_id text not null,
    status text not null,
    error_code text null,
    reported_at timestamptz not null,
    received_at timestamptz not null default now(),
    primary key (account_id, provider, provider_message_id, status)
  )`,

  `create table opt_outs (
    account_id text not null references accounts (id) on delete cascade,
    number text not null,
    keyword text not null,
    opted_out_at timestamptz not null default now(),
    primary key (account_id, number)
  )`,

  // Append-only. id is monotonic in insertion order, not commit order: two transactions can
  // commit their ids out of order. A reader replaying "id > cursor" therefore reads only
  // rows whose writer is no longer running: tx < pg_snapshot_xmin(pg_current_snapshot()).
  // agent_id/queue_id have no foreign keys: history must survive deleting an agent or queue.
  `create table events (
    id bigserial primary key,
    account_id text not null references accounts (id) on delete cascade,
    agent_id text null,
    queue_id text null,
    type text not null,
    payload jsonb not null default '{}',
    tx xid8 not null default pg_current_xact_id(),
    created_at timestamptz not null default now()
  )`,
  `create index events_account on events (account_id, id)`,

  `create table idempotency_keys (
    account_id text not null references accounts (id) on delete cascade,
    agent_id text not null,
    key text not null,
    request_hash text not null,
    response jsonb null,
    created_at timestamptz not null default now(),
    primary key (account_id, agent_id, key)
  )`,
  `create index idempotency_keys_created on idempotency_keys (created_at)`,
];

const DOWN: readonly string[] = [
  'drop table if exists idempotency_keys',
  'drop table if exists events',
  'drop table if exists opt_outs',
  'drop table if exists pending_status_reports',
  'drop table if exists messages',
  'drop table if exists interactions',
  'drop table if exists queue_members',
  'drop table if exists queue_templates',
  'drop table if exists queues',
  'drop table if exists agents',
  'drop table if exists profile_templates',
  'drop table if exists profile_numbers',
  'drop table if exists templates',
  'drop table if exists sms_numbers',
  'drop table if exists profiles',
  'drop table if exists credit_ledger',
  'drop table if exists credit_buckets',
  'drop table if exists accounts',
];

async function run(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export const initial = {
  up: (db: Kysely<unknown>) => run(db, UP),
  down: (db: Kysely<unknown>) => run(db, DOWN),
};
