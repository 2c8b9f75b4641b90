// The parts of long messages whose provider reports each part (Vonage, SMPP), stored with the
// submission so that any instance, before or after a restart, can merge the parts' receipts
// into the message's status (outbox/status-report.ts). One row per part: the parts the provider
// took carry its id; a part refused at submission, or never answered, has none, can never
// report, and is stored failed. Accepted parts come first, in submission order.
import { sql, type Kysely } from 'kysely';

const UP: readonly string[] = [
  `create table message_parts (
    message_id text not null references messages (id) on delete cascade,
    part_index integer not null check (part_index >= 0),
    account_id text not null,
    provider text not null,
    part_id text null,
    status text null check (status in ('sent', 'delivered', 'undelivered', 'failed')),
    word text null,
    error_code text null,
    reported_at timestamptz null,
    primary key (message_id, part_index)
  )`,
  // A receipt names its part by the provider's id: this is how a report finds its message.
  `create unique index message_parts_part_id on message_parts (account_id, provider, part_id) where part_id is not null`,
  // A part's receipt may come before the submission is recorded: it waits with its word.
  `alter table pending_status_reports add column word text null`,
];

export const messageParts = {
  up: async (db: Kysely<unknown>) => {
    for (const s of UP) await sql.raw(s).execute(db);
  },
  down: async (db: Kysely<unknown>) => {
    await sql`alter table pending_status_reports drop column if exists word`.execute(db);
    await sql`drop table if exists message_parts`.execute(db);
  },
};
