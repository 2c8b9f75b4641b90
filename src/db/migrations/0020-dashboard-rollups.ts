// The dashboard's read tables, as coarse as each chart: delivery_stats (migration 0017) keeps one
// row per hour and 14 dimensions, about 0.4 rows a message with 100 agents, so 90 days of a busy
// account were 2 million rows to add at each read (bench/dashboard.md: 11 s). These tables keep,
// per account, per hour ('h') and per day ('d'), and per "slice" of what the dashboard filters by
// (the whole account, one queue, one SMS number, one agent, or the Direct SMS of one agent, which
// with queues makes a supervisor's scope) only what the charts show:
//   dashboard_counts    sent/received, delivered, failed, credits, segments, Unicode, multi-part;
//   dashboard_outcomes  outbound outcomes: delivered by latency bucket, failures by status,
//                       provider and code;
//   dashboard_credits   outbound count and credits by queue ('q') and by agent ('g').
// A message counts once in each kind of slice ('a' account, 'q' queue, 'n' number, 'g' agent,
// 'd' Direct SMS agent; '' is "none"), so a read adds a few hundred rows for 90 days.
// They are kept by delivery_stats_rollup(), in the same statement that deletes the deltas it folds
// into delivery_stats: a crash folds all of them or none, and one roll-up runs at a time (its
// advisory lock). The send path does less than before (below: one bare append per change). The
// messages already counted in delivery_stats are folded here once.
import { sql, type Kysely } from 'kysely';
import { LATENCY_BOUNDS_SECONDS } from '../../domain/dashboard/latency.js';

const FAILED = `('failed', 'undelivered', 'rejected')`;
const DIMS = `account_id, hour, queue_id, direct_agent_id, agent_id, sms_number_id, direction, status, calling_code, provider,
  error_code, unicode, multipart, latency_bucket`;

// Each source row once per kind of slice and once per grain.
const SLICES = `cross join lateral (values ('a', ''), ('q', s.queue_id), ('n', s.sms_number_id), ('g', s.agent_id), ('d', s.direct_agent_id)) k(kind, key)
  cross join lateral (values ('h', s.hour), ('d', date_trunc('day', s.hour at time zone 'UTC') at time zone 'UTC')) g(grain, bucket)`;

/** The three upserts, reading rows shaped as delivery_stats' from `src` (a table or a CTE). */
export function foldInto(src: string): { counts: string; outcomes: string; credits: string } {
  return {
    counts: `insert into dashboard_counts as t (account_id, kind, key, grain, bucket, direction, n, delivered, failed, credits, segments, unicode, multipart)
      select s.account_id, k.kind, k.key, g.grain, g.bucket, s.direction, sum(s.n), sum(s.delivered), sum(s.failed), sum(s.credits),
        sum(s.segments), sum(s.unicode), sum(s.multipart)
      from (select account_id, hour, queue_id, direct_agent_id, agent_id, sms_number_id, direction, sum(n) as n,
          coalesce(sum(n) filter (where status = 'delivered'), 0) as delivered, coalesce(sum(n) filter (where status in ${FAILED}), 0) as failed,
          sum(credits) as credits, sum(segments) as segments, coalesce(sum(n) filter (where unicode), 0) as unicode,
          coalesce(sum(n) filter (where multipart), 0) as multipart
        from ${src} group by 1, 2, 3, 4, 5, 6, 7) s
      ${SLICES}
      group by 1, 2, 3, 4, 5, 6
      on conflict (account_id, kind, key, grain, bucket, direction) do update
        set n = t.n + excluded.n, delivered = t.delivered + excluded.delivered, failed = t.failed + excluded.failed,
          credits = t.credits + excluded.credits, segments = t.segments + excluded.segments,
          unicode = t.unicode + excluded.unicode, multipart = t.multipart + excluded.multipart`,
    outcomes: `insert into dashboard_outcomes as t (account_id, kind, key, grain, bucket, status, provider, error_code, latency_bucket, n)
      select s.account_id, k.kind, k.key, g.grain, g.bucket, s.status, s.provider, s.error_code, s.latency_bucket, sum(s.n)
      from (select account_id, hour, queue_id, direct_agent_id, agent_id, sms_number_id, status,
          case when status = 'delivered' then '' else provider end as provider, case when status = 'delivered' then '' else error_code end as error_code,
          case when status = 'delivered' then latency_bucket else -1 end as latency_bucket, sum(n) as n
        from ${src}
        where direction = 'out' and (status = 'delivered' and latency_bucket >= 0 or status in ${FAILED})
        group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) s
      ${SLICES}
      group by 1, 2, 3, 4, 5, 6, 7, 8, 9
      on conflict (account_id, kind, key, grain, bucket, status, provider, error_code, latency_bucket) do update
        set n = t.n + excluded.n`,
    credits: `insert into dashboard_credits as t (account_id, kind, key, grain, bucket, axis, axis_key, n, credits)
      select s.account_id, k.kind, k.key, g.grain, g.bucket, b.axis, b.axis_key, sum(s.n), sum(s.credits)
      from (select account_id, hour, queue_id, direct_agent_id, agent_id, sms_number_id, sum(n) as n, sum(credits) as credits
        from ${src} where direction = 'out' group by 1, 2, 3, 4, 5, 6) s
      ${SLICES}
      cross join lateral (values ('q', s.queue_id), ('g', s.agent_id)) b(axis, axis_key)
      group by 1, 2, 3, 4, 5, 6, 7
      on conflict (account_id, kind, key, grain, bucket, axis, axis_key) do update
        set n = t.n + excluded.n, credits = t.credits + excluded.credits`,
  };
}

