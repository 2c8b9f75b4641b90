// Records accepted submissions, many per transaction: at 1,000 messages/s one transaction
// per message would be most of PGlite's budget (2.5-3k tx/s here).
import { sql, type Kysely, type Transaction } from 'kysely';
import { transition, type MessageStatus } from '../../domain/messages/status.js';
import type { Database } from '../schema.js';
import { applyReportsLocked, parkReports } from './apply-reports.js';
import { insertParts } from './message-parts.js';
import { lockProviderIds, type ProviderIdKey } from './report-lock.js';
import type { StatusReport } from './report-types.js';
import { statusEventsFrom } from './status-events.js';

export interface SentRecord {
  readonly messageId: string;
  readonly accountId: string;
  readonly provider: string;
  readonly providerMessageId: string;
  /** What a reconciliation found beyond "accepted", e.g. already delivered. */
  readonly reportedStatus?: MessageStatus;
  /**
   * A long message whose provider reports each part: every accepted part's id in order (the
   * first is providerMessageId), stored so that any instance can merge the parts' reports.
   */
  readonly partIds?: readonly string[];
  /** Parts the provider refused or never answered: they will never report, and count as failed. */
  readonly failedParts?: number;
}

/** Every provider id a report about this record may carry. */
function idsOf(r: SentRecord): ProviderIdKey[] {
  const ids = new Set([r.providerMessageId, ...(r.partIds ?? [])]);
  return [...ids].map((providerMessageId) => ({ accountId: r.accountId, provider: r.provider, providerMessageId }));
}

/**
 * Moves each message this worker holds from sending to sent (or further, when reconciliation
 * says so), stores the parts of long ones, then applies delivery reports that arrived before
 * this record. Returns the ids recorded; a message missing from it had lost its lease
 * (another dispatcher reconciles it).
 */
export async function markSent(db: Kysely<Database>, workerId: string, records: readonly SentRecord[]): Promise<string[]> {
  if (records.length === 0) return [];
  return db.transaction().execute(async (trx) => {
    await lockProviderIds(trx, records.flatMap(idsOf));
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
    const recorded = new Set(rows.map((r) => r.id));
    const mine = records.filter((r) => recorded.has(r.messageId));
    await insertParts(
      trx,
      mine.map((r) => ({ messageId: r.messageId, accountId: r.accountId, provider: r.provider, partIds: r.partIds ?? [r.providerMessageId], failedParts: r.failedParts ?? 0 })),
    );
    await applyEarlyReports(trx, mine.flatMap(idsOf));
    return rows.map((r) => r.id);
  });
}

/** Applies the reports parked for these provider ids before their message was recorded (call after recording it, under lockProviderIds). */
export async function applyEarlyReports(trx: Transaction<Database>, keys: readonly ProviderIdKey[]): Promise<void> {
  if (keys.length === 0) return;
  const early = await sql<{ account_id: string; provider: string; provider_message_id: string; status: MessageStatus; error_code: string | null; word: string | null; reported_at: Date; received_at: Date }>`
    delete from pending_status_reports p
    using unnest(${keys.map((k) => k.accountId)}::text[], ${keys.map((k) => k.provider)}::text[], ${keys.map((k) => k.providerMessageId)}::text[]) as k(account_id, provider, pmid)
    where p.account_id = k.account_id and p.provider = k.provider and p.provider_message_id = k.pmid
    returning p.*`.execute(trx);
  if (early.rows.length === 0) return;
  // In arrival order: the state machine then keeps the first final word, as it would have live.
  const reports = [...early.rows]
    .sort((a, b) => a.received_at.getTime() - b.received_at.getTime())
    .map((r): StatusReport => ({
      accountId: r.account_id,
      provider: r.provider,
      providerMessageId: r.provider_message_id,
      status: r.status,
      ...(r.error_code !== null ? { errorCode: r.error_code } : {}),
      ...(r.word !== null ? { providerStatus: r.word } : {}),
      at: r.reported_at,
    }));
  const { unmatched } = await applyReportsLocked(trx, reports);
  // Cannot happen (every key is a recorded message's), but a report is never dropped.
  await parkReports(trx, unmatched);
}
