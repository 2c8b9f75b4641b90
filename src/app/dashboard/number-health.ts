// Each SMS number's outcomes over the last 15 minutes (number_outcomes, migration 0017, filled by
// the roll-up): how many final reports and how many of them failures.
import { sql } from 'kysely';
import type { Db } from '../context.js';

export const HEALTH_WINDOW_MINUTES = 15;

export interface NumberOutcomes {
  readonly accountId: string;
  readonly smsNumberId: string;
  readonly address: string | null;
  readonly finals: number;
  readonly failures: number;
}

export async function recentNumberOutcomes(db: Db): Promise<NumberOutcomes[]> {
  const r = await sql<{ account_id: string; sms_number_id: string; address: string | null; finals: string; failures: string }>`
    select o.account_id, o.sms_number_id, n.address, sum(o.finals)::text as finals, sum(o.failures)::text as failures
    from number_outcomes o left join sms_numbers n on n.id = o.sms_number_id
    where o.minute >= date_trunc('minute', now()) - make_interval(mins => ${HEALTH_WINDOW_MINUTES})
    group by 1, 2, 3`.execute(db);
  return r.rows.map((x) => ({ accountId: x.account_id, smsNumberId: x.sms_number_id, address: x.address, finals: Number(x.finals), failures: Number(x.failures) }));
}
