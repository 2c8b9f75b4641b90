// Records accepted submissions, many per transaction: at 1,000 messages/s one transaction
// per message would be most of PGlite's budget (2.5-3k tx/s here).
import { sql, type Kysely, type Transaction } from 'kysely';
import { transition, type MessageStatus } from '../../domain/messages/status.js';
import type { Database } from '../schema.js';
import { applyReportToMessage } from './apply-report.js';
import { lockProviderIds } from './report-lock.js';
import { statusEventsFrom } from './status-events.js';

export interface SentRecord {
  readonly messageId: string;
  readonly accountId: string;
  readonly provider: string;
  readonly providerMessageId: string;
  /** What a reconciliation found beyond "accepted", e.g. already delivered. */
  readonly reportedStatus?: MessageStatus;
}

/**
 * Moves each message this worker holds from sending to sent (or further, when reconciliation
 * says so), then applies delivery reports that arrived before this record. Returns the ids
 * recorded; a message missing from it had lost its lease (another dispatcher reconciles it).
 */
export async function markSent(db: Kysely<Database>, workerId: string, records: readonly SentRecord[]): Promise<string[]> {
  if (records.length === 0) return [];
  return db.transaction().execute(async (trx) => {
    await lockProviderIds(trx, records);
    const statuses = records.map((r) => {
      const t = transition('sending', r.reportedStatus ?? 'sent');
      return t.changed ? t.status : 'sent';
    });
    const { rows } = await sql<{ id: string; status: MessageStatus }>`
      with v as (
        select * from unnest(${records.map((r) => r.messageId)}::text[], ${records.map((r) => r.provider)}::text[],
          ${records.map((r) => r.providerMessageId)}::text[], ${statuses}::text[]) as v(id, provider, pmid, status)
      ), upd as (
        update messages m set status = v.status, provider = v.provider, provider_message_id = v.pmid,
          sent_at = coalesce(m.sent_at, now()),
          delivered_at = case when v.status = 'delivered' then now() else m.delivered_at end,
          locked_by = null, locked_until = null, last_error = null, error_code = null, updated_at = now()
        from v
        where m.id = v.id and m.locked_by = ${workerId} and m.status = 'sending'
        returning m.*
      ), ev as (${statusEventsFrom('upd')})
      select id, status from upd`.execute(trx);
    await applyEarlyReports(trx, records, new Map(rows.map((r) => [r.id, r.status])));
    return rows.map((r) => r.id);
  });
}

async function applyEarlyReports(trx: Transaction<Database>, records: readonly SentRecord[], recorded: ReadonlyMap<string, MessageStatus>): Promise<void> {
  const mine = records.filter((r) => recorded.has(r.messageId));
  if (mine.length === 0) return;
  const early = await sql<{ account_id: string; provider: string; provider_message_id: string; status: MessageStatus; error_code: string | null; reported_at: Date; received_at: Date }>`
    delete from pending_status_reports p
    using unnest(${mine.map((r) => r.accountId)}::text[], ${mine.map((r) => r.provider)}::text[], ${mine.map((r) => r.providerMessageId)}::text[]) as k(account_id, provider, pmid)
    where p.account_id = k.account_id and p.provider = k.provider and p.provider_message_id = k.pmid
    returning p.*`.execute(trx);
  if (early.rows.length === 0) return;
  const byKey = new Map(mine.map((r) => [`${r.accountId}\u0000${r.provider}\u0000${r.providerMessageId}`, r.messageId]));
  const current = new Map(recorded);
  // In arrival order: the state machine then keeps the first final word, as it would have live.
  for (const rep of [...early.rows].sort((a, b) => a.received_at.getTime() - b.received_at.getTime())) {
    const id = byKey.get(`${rep.account_id}\u0000${rep.provider}\u0000${rep.provider_message_id}`);
    const status = id === undefined ? undefined : current.get(id);
    if (id === undefined || status === undefined) continue;
    const t = await applyReportToMessage(trx, { id, status }, { status: rep.status, errorCode: rep.error_code, at: rep.reported_at });
    current.set(id, t.status);
  }
}
