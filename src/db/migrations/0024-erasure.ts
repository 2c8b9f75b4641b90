// Migration 0024: the right to be forgotten, and retention made visible (issue 15).
// - accounts.number_hash_key: a random key per account for a keyed hash (HMAC-SHA-256) of an
//   erased number. Erasure replaces the number in the consent ledger and the opt-out list by
//   'erased:<hex>' so an opt-out keeps refusing sends to it, while the number itself is gone.
//   The key is per account so two accounts' hashes of one number cannot be linked; it lives in
//   the database (not the server's optional SMSDESK_SECRET_KEY) because the opt-out check
//   computes the hash inside the send path's one query, on PostgreSQL and PGlite alike.
// - smsdesk_hmac_sha256 / smsdesk_number_hash: the HMAC written with the built-in sha256(), so
//   neither engine needs pgcrypto. Immutable: the same key and number give the same hash.
// - retention_runs / retention_run_accounts: when the retention job last ran and what it
//   removed per account, for the administrators' page (the job recorded nothing before).
import { sql, type Kysely } from 'kysely';

const UP: readonly string[] = [
  `alter table accounts add column number_hash_key bytea not null
     default sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text || clock_timestamp()::text, 'UTF8'))`,
  // RFC 2104 with a 64-byte block: keys longer than the block are hashed first.
  `create function smsdesk_hmac_sha256(k bytea, m bytea) returns bytea language plpgsql immutable strict parallel safe as $$
   declare
     kk bytea := case when length(k) > 64 then sha256(k) else k end;
     ipad bytea;
     opad bytea;
   begin
     kk := kk || decode(repeat('00', 64 - length(kk)), 'hex');
     ipad := kk;
     opad := kk;
     for i in 0..63 loop
       ipad := set_byte(ipad, i, get_byte(kk, i) # 54);
       opad := set_byte(opad, i, get_byte(kk, i) # 92);
     end loop;
     return sha256(opad || sha256(ipad || m));
   end $$`,
  `create function smsdesk_number_hash(k bytea, number text) returns text language sql immutable strict parallel safe as $$
    select 'erased:' || encode(smsdesk_hmac_sha256(k, convert_to(number, 'UTF8')), 'hex')
  $$`,

  `create table retention_runs (
    id bigserial primary key,
    started_at timestamptz not null,
    finished_at timestamptz not null default now(),
    days integer not null,
    messages bigint not null,
    events bigint not null,
    idempotency_keys bigint not null,
    error text null
  )`,
  `create table retention_run_accounts (
    run_id bigint not null references retention_runs (id) on delete cascade,
    account_id text not null references accounts (id) on delete cascade,
    messages bigint not null,
    events bigint not null,
    primary key (run_id, account_id)
  )`,
  `create index retention_run_accounts_account on retention_run_accounts (account_id, run_id desc)`,
];

const DOWN: readonly string[] = [
  'drop table if exists retention_run_accounts',
  'drop table if exists retention_runs',
  'drop function if exists smsdesk_number_hash(bytea, text)',
  'drop function if exists smsdesk_hmac_sha256(bytea, bytea)',
  'alter table accounts drop column if exists number_hash_key',
];

async function run(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export const erasure = {
  up: (db: Kysely<unknown>) => run(db, UP),
  down: (db: Kysely<unknown>) => run(db, DOWN),
};
