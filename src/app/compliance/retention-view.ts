// The retention job as an administrator sees it: the server's setting and the last runs, with
// what each removed from this account (the job runs for the whole database, every hour).
import { sql } from 'kysely';
import type { RetentionView } from '../../api/compliance-views.js';
import type { Actor, AppDeps } from '../context.js';

export interface RetentionSetting {
  readonly messageRetentionDays: number;
  readonly idempotencyKeyHours: number;
}

const RUNS_SHOWN = 10;

export async function retentionView(deps: Pick<AppDeps, 'db'>, actor: Actor, setting: RetentionSetting): Promise<RetentionView> {
  const { rows } = await sql<{ started_at: Date; finished_at: Date; messages: string | null; events: string | null; error: string | null }>`
    select r.started_at, r.finished_at, a.messages, a.events, r.error
    from (select * from retention_runs order by id desc limit ${RUNS_SHOWN}) r
    left join retention_run_accounts a on a.run_id = r.id and a.account_id = ${actor.accountId}
    order by r.id desc`.execute(deps.db);
  return {
    messageRetentionDays: setting.messageRetentionDays,
    idempotencyKeyHours: setting.idempotencyKeyHours,
    runs: rows.map((r) => ({
      startedAt: new Date(r.started_at).toISOString(),
      finishedAt: new Date(r.finished_at).toISOString(),
      messages: Number(r.messages ?? 0),
      events: Number(r.events ?? 0),
      failed: r.error !== null,
    })),
  };
}
