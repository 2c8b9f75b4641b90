// The core of applying delivery reports, inside a transaction that already holds the advisory
// locks of the reports' provider ids (report-lock.ts). A report names either a message (its
// provider id) or one part of a long message; a part's report updates the part, and the
// message takes the parts' merge (domain/messages/parts.ts). Either way the message's status
// goes through the state machine, so nothing moves back and a contradiction is only flagged.
import { sql, type Transaction } from 'kysely';
import { mergeParts, partStatusAfter } from '../../domain/messages/parts.js';
import { isFinal, transition, type MessageStatus } from '../../domain/messages/status.js';
import type { Database } from '../schema.js';
import { lockPartsOf, saveParts, type PartRow } from './message-parts.js';
import type { ProviderIdKey } from './report-lock.js';
import type { StatusReport, StatusReportOutcome } from './report-types.js';
import { statusEventsFrom } from './status-events.js';

export const keyOf = (k: ProviderIdKey) => `${k.accountId}\u001f${k.provider}\u001f${k.providerMessageId}`;

/** What a part's row can hold (its check constraint); anything else is left to the message's state machine. */
const PART_STATUSES: ReadonlySet<MessageStatus> = new Set(['sent', 'delivered', 'undelivered', 'failed']);

interface MessageRow {
  readonly id: string;
  readonly status: MessageStatus;
  readonly account_id: string;
  readonly provider: string;
  readonly provider_message_id: string;
}

interface Change {
  readonly id: string;
  status: MessageStatus;
  errorCode: string | null;
  deliveredAt: Date | null;
  sentAt: Date;
}

export interface AppliedReports {
  readonly outcomes: StatusReportOutcome[];
  /** Reports whose provider id names no message or part yet, in the order given. */
  readonly unmatched: StatusReport[];
}

/**
 * Applies reports in the order given (arrival order). Each message changes at most once per
 * call, to where the state machine took it, with one event.
 */
export async function applyReportsLocked(trx: Transaction<Database>, reports: readonly StatusReport[]): Promise<AppliedReports> {
  if (reports.length === 0) return { outcomes: [], unmatched: [] };
  const keys = [...new Map(reports.map((r) => [keyOf(r), r])).values()];
  const parts = await lockPartsOf(trx, keys);
  const partByKey = new Map<string, PartRow>();
  const partsOf = new Map<string, PartRow[]>();
  for (const p of parts) {
    if (p.partId !== null) partByKey.set(keyOf({ accountId: p.accountId, provider: p.provider, providerMessageId: p.partId }), p);
    partsOf.set(p.messageId, [...(partsOf.get(p.messageId) ?? []), p]);
  }
  const messages = await lockMessages(trx, keys, [...partsOf.keys()]);
  const byKey = new Map(messages.map((m) => [keyOf({ accountId: m.account_id, provider: m.provider, providerMessageId: m.provider_message_id }), m]));
  const byId = new Map(messages.map((m) => [m.id, m]));
  const current = new Map(messages.map((m) => [m.id, m.status]));
  const changes = new Map<string, Change>();
  const changedParts = new Set<PartRow>();
  const unmatched: StatusReport[] = [];

  const applyTo = (message: MessageRow, status: MessageStatus, errorCode: string | null, at: Date): StatusReportOutcome => {
    const id = message.id;
    const t = transition(current.get(id) ?? message.status, status);
    if (!t.changed) return { kind: 'ignored', messageId: id, status: t.status, reason: t.reason };
    current.set(id, t.status);
    const c = changes.get(id) ?? { id, status: t.status, errorCode: null, deliveredAt: null, sentAt: at };
    c.status = t.status;
    if (t.status === 'delivered') c.deliveredAt = at;
    if ((t.status === 'failed' || t.status === 'undelivered') && errorCode !== null) c.errorCode = errorCode;
    changes.set(id, c);
    return { kind: 'applied', messageId: id, status: t.status };
  };

  const outcomes = reports.map((rep): StatusReportOutcome => {
    const part = partByKey.get(keyOf(rep));
    const message = part ? byId.get(part.messageId) : byKey.get(keyOf(rep));
    if (!message) {
      unmatched.push(rep);
      return { kind: 'pending' };
    }
    if (!part || !PART_STATUSES.has(rep.status)) return applyTo(message, rep.status, rep.errorCode ?? null, rep.at);
    const next = partStatusAfter(part.status, rep.status);
    if (next === rep.status) {
      part.status = next;
      part.word = rep.providerStatus ?? null;
      part.errorCode = rep.errorCode ?? null;
      part.reportedAt = rep.at;
      changedParts.add(part);
    }
    // An intermediate report (`sent`) says the message is on its way: no need to wait for the others.
    if (!isFinal(rep.status)) return applyTo(message, rep.status, null, rep.at);
    const merged = mergeParts(partsOf.get(message.id) ?? []);
    if (!merged) return { kind: 'partial', messageId: message.id, status: current.get(message.id) ?? message.status };
    return applyTo(message, merged.status, merged.errorCode, rep.at);
  });

  await saveParts(trx, [...changedParts]);
  await saveMessages(trx, [...changes.values()]);
  return { outcomes, unmatched };
}

/** The messages named by provider id, and those whose parts are named, locked in id order. */
async function lockMessages(trx: Transaction<Database>, keys: readonly ProviderIdKey[], ids: readonly string[]): Promise<MessageRow[]> {
  const { rows } = await sql<MessageRow>`
    select m.id, m.status, m.account_id, m.provider, m.provider_message_id
    from messages m
    where m.id in (
      select unnest(${ids}::text[])
      union all
      select m2.id from messages m2
      join unnest(${keys.map((k) => k.accountId)}::text[], ${keys.map((k) => k.provider)}::text[], ${keys.map((k) => k.providerMessageId)}::text[])
        as k(account_id, provider, pmid)
        on m2.account_id = k.account_id and m2.provider = k.provider and m2.provider_message_id = k.pmid)
    order by m.id
    for update of m`.execute(trx);
  return rows;
}

async function saveMessages(trx: Transaction<Database>, c: readonly Change[]): Promise<void> {
  if (c.length === 0) return;
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

/** Keeps reports that overtook the submission naming them, until markSent records it. */
export async function parkReports(trx: Transaction<Database>, early: readonly StatusReport[]): Promise<void> {
  if (early.length === 0) return;
  await sql`
    insert into pending_status_reports (account_id, provider, provider_message_id, status, error_code, word, reported_at)
    select * from unnest(${early.map((r) => r.accountId)}::text[], ${early.map((r) => r.provider)}::text[], ${early.map((r) => r.providerMessageId)}::text[],
      ${early.map((r) => r.status)}::text[], ${early.map((r) => r.errorCode ?? null)}::text[], ${early.map((r) => r.providerStatus ?? null)}::text[],
      ${early.map((r) => r.at)}::timestamptz[])
    on conflict do nothing`.execute(trx);
}
