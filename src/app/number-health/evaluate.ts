// Each SMS number's failure rate over the last 15 minutes (number_outcomes) against its threshold.
// A change of state is written by a conditional upsert: when several instances evaluate at once,
// one of them changes the row and fires the transition (its webhook call queued in the same
// transaction); the others find the state already changed and do nothing.
import { sql } from 'kysely';
import { failureRate, nextHealth } from '../../domain/number-health/rule.js';
import type { Db } from '../context.js';
import { HEALTH_WINDOW_MINUTES } from '../dashboard/number-health.js';

export interface HealthTransition {
  readonly accountId: string;
  readonly smsNumberId: string;
  readonly number: string;
  readonly unhealthy: boolean;
  readonly failureRate: number;
  readonly reports: number;
  readonly threshold: number;
  readonly at: string;
}

export type OpsEventType = 'sms_number.unhealthy' | 'sms_number.healthy';

export interface OpsEvent {
  readonly type: OpsEventType;
  readonly account: string;
  readonly number: string;
  /** Failures / final reports over the window, 0 to 1. */
  readonly failureRate: number;
  readonly reports: number;
  /** Percent. */
  readonly threshold: number;
  readonly at: string;
}

interface Candidate {
  id: string;
  account_id: string;
  address: string;
  finals: string;
  failures: string;
  unhealthy: boolean;
  threshold: number;
  min_reports: number;
  webhook_url: string | null;
}

/** Evaluates every number with reports in the window or currently unhealthy; returns the transitions this call fired. */
export async function evaluateNumberHealth(db: Db): Promise<HealthTransition[]> {
  const r = await sql<Candidate>`
    with w as (
      select sms_number_id, sum(finals)::text as finals, sum(failures)::text as failures
      from number_outcomes
      where minute >= date_trunc('minute', now()) - make_interval(mins => ${HEALTH_WINDOW_MINUTES})
      group by 1
    )
    select n.id, n.account_id, n.address, coalesce(w.finals, '0') as finals, coalesce(w.failures, '0') as failures,
      coalesce(h.unhealthy, false) as unhealthy,
      coalesce(n.health_threshold_percent, s.threshold_percent, 20) as threshold,
      coalesce(s.min_reports, 20) as min_reports, s.webhook_url
    from sms_numbers n
      left join w on w.sms_number_id = n.id
      left join number_health h on h.sms_number_id = n.id
      left join number_health_settings s on s.account_id = n.account_id
    where w.sms_number_id is not null or h.unhealthy`.execute(db);
  const fired: HealthTransition[] = [];
  for (const c of r.rows) {
    const window = { finals: Number(c.finals), failures: Number(c.failures) };
    const next = nextHealth(c.unhealthy, window, { thresholdPercent: c.threshold, minReports: c.min_reports });
    if (next === c.unhealthy) continue;
    const rate = failureRate(window);
    const t = await db.transaction().execute(async (trx) => {
      const won = await sql<{ at: Date }>`
        insert into number_health (sms_number_id, account_id, unhealthy, failure_rate, reports, threshold_percent, changed_at)
        values (${c.id}, ${c.account_id}, ${next}, ${rate}, ${window.finals}, ${c.threshold}, now())
        on conflict (sms_number_id) do update set unhealthy = excluded.unhealthy, failure_rate = excluded.failure_rate,
          reports = excluded.reports, threshold_percent = excluded.threshold_percent, changed_at = excluded.changed_at
        where number_health.unhealthy <> excluded.unhealthy
        returning changed_at as at`.execute(trx);
      const at = won.rows[0]?.at;
      if (!at) return null;
      const transition: HealthTransition = { accountId: c.account_id, smsNumberId: c.id, number: c.address, unhealthy: next, failureRate: rate, reports: window.finals, threshold: c.threshold, at: new Date(at).toISOString() };
      if (c.webhook_url !== null) {
        const event: OpsEvent = { type: next ? 'sms_number.unhealthy' : 'sms_number.healthy', account: c.account_id, number: c.address, failureRate: rate, reports: window.finals, threshold: c.threshold, at: transition.at };
        await sql`insert into ops_webhook_outbox (account_id, body) values (${c.account_id}, ${JSON.stringify(event)})`.execute(trx);
      }
      return transition;
    });
    if (t) fired.push(t);
  }
  return fired;
}

export interface NumberHealthRow {
  readonly smsNumberId: string;
  readonly number: string;
  readonly label: string | null;
  readonly unhealthy: boolean;
  /** Over the window, now. */
  readonly reports: number;
  readonly failures: number;
  readonly failureRate: number;
  /** The threshold that applies (the number's own, or the account's), percent. */
  readonly threshold: number;
  /** The number's own threshold, when it has one. */
  readonly ownThreshold: number | null;
  /** When it last changed state; null when it never was unhealthy. */
  readonly changedAt: string | null;
}

/** Every SMS number of the account with its state and its figures now. */
export async function numberHealthRows(db: Db, accountId: string): Promise<NumberHealthRow[]> {
  const r = await sql<{ id: string; address: string; label: string | null; unhealthy: boolean | null; finals: string | null; failures: string | null; threshold: number; own: number | null; changed_at: Date | null }>`
    with w as (
      select sms_number_id, sum(finals)::text as finals, sum(failures)::text as failures
      from number_outcomes
      where account_id = ${accountId} and minute >= date_trunc('minute', now()) - make_interval(mins => ${HEALTH_WINDOW_MINUTES})
      group by 1
    )
    select n.id, n.address, n.label, h.unhealthy, w.finals, w.failures, n.health_threshold_percent as own,
      coalesce(n.health_threshold_percent, s.threshold_percent, 20) as threshold, h.changed_at
    from sms_numbers n
      left join w on w.sms_number_id = n.id
      left join number_health h on h.sms_number_id = n.id
      left join number_health_settings s on s.account_id = n.account_id
    where n.account_id = ${accountId}
    order by coalesce(h.unhealthy, false) desc, n.address`.execute(db);
  return r.rows.map((x) => {
    const window = { finals: Number(x.finals ?? 0), failures: Number(x.failures ?? 0) };
    return {
      smsNumberId: x.id,
      number: x.address,
      label: x.label,
      unhealthy: x.unhealthy === true,
      reports: window.finals,
      failures: window.failures,
      failureRate: failureRate(window),
      threshold: x.threshold,
      ownThreshold: x.own,
      changedAt: x.changed_at ? new Date(x.changed_at).toISOString() : null,
    };
  });
}
