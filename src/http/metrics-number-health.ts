// smsdesk_sms_number_unhealthy{account,number}: 1 while a number is unhealthy (number_health,
// the state every instance shares), 0 otherwise; also 0 for a number never evaluated.
import { sql } from 'kysely';
import { Gauge, type Registry } from 'prom-client';
import type { Db } from '../app/context.js';

export function registerNumberHealthGauge(db: Db, registry: Registry): void {
  new Gauge({
    name: 'smsdesk_sms_number_unhealthy',
    help: 'Whether an SMS number is unhealthy (1): its failure rate over the last 15 minutes crossed the threshold set by the administrator',
    labelNames: ['account', 'number'],
    registers: [registry],
    async collect() {
      const r = await sql<{ account_id: string; address: string; unhealthy: boolean | null }>`
        select n.account_id, n.address, h.unhealthy from sms_numbers n left join number_health h on h.sms_number_id = n.id`.execute(db);
      this.reset();
      for (const x of r.rows) this.set({ account: x.account_id, number: x.address }, x.unhealthy === true ? 1 : 0);
    },
  });
}
