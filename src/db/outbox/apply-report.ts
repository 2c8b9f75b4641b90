// Applies one reported status to one message the caller has locked, through the domain's
// state machine: duplicates, stale and contradicting reports change nothing.
import { sql } from 'kysely';
import { transition, type MessageStatus, type TransitionResult } from '../../domain/messages/status.js';
import type { Executor } from '../executor.js';
import { statusEventsFrom } from './status-events.js';

export interface ReportToApply {
  readonly status: MessageStatus;
  readonly errorCode?: string | null;
  readonly at: Date;
}

export async function applyReportToMessage(trx: Executor, message: { readonly id: string; readonly status: MessageStatus }, report: ReportToApply): Promise<TransitionResult> {
  const t = transition(message.status, report.status);
  if (!t.changed) return t;
  const failed = t.status === 'failed' || t.status === 'undelivered';
  await sql`
    with upd as (
      update messages set status = ${t.status},
        error_code = case when ${failed} then coalesce(${report.errorCode ?? null}::text, error_code) else error_code end,
        delivered_at = case when ${t.status} = 'delivered' then ${report.at}::timestamptz else delivered_at end,
        sent_at = coalesce(sent_at, ${report.at}::timestamptz),
        locked_by = null, locked_until = null, updated_at = now()
      where id = ${message.id}
      returning *
    ), ev as (${statusEventsFrom('upd')})
    select 1 from upd`.execute(trx);
  return t;
}
