// The delivery dashboard reads aggregates kept as messages change, never a scan of messages.
// A trigger on messages appends one delta row per change of a message's counted facts (its old
// facts with -1, its new ones with +1) in the same transaction as the change: a crash or a
// rollback loses or keeps both together. Appending (no update of a shared counter row) keeps the
// send path free of hot-row waits between dispatchers and webhooks. delivery_stats_rollup()
// folds the deltas into delivery_stats (one row per account, hour and dimensions) under an
// advisory lock; readers add the deltas not yet folded, so a read is exact at any time.
// The failure reason is not computed here: the provider and its code are kept, and the reason
// comes from the one table in src/domain/delivery-failure when the dashboard reads.
import { getCountries, getCountryCallingCode } from 'libphonenumber-js';
import { sql, type Kysely } from 'kysely';
import { LATENCY_BOUNDS_SECONDS } from '../../domain/dashboard/latency.js';

// Frozen at this migration's writing (see latency.ts).
const BOUNDS = `array[${LATENCY_BOUNDS_SECONDS.join(',')}]::double precision[]`;
const CALLING_CODES = [...new Set(getCountries().map((c) => getCountryCallingCode(c)))].sort();

// The counted facts of a message (a row of delivery_stat_deltas without its sign). Nulls become
// '' so the aggregate's key is a plain unique index on both engines.
const DIMS = `account_id, hour, queue_id, direct_agent_id, agent_id, sms_number_id, direction, status, calling_code, provider,
  error_code, unicode, multipart, latency_bucket`;

const dimensionColumns = `
    account_id text not null,
    hour timestamptz not null,
    queue_id text not null,
    direct_agent_id text not null,
    agent_id text not null,
    sms_number_id text not null,
    direction text not null,
    status text not null,
    calling_code text not null,
    provider text not null,
    error_code text not null,
    unicode boolean not null,
    multipart boolean not null,
    latency_bucket smallint not null,
    n bigint not null,
    credits bigint not null,
    segments bigint not null`;