// The send path appends one statement per change of a message (its old and new facts in one
// insert on an update) with no look-up: the conversation's queue, the Direct SMS agent a reply
// answers and the calling code are found when the deltas are folded or read (a join over the
// few waiting rows), not once per message. Rows appended before this migration have them filled.
const BOUNDS = `array[${LATENCY_BOUNDS_SECONDS.join(',')}]::double precision[]`;

function facts(m: 'old' | 'new', sign: 1 | -1): string {
  const outcome = `${m}.status not in ('queued', 'sending', 'sent')`;
  return `(${m}.account_id, date_trunc('hour', ${m}.created_at at time zone 'UTC') at time zone 'UTC', coalesce(${m}.agent_id, ''),
    coalesce(${m}.sms_number_id, ''), ${m}.direction, case when ${outcome} then ${m}.status else 'pending' end,
    case when ${outcome} then coalesce(${m}.provider, '') else '' end, case when ${outcome} then coalesce(${m}.error_code, '') else '' end,
    ${m}.encoding = 'UCS-2', ${m}.segments > 1,
    case when ${m}.status = 'delivered' and ${m}.delivered_at is not null
      then width_bucket(greatest(extract(epoch from ${m}.delivered_at - ${m}.created_at), 0)::double precision, ${BOUNDS}) else -1 end,
    ${sign}, ${sign} * ${m}.credits, ${sign} * ${m}.segments, now(), ${m}.interaction_id, ${m}.in_reply_to,
    case when ${m}.direction = 'out' then ${m}.to_address else ${m}.from_address end)`;
}

const APPENDED = `account_id, hour, agent_id, sms_number_id, direction, status, provider, error_code, unicode, multipart, latency_bucket,
  n, credits, segments, at, interaction_id, in_reply_to, address`;

const TRACK = `create or replace function delivery_stats_track() returns trigger language plpgsql as $$
  begin
    if tg_op = 'UPDATE' then
      insert into delivery_stat_deltas (${APPENDED}) values ${facts('old', -1)}, ${facts('new', 1)};
    elsif tg_op = 'INSERT' then
      insert into delivery_stat_deltas (${APPENDED}) values ${facts('new', 1)};
    else
      insert into delivery_stat_deltas (${APPENDED}) values ${facts('old', -1)};
    end if;
    return null;
  end $$`;

