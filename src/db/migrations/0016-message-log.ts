// The message log: every status a message went through, with its time, and what its search
// needs, on PostgreSQL and PGlite alike with no extension (pg_trgm and unaccent exist for
// both, but a managed PostgreSQL may refuse CREATE EXTENSION to the application's role, and
// PGlite would load their code at every start):
// - smsdesk_fold(text): lower case, accents stripped (NFD, then combining marks removed), so
//   "Reçu" and "RECU" are one word. Immutable (normalize, regexp_replace and lower are), so
//   it can be indexed; the search folds the typed words with the same function.
// - messages_search_words: the built-in full-text index (GIN, 'simple' configuration: no
//   stemming, no stop words) of the folded text; a word typed is a prefix of a word sent.
// - messages_by_customer: the customer's number (to for outbound, from for inbound), newest
//   first, for a search by number or by a contact's name (contacts give the numbers);
// - contacts_name_words: the same full-text index of contacts' folded names (a scan of the
//   account's contacts folding each name cost 200 ms at 75,000 contacts).
// - messages_failures: failed, undelivered and refused messages, newest first (a small partial
//   index: the log's most asked filter).
// - message_status_history: appended by triggers in the writing statement itself, so no
//   send path or report path changes, and a status is never recorded that was not committed.
//   One row per change of status or error code (the product's own steps: queued, sending, a
//   retry back to queued; and each provider report that moved it). Messages written before
//   this migration have none; their log falls back to their recorded times.
import { sql, type Kysely } from 'kysely';

const CUSTOMER = `(case when direction = 'out' then to_address else from_address end)`;

const UP: readonly string[] = [
  `create function smsdesk_fold(t text) returns text language sql immutable strict parallel safe as $$
    select lower(regexp_replace(normalize(t, NFD), '[\\u0300-\\u036f]', '', 'g'))
  $$`,
  `create index messages_search_words on messages using gin (to_tsvector('simple'::regconfig, smsdesk_fold(body)))`,
  `create index messages_by_customer on messages (account_id, ${CUSTOMER}, created_at desc)`,
  `create index messages_failures on messages (account_id, created_at desc) where status in ('failed', 'undelivered', 'rejected')`,
  `create index contacts_name_words on contacts using gin (to_tsvector('simple'::regconfig, smsdesk_fold(name)))`,

  `create table message_status_history (
    id bigserial primary key,
    message_id text not null references messages (id) on delete cascade,
    account_id text not null,
    status text not null,
    error_code text null,
    at timestamptz not null default clock_timestamp()
  )`,
  `create index message_status_history_message on message_status_history (message_id, id)`,
  `create function smsdesk_message_status_history() returns trigger language plpgsql as $$
  begin
    insert into message_status_history (message_id, account_id, status, error_code)
      values (new.id, new.account_id, new.status, new.error_code);
    return null;
  end $$`,
  `create trigger messages_status_history_insert after insert on messages
    for each row execute function smsdesk_message_status_history()`,
  `create trigger messages_status_history_update after update of status, error_code on messages
    for each row when (old.status is distinct from new.status or old.error_code is distinct from new.error_code)
    execute function smsdesk_message_status_history()`,
];

const DOWN: readonly string[] = [
  'drop trigger if exists messages_status_history_update on messages',
  'drop trigger if exists messages_status_history_insert on messages',
  'drop function if exists smsdesk_message_status_history()',
  'drop table if exists message_status_history',
  'drop index if exists contacts_name_words',
  'drop index if exists messages_failures',
  'drop index if exists messages_by_customer',
  'drop index if exists messages_search_words',
  'drop function if exists smsdesk_fold(text)',
];

async function run(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export const messageLog = {
  up: (db: Kysely<unknown>) => run(db, UP),
  down: (db: Kysely<unknown>) => run(db, DOWN),
};
