// Storage of the parts of long messages (migrations/0005-message-parts.ts): written with the
// submission, read and updated by the status reports that name a part.
import { sql } from 'kysely';
import type { MessageStatus } from '../../domain/messages/status.js';
import type { Executor } from '../executor.js';
import type { ProviderIdKey } from './report-lock.js';

/** The parts of one accepted submission: the provider's ids in order, and how many parts it never took. */
export interface SubmittedParts {
  readonly messageId: string;
  readonly accountId: string;
  readonly provider: string;
  readonly partIds: readonly string[];
  readonly failedParts: number;
}

export interface PartRow {
  readonly messageId: string;
  readonly partIndex: number;
  readonly accountId: string;
  readonly provider: string;
  readonly partId: string | null;
  status: MessageStatus | null;
  word: string | null;
  errorCode: string | null;
  reportedAt: Date | null;
}

/** Only a message of more than one part has rows: a one-part message is matched by its own provider id. */
export function hasParts(p: Pick<SubmittedParts, 'partIds' | 'failedParts'>): boolean {
  return p.partIds.length + p.failedParts > 1;
}

interface NewPart {
  readonly s: SubmittedParts;
  readonly index: number;
  readonly partId: string | null;
  readonly status: MessageStatus | null;
}

export async function insertParts(trx: Executor, submissions: readonly SubmittedParts[]): Promise<void> {
  const rows = submissions.filter(hasParts).flatMap((s): NewPart[] => [
    ...s.partIds.map((partId, index) => ({ s, index, partId, status: null })),
    // Never taken by the provider: no id, no receipt to wait for.
    ...Array.from({ length: s.failedParts }, (_, k) => ({ s, index: s.partIds.length + k, partId: null, status: 'failed' as const })),
  ]);
  if (rows.length === 0) return;
  await sql`
    insert into message_parts (message_id, part_index, account_id, provider, part_id, status)
    select * from unnest(${rows.map((r) => r.s.messageId)}::text[], ${rows.map((r) => r.index)}::int[], ${rows.map((r) => r.s.accountId)}::text[],
      ${rows.map((r) => r.s.provider)}::text[], ${rows.map((r) => r.partId)}::text[], ${rows.map((r) => r.status)}::text[])`.execute(trx);
}

/**
 * Every part of each message that has a part among `keys`, locked, in one global order (message,
 * then part) so that two transactions merging parts of the same messages never wait in a circle.
 */
export async function lockPartsOf(trx: Executor, keys: readonly ProviderIdKey[]): Promise<PartRow[]> {
  if (keys.length === 0) return [];
  const { rows } = await sql<{
    message_id: string;
    part_index: number;
    account_id: string;
    provider: string;
    part_id: string | null;
    status: MessageStatus | null;
    word: string | null;
    error_code: string | null;
    reported_at: Date | null;
  }>`
    select p.* from message_parts p
    where p.message_id in (
      select hit.message_id from message_parts hit
      join unnest(${keys.map((k) => k.accountId)}::text[], ${keys.map((k) => k.provider)}::text[], ${keys.map((k) => k.providerMessageId)}::text[])
        as k(account_id, provider, pmid)
        on hit.account_id = k.account_id and hit.provider = k.provider and hit.part_id = k.pmid)
    order by p.message_id, p.part_index
    for update of p`.execute(trx);
  return rows.map((r) => ({
    messageId: r.message_id,
    partIndex: r.part_index,
    accountId: r.account_id,
    provider: r.provider,
    partId: r.part_id,
    status: r.status,
    word: r.word,
    errorCode: r.error_code,
    reportedAt: r.reported_at,
  }));
}

export async function saveParts(trx: Executor, parts: readonly PartRow[]): Promise<void> {
  if (parts.length === 0) return;
  await sql`
    update message_parts p set status = v.status, word = v.word, error_code = v.error_code, reported_at = v.reported_at
    from unnest(${parts.map((p) => p.messageId)}::text[], ${parts.map((p) => p.partIndex)}::int[], ${parts.map((p) => p.status)}::text[],
      ${parts.map((p) => p.word)}::text[], ${parts.map((p) => p.errorCode)}::text[], ${parts.map((p) => p.reportedAt)}::timestamptz[])
      as v(message_id, part_index, status, word, error_code, reported_at)
    where p.message_id = v.message_id and p.part_index = v.part_index`.execute(trx);
}