/** Delta rows of `src` with the dimensions of delivery_stats (looked up for the rows appended bare). */
export function resolved(src: string): string {
  return `select x.account_id, x.hour,
      coalesce(x.queue_id, i.queue_id, '') as queue_id,
      coalesce(x.direct_agent_id, case when x.interaction_id is null then coalesce(nullif(x.agent_id, ''), r.agent_id) end, '') as direct_agent_id,
      x.agent_id, x.sms_number_id, x.direction, x.status,
      coalesce(x.calling_code, case when x.address like '+%' then (select c.code from calling_codes c
        where c.code in (substr(x.address, 2, 1), substr(x.address, 2, 2), substr(x.address, 2, 3)) limit 1) end, '') as calling_code,
      x.provider, x.error_code, x.unicode, x.multipart, x.latency_bucket, x.n, x.credits, x.segments, x.at
    from ${src} x
    left join interactions i on x.queue_id is null and i.id = x.interaction_id
    left join messages r on x.direct_agent_id is null and x.interaction_id is null and x.agent_id = '' and r.id = x.in_reply_to`;
}

const SLICE = `account_id text not null, kind text not null, key text not null, grain text not null, bucket timestamptz not null`;

function rollupFunction(withSlices: boolean): string {
  const f = foldInto('d');
  const slices = withSlices ? `, c as (${f.counts}), x as (${f.outcomes}), r as (${f.credits})` : '';
  return `create or replace function delivery_stats_rollup() returns bigint language plpgsql as $$
  declare folded bigint;
  begin
    if not pg_try_advisory_xact_lock(7170017) then return -1; end if;
    with ${withSlices ? `w as (delete from delivery_stat_deltas returning *), d as (${resolved('w')})` : 'd as (delete from delivery_stat_deltas returning *)'},
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
    )${slices},
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
  end $$`;
}

const UP: readonly string[] = [
  `alter table delivery_stat_deltas add column interaction_id text, add column in_reply_to text, add column address text,
    alter column queue_id drop not null, alter column direct_agent_id drop not null, alter column calling_code drop not null`,
  `create view delivery_stat_deltas_resolved as ${resolved('delivery_stat_deltas')}`,
  TRACK,
  `create table dashboard_counts (${SLICE}, direction text not null,
    n bigint not null, delivered bigint not null, failed bigint not null, credits bigint not null, segments bigint not null,
    unicode bigint not null, multipart bigint not null)`,
  `create unique index dashboard_counts_key on dashboard_counts (account_id, kind, key, grain, bucket, direction)`,
  `create table dashboard_outcomes (${SLICE}, status text not null, provider text not null, error_code text not null,
    latency_bucket smallint not null, n bigint not null)`,
  `create unique index dashboard_outcomes_key on dashboard_outcomes (account_id, kind, key, grain, bucket, status, provider, error_code, latency_bucket)`,
  `create table dashboard_credits (${SLICE}, axis text not null, axis_key text not null, n bigint not null, credits bigint not null)`,
  `create unique index dashboard_credits_key on dashboard_credits (account_id, kind, key, grain, bucket, axis, axis_key)`,
  rollupFunction(true),
  // What delivery_stats holds already (the deltas are folded by the next roll-up).
  ...Object.values(foldInto('delivery_stats')),
];

const DOWN: readonly string[] = [
  // Bare rows (appended by this migration's trigger) would lack their dimensions: fold them first.
  'select delivery_stats_rollup()',
  `create or replace function delivery_stats_track() returns trigger language plpgsql as $$
  begin
    if tg_op in ('UPDATE', 'DELETE') then
      insert into delivery_stat_deltas select * from delivery_stat_row(old, -1);
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
      insert into delivery_stat_deltas select * from delivery_stat_row(new, 1);
    end if;
    return null;
  end $$`,
  rollupFunction(false),
  'drop view if exists delivery_stat_deltas_resolved',
  'drop table if exists dashboard_credits',
  'drop table if exists dashboard_outcomes',
  'drop table if exists dashboard_counts',
  `alter table delivery_stat_deltas drop column interaction_id, drop column in_reply_to, drop column address,
    alter column queue_id set not null, alter column direct_agent_id set not null, alter column calling_code set not null`,
];

async function run(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export const dashboardRollups = {
  up: (db: Kysely<unknown>) => run(db, UP),
  down: (db: Kysely<unknown>) => run(db, DOWN),
};