const UP: readonly string[] = [
  `create table calling_codes (code text primary key)`,
  `insert into calling_codes (code) values ${CALLING_CODES.map((c) => `('${c}')`).join(', ')}`,

  // No index, no key, no foreign key: an append costs the send path as little as possible, and
  // takes no lock on any shared row (a foreign key to accounts would share-lock the account).
  `create table delivery_stat_deltas (${dimensionColumns},
    at timestamptz not null default now()
  )`,
  `create table delivery_stats (${dimensionColumns})`,
  `create unique index delivery_stats_key on delivery_stats (${DIMS})`,

  // Outcomes per number and minute they became known: the number's health over 15 minutes.
  `create table number_outcomes (
    account_id text not null,
    sms_number_id text not null,
    minute timestamptz not null,
    finals bigint not null,
    failures bigint not null,
    primary key (account_id, sms_number_id, minute)
  )`,

  // plpgsql, not sql: its statement plan is cached per session, where a non-inlined SQL function
  // is planned again at every call (measured: the send path's rate halved).
  `create function delivery_stat_row(m messages, sign integer) returns delivery_stat_deltas
    language plpgsql stable as $$
    declare
      r delivery_stat_deltas;
      addr text := case when m.direction = 'out' then m.to_address else m.from_address end;
      outcome boolean := m.status not in ('queued', 'sending', 'sent');
    begin
      r.account_id := m.account_id;
      r.hour := date_trunc('hour', m.created_at at time zone 'UTC') at time zone 'UTC';
      r.queue_id := '';
      if m.interaction_id is not null then
        r.queue_id := coalesce((select i.queue_id from interactions i where i.id = m.interaction_id), '');
      end if;
      -- Outside any conversation, the agent whose queues' supervisors see the message: the sender
      -- of a Direct SMS, or of the Direct SMS an inbound message answers (src/app/supervision/scope.ts).
      r.direct_agent_id := '';
      if m.interaction_id is null then
        r.direct_agent_id := coalesce(m.agent_id, (select d.agent_id from messages d where d.id = m.in_reply_to), '');
      end if;
      r.agent_id := coalesce(m.agent_id, '');
      r.sms_number_id := coalesce(m.sms_number_id, '');
      r.direction := m.direction;
      -- Before its outcome a message is 'pending': the dispatcher's steps (queued, sending, sent)
      -- append nothing, and the provider and code count only with the outcome.
      r.status := case when outcome then m.status else 'pending' end;
      r.calling_code := '';
      if addr like '+%' then
        r.calling_code := coalesce((select c.code from calling_codes c
          where c.code in (substr(addr, 2, 1), substr(addr, 2, 2), substr(addr, 2, 3)) limit 1), '');
      end if;
      r.provider := case when outcome then coalesce(m.provider, '') else '' end;
      r.error_code := case when outcome then coalesce(m.error_code, '') else '' end;
      r.unicode := m.encoding = 'UCS-2';
      r.multipart := m.segments > 1;
      r.latency_bucket := case when m.status = 'delivered' and m.delivered_at is not null
        then width_bucket(greatest(extract(epoch from m.delivered_at - m.created_at), 0)::double precision, ${BOUNDS})
        else -1 end;
      r.n := sign;
      r.credits := sign * m.credits;
      r.segments := sign * m.segments;
      r.at := now();
      return r;
    end $$`,

  `create function delivery_stats_track() returns trigger language plpgsql as $$
  begin
    if tg_op in ('UPDATE', 'DELETE') then
      insert into delivery_stat_deltas select * from delivery_stat_row(old, -1);
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
      insert into delivery_stat_deltas select * from delivery_stat_row(new, 1);
    end if;
    return null;
  end $$`,
  `create trigger delivery_stats_insert after insert on messages
    for each row execute function delivery_stats_track()`,
  `create trigger delivery_stats_delete after delete on messages
    for each row execute function delivery_stats_track()`,
  // Only a change of a counted fact: the dispatcher's claims, leases, attempts and submission
  // (queued, sending, sent are one 'pending') append nothing.
  `create trigger delivery_stats_update after update on messages
    for each row when (
      (case when old.status in ('queued', 'sending', 'sent') then null else old.status end,
       case when old.status in ('queued', 'sending', 'sent') then null else old.provider end,
       case when old.status in ('queued', 'sending', 'sent') then null else old.error_code end,
       old.interaction_id, old.in_reply_to, old.agent_id, old.sms_number_id, old.encoding,
       old.segments, old.credits, old.delivered_at, old.to_address, old.from_address)
      is distinct from
      (case when new.status in ('queued', 'sending', 'sent') then null else new.status end,
       case when new.status in ('queued', 'sending', 'sent') then null else new.provider end,
       case when new.status in ('queued', 'sending', 'sent') then null else new.error_code end,
       new.interaction_id, new.in_reply_to, new.agent_id, new.sms_number_id, new.encoding,
       new.segments, new.credits, new.delivered_at, new.to_address, new.from_address))
    execute function delivery_stats_track()`,

  // One roll-up at a time (the advisory lock); the others return at once. The deltas are deleted
  // in the same statement that adds them, so a crash folds all of them or none.
  `create function delivery_stats_rollup() returns bigint language plpgsql as $$
  declare folded bigint;
  begin
    if not pg_try_advisory_xact_lock(7170017) then return -1; end if;
    with d as (delete from delivery_stat_deltas returning *),
    o as (
      insert into number_outcomes (account_id, sms_number_id, minute, finals, failures)
      select account_id, sms_number_id, date_trunc('minute', at), sum(n),
        coalesce(sum(n) filter (where status in ('failed', 'undelivered', 'rejected')), 0)
      from d
      where direction = 'out' and n > 0 and status in ('delivered', 'failed', 'undelivered', 'rejected')
        and sms_number_id <> ''
      group by 1, 2, 3
      on conflict (account_id, sms_number_id, minute) do update
        set finals = number_outcomes.finals + excluded.finals,
            failures = number_outcomes.failures + excluded.failures
    ),
    s as (
      insert into delivery_stats (${DIMS}, n, credits, segments)
      select ${DIMS}, sum(n), sum(credits), sum(segments) from d
      group by ${DIMS}
      on conflict (${DIMS}) do update
        set n = delivery_stats.n + excluded.n,
            credits = delivery_stats.credits + excluded.credits,
            segments = delivery_stats.segments + excluded.segments
      returning 1
    )
    select count(*) into folded from s;
    delete from number_outcomes where minute < now() - interval '1 day';
    return folded;
  end $$`,

  // Messages already there are counted once, as they stand.
  `insert into delivery_stats (${DIMS}, n, credits, segments)
    select ${DIMS}, sum(n), sum(credits), sum(segments)
    from (select r.* from messages m cross join lateral delivery_stat_row(m, 1) r) x
    group by ${DIMS}`,
];

const DOWN: readonly string[] = [
  'drop trigger if exists delivery_stats_update on messages',
  'drop trigger if exists delivery_stats_delete on messages',
  'drop trigger if exists delivery_stats_insert on messages',
  'drop function if exists delivery_stats_rollup()',
  'drop function if exists delivery_stats_track()',
  'drop function if exists delivery_stat_row(messages, integer)',
  'drop table if exists number_outcomes',
  'drop table if exists delivery_stats',
  'drop table if exists delivery_stat_deltas',
  'drop table if exists calling_codes',
];

async function run(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export const deliveryStats = {
  up: (db: Kysely<unknown>) => run(db, UP),
  down: (db: Kysely<unknown>) => run(db, DOWN),
};
