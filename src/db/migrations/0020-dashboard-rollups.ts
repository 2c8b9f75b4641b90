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
// advisory lock). The send path is unchanged (the triggers of 0017 append deltas). The messages
// already counted in delivery_stats are folded here once.
import { sql, type Kysely } from 'kysely';

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

const SLICE = `account_id text not null, kind text not null, key text not null, grain text not null, bucket timestamptz not null`;

function rollupFunction(withSlices: boolean): string {
  const f = foldInto('d');
  const slices = withSlices ? `, c as (${f.counts}), x as (${f.outcomes}), r as (${f.credits})` : '';
  return `create or replace function delivery_stats_rollup() returns bigint language plpgsql as $$
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
  rollupFunction(false),
  'drop table if exists dashboard_credits',
  'drop table if exists dashboard_outcomes',
  'drop table if exists dashboard_counts',
];

async function run(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export const dashboardRollups = {
  up: (db: Kysely<unknown>) => run(db, UP),
  down: (db: Kysely<unknown>) => run(db, DOWN),
};
