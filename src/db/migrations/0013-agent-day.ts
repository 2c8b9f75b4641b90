// What an agent needs to work all day (who is this customer, what needs me now, what
// happened to what I sent):
// - contacts: a display name per number in the account;
// - interaction_reads: how far each agent has read each conversation (per agent, so it
//   follows them to another device), compared with inbound messages' seq;
// - messages.in_reply_to: the Direct SMS an inbound message answers, fixed when it arrives;
// - messages.resend_of: the failed message a new one sends again (a new message, a new debit);
// - sms_numbers.label: the administrator's name for a sender ("Support FR");
// - consent_changes: every opt-out and opt-in as it happened (opt_outs holds only the state);
//   existing opt-outs are carried over as keyword changes at their time.
// The indexes serve the number's timeline and the agent's lists without scanning an account.
import { sql, type Kysely } from 'kysely';

const UP: readonly string[] = [
  `create table contacts (
    account_id text not null references accounts (id) on delete cascade,
    number text not null,
    name text not null check (length(name) between 1 and 120),
    updated_by text null,
    updated_at timestamptz not null default now(),
    primary key (account_id, number)
  )`,
  `create index contacts_name on contacts (account_id, lower(name))`,

  `create table interaction_reads (
    agent_id text not null references agents (id) on delete cascade,
    interaction_id text not null references interactions (id) on delete cascade,
    last_read_seq bigint not null,
    read_at timestamptz not null default now(),
    primary key (agent_id, interaction_id)
  )`,
  `create index interaction_reads_interaction on interaction_reads (interaction_id)`,

  `alter table messages add column in_reply_to text null references messages (id) on delete set null`,
  `alter table messages add column resend_of text null references messages (id) on delete set null`,
  `create index messages_resend_of on messages (resend_of) where resend_of is not null`,
  `create index messages_in_reply_to on messages (in_reply_to) where in_reply_to is not null`,
  // A number's Direct SMS (the timeline) and an agent's own (the Sent view), newest first.
  `create index messages_direct_by_recipient on messages (account_id, to_address, created_at desc)
    where interaction_id is null and direction = 'out'`,
  `create index messages_direct_by_agent on messages (agent_id, created_at desc)
    where interaction_id is null and direction = 'out'`,
  // Unread counts: a conversation's inbound messages after the agent's last read one.
  `create index messages_inbound_by_interaction on messages (interaction_id, seq)
    where direction = 'in' and interaction_id is not null`,
  // The last message of a conversation (preview in the lists).
  `create index messages_by_interaction_seq on messages (interaction_id, seq desc) where interaction_id is not null`,
  // A number's conversations and calls across the account (the timeline).
  `create index interactions_by_customer on interactions (account_id, customer_number, updated_at desc)`,

  `alter table sms_numbers add column label text null check (label is null or length(label) between 1 and 60)`,

  `create table consent_changes (
    id bigserial primary key,
    account_id text not null references accounts (id) on delete cascade,
    number text not null,
    action text not null check (action in ('opt_out', 'opt_in')),
    source text not null check (source in ('keyword', 'agent', 'admin', 'import', 'api', 'config')),
    keyword text null,
    message_id text null references messages (id) on delete set null,
    actor text null,
    note text null,
    created_at timestamptz not null default now()
  )`,
  `create index consent_changes_by_number on consent_changes (account_id, number, created_at desc)`,
  `insert into consent_changes (account_id, number, action, source, keyword, created_at)
    select account_id, number, 'opt_out', 'keyword', keyword, opted_out_at from opt_outs`,
];

const DOWN: readonly string[] = [
  'drop table if exists consent_changes',
  'alter table sms_numbers drop column if exists label',
  'drop index if exists interactions_by_customer',
  'drop index if exists messages_by_interaction_seq',
  'drop index if exists messages_inbound_by_interaction',
  'drop index if exists messages_direct_by_agent',
  'drop index if exists messages_direct_by_recipient',
  'drop index if exists messages_in_reply_to',
  'drop index if exists messages_resend_of',
  'alter table messages drop column if exists resend_of',
  'alter table messages drop column if exists in_reply_to',
  'drop table if exists interaction_reads',
  'drop table if exists contacts',
];

async function run(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export const agentDay = {
  up: (db: Kysely<unknown>) => run(db, UP),
  down: (db: Kysely<unknown>) => run(db, DOWN),
};
