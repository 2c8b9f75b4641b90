// Migration 0023: the consent ledger as proof (issue 15).
// - consent_changes gains its evidence (the keyword message's text, the import's file and row,
//   the API token's name, ...) and whether the customer made the change themself; it becomes
//   append-only, enforced by the database: a trigger refuses every UPDATE and DELETE except
//   (1) a message's deletion setting message_id to null (retention deletes messages; the text
//   stays in the evidence), (2) the account's own deletion (cascade), and (3) an erasure run
//   through smsdesk_consent_erase(), which replaces a number by its hash and drops the evidence,
//   message link and note (the right to be forgotten keeps only what makes an opt-out hold).
//   The erasure's transaction-local flag (smsdesk.consent_erasure) is the one documented hook:
//   even with it set, the action, source, keyword, actor and time of a row cannot change.
// - opt_outs remembers who made the current opt-out (its source, and whether the customer did),
//   so an import, the API or the configuration file never lifts a customer's own opt-out.
// - sms_numbers gains its keyword settings (families on or off, extra keywords, automatic
//   answers and their texts, language); null means the defaults.
import { sql, type Kysely } from 'kysely';

const UP: readonly string[] = [
  `alter table consent_changes add column evidence jsonb null`,
  `alter table consent_changes add column by_customer boolean not null default false`,
  `update consent_changes set by_customer = (source in ('keyword', 'agent'))`,
  `alter table opt_outs add column source text not null default 'keyword'
     check (source in ('keyword', 'agent', 'admin', 'import', 'api', 'config'))`,
  `alter table opt_outs add column by_customer boolean not null default true`,
  `alter table sms_numbers add column consent_keywords jsonb null`,
  `create index consent_changes_by_account on consent_changes (account_id, id)`,

  // The one way to rewrite ledger rows: an erasure, which sets this transaction-local flag.
  `create function smsdesk_consent_guard() returns trigger language plpgsql as $$
   begin
     if current_setting('smsdesk.consent_erasure', true) = 'on' then
       if tg_op = 'UPDATE' and (new.id, new.account_id, new.action, new.source, new.keyword, new.actor, new.created_at, new.by_customer)
            is not distinct from (old.id, old.account_id, old.action, old.source, old.keyword, old.actor, old.created_at, old.by_customer) then
         return new;
       end if;
       raise exception 'consent_changes: an erasure may only replace the number and drop the evidence, message and note' using errcode = '55000';
     end if;
     if tg_op = 'DELETE' then
       -- the account itself is being deleted (on delete cascade): its ledger goes with it
       if not exists (select 1 from accounts where id = old.account_id) then return old; end if;
     elsif (new.id, new.account_id, new.number, new.action, new.source, new.keyword, new.actor, new.note, new.created_at, new.evidence, new.by_customer)
             is not distinct from (old.id, old.account_id, old.number, old.action, old.source, old.keyword, old.actor, old.note, old.created_at, old.evidence, old.by_customer)
           and new.message_id is null
           and not exists (select 1 from messages where id = old.message_id) then
       -- the message was deleted (on delete set null): its text is kept in evidence
       return new;
     end if;
     raise exception 'consent_changes is append-only (% refused)', tg_op using errcode = '55000';
   end $$`,
  `create trigger consent_changes_append_only before update or delete on consent_changes
     for each row execute function smsdesk_consent_guard()`,

  // Erasure (the right to be forgotten): the number becomes its hash, what may name the person
  // (the evidence: message text, file row; the message link; the note) is dropped; the action,
  // source, keyword, time and who acted stay.
  `create function smsdesk_consent_erase(p_account text, p_number text, p_hash text) returns integer language plpgsql as $$
   declare n integer;
   begin
     perform set_config('smsdesk.consent_erasure', 'on', true);
     update consent_changes set number = p_hash, evidence = null, message_id = null, note = null
       where account_id = p_account and number = p_number;
     get diagnostics n = row_count;
     perform set_config('smsdesk.consent_erasure', 'off', true);
     return n;
   end $$`,
];

const DOWN: readonly string[] = [
  'drop function if exists smsdesk_consent_erase(text, text, text)',
  'drop trigger if exists consent_changes_append_only on consent_changes',
  'drop function if exists smsdesk_consent_guard()',
  'drop index if exists consent_changes_by_account',
  'alter table sms_numbers drop column if exists consent_keywords',
  'alter table opt_outs drop column if exists by_customer',
  'alter table opt_outs drop column if exists source',
  'alter table consent_changes drop column if exists by_customer',
  'alter table consent_changes drop column if exists evidence',
];

async function run(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export const consent = {
  up: (db: Kysely<unknown>) => run(db, UP),
  down: (db: Kysely<unknown>) => run(db, DOWN),
};
