// Delivery reports from providers (webhooks, SMPP receipts, the simulator). Reports come
// late, twice, out of order, and sometimes before the submit result that tells us which
// message they are about: those are kept and applied when the provider id is recorded.
import { sql, type Kysely } from 'kysely';
import { transition, type MessageStatus } from '../../domain/messages/status.js';
import type { Database } from '../schema.js';
import { lockProviderIds, type ProviderIdKey } from './report-lock.js';
import { statusEventsFrom } from './status-events.js';

export interface StatusReport extends ProviderIdKey {
  readonly status: MessageStatus;
  readonly errorCode?: string;
  readonly at: Date;
}

export type StatusReportOutcome =
  | { readonly kind: 'applied'; readonly messageId: string; readonly status: MessageStatus }
  | { readonly kind: 'ignored'; readonly messageId: string; readonly status: MessageStatus; readonly reason: 'duplicate' | 'stale' | 'final' }
  /** No message carries this provider id yet: kept until one does. */
  | { readonly kind: 'pending' };

export async function applyStatusReport(db: Kysely<Database>, report: StatusReport): Promise<StatusReportOutcome> {
  const [outcome] = await applyStatusReports(db, [report]);
  if (!outcome) throw new Error('no outcome for the report');
  return outcome;
}

const keyOf = (k: ProviderIdKey) => `${k.accountId}\u001f${k.provider}\u001f${k.providerMessageId}`;

interface Change {
  readonly id: string;
  status: MessageStatus;
  errorCode: string | null;
  deliveredAt: Date | null;
  sentAt: Date;
}

/**
 * Applies reports in one transaction, in the order given (arrival order): a busy account's
 * receipts arrive at its sending rate, and one transaction each would cost as much as the
 * sends themselves. Each message changes at most once per call, to where the state machine
 * took it, with one event.
 */
export async function applyStatusReports(db: Kysely<Database>, reports: readonly StatusReport[]): Promise<StatusReportOutcome[]> {
  if (reports.length === 0) return [];
  return db.transaction().execute(async (trx) => {
    await lockProviderIds(trx, reports);
    const keys = [...new Map(reports.map((r) => [keyOf(r), r])).values()];
    const { rows } = await sql<{ id: string; status: MessageStatus; account_id: string; provider: string; provider_message_id: string }>`
      select m.id, m.status, m.account_id, m.provider, m.provider_message_id
      from messages m
      join unnest(${keys.map((k) => k.accountId)}::text[], ${keys.map((k) => k.provider)}::text[], ${keys.map((k) => k.providerMessageId)}::text[])
        as k(account_id, provider, pmid)
        on m.account_id = k.account_id and m.provider = k.provider and m.provider_message_id = k.pmid
      order by m.id
      for update of m`.execute(trx);
    const byKey = new Map(rows.map((r) => [keyOf({ accountId: r.account_id, provider: r.provider, providerMessageId: r.provider_message_id }), r]));
    const changes = new Map<string, Change>();
    const current = new Map(rows.map((r) => [r.id, r.status]));
    const early: StatusReport[] = [];
    const outcomes = reports.map((rep): StatusReportOutcome => {
      const m = byKey.get(keyOf(rep));
      if (!m) {
        early.push(rep);
        return { kind: 'pending' };
      }
      const t = transition(current.get(m.id) ?? m.status, rep.status);
      if (!t.changed) return { kind: 'ignored', messageId: m.id, status: t.status, reason: t.reason };
      current.set(m.id, t.status);
      const c = changes.get(m.id) ?? { id: m.id, status: t.status, errorCode: null, deliveredAt: null, sentAt: rep.at };
      c.status = t.status;
      if (t.status === 'delivered') c.deliveredAt = rep.at;
      if ((t.status === 'failed' || t.status === 'undelivered') && rep.errorCode !== undefined) c.errorCode = rep.errorCode;
      changes.set(m.id, c);
      return { kind: 'applied', messageId: m.id, status: t.status };
    });
    if (changes.size > 0) {
      const c = [...changes.values()];
      await sql`
        with v as (
          select * from unnest(${c.map((x) => x.id)}::text[], ${c.map((x) => x.status)}::text[], ${c.map((x) => x.errorCode)}::text[],
            ${c.map((x) => x.deliveredAt)}::timestamptz[], ${c.map((x) => x.sentAt)}::timestamptz[]) as v(id, status, error_code, delivered_at, sent_at)
        ), upd as (
          update messages m set status = v.status, error_code = coalesce(v.error_code, m.error_code),
            delivered_at = coalesce(v.delivered_at, m.delivered_at), sent_at = coalesce(m.sent_at, v.sent_at),
            locked_by = null, locked_until = null, updated_at = now()
          from v where m.id = v.id
          returning m.*
        ), ev as (${statusEventsFrom('upd')})
        select 1 from upd`.execute(trx);
    }
    if (early.length > 0) {
      await sql`
        insert into pending_status_reports (account_id, provider, provider_message_id, status, error_code, reported_at)
        select * from unnest(${early.map((r) => r.accountId)}::text[], ${early.map((r) => r.provider)}::text[], ${early.map((r) => r.providerMessageId)}::text[],
          ${early.map((r) => r.status)}::text[], ${early.map((r) => r.errorCode ?? null)}::text[], ${early.map((r) => r.at)}::timestamptz[])
        on conflict do nothing`.execute(trx);
    }
    return outcomes;
  });
}
