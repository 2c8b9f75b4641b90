// One message as the log opens it: the row, its status history, its credits, its parts, and its
// conversation's transcript (the latest messages of it).
import { sql } from 'kysely';
import { failureReason } from '../../domain/delivery-failure/index.js';
import type { MessageStatus } from '../../domain/messages/status.js';
import { notFound } from '../admin/refusals.js';
import type { Db } from '../context.js';
import { logRowById, type LogScope } from './log-query.js';
import type { MessageDetailView, StatusChangeView } from '../../api/log-views.js';
import { logEntryView } from './log-view.js';

export type { MessageDetailView };

const TRANSCRIPT_MAX = 200;
const iso = (d: Date | string): string => new Date(d).toISOString();

export async function messageDetail(db: Db, accountId: string, scope: LogScope, id: string): Promise<MessageDetailView> {
  // The log's own query narrowed to the id, so the scope applies alike.
  const m = await db
    .selectFrom('messages')
    .select(['id', 'created_at', 'provider', 'provider_message_id', 'interaction_id', 'submitted_at', 'sent_at', 'delivered_at', 'status', 'updated_at'])
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (!m) throw notFound('id');
  const row = await logRowById(db, accountId, scope, id);
  if (!row) throw notFound('id');

  const [history, ledger, parts, transcript] = await Promise.all([
    db.selectFrom('message_status_history').select(['status', 'error_code', 'at']).where('message_id', '=', id).orderBy('id').execute(),
    db.selectFrom('credit_ledger').select(['delta', 'reason', 'created_at']).where('message_id', '=', id).where('account_id', '=', accountId).orderBy('id').execute(),
    db.selectFrom('message_parts').selectAll().where('message_id', '=', id).orderBy('part_index').execute(),
    m.interaction_id
      ? sql<{ id: string; direction: 'out' | 'in'; status: MessageStatus; body: string | null; agent_name: string | null; created_at: Date }>`
          select t.id, t.direction, t.status, t.body, g.name as agent_name, t.created_at from (
            select x.* from messages x where x.interaction_id = ${m.interaction_id} order by x.seq desc limit ${TRANSCRIPT_MAX + 1}
          ) t left join agents g on g.id = t.agent_id order by t.seq`.execute(db).then((r) => r.rows)
      : Promise.resolve([]),
  ]);

  const recorded: StatusChangeView[] =
    history.length > 0
      ? history.map((h) => ({ status: h.status, errorCode: h.error_code, at: iso(h.at) }))
      : fallbackHistory(m.status, { created: m.created_at, submitted: m.submitted_at, sent: m.sent_at, delivered: m.delivered_at, updated: m.updated_at });
  const provider = row.provider;
  return {
    message: logEntryView(row),
    provider,
    providerMessageId: m.provider_message_id,
    history: recorded,
    credits: ledger.map((l) => ({ delta: Number(l.delta), reason: l.reason, at: iso(l.created_at) })),
    parts: parts.map((p) => ({
      index: p.part_index,
      partId: p.part_id,
      status: p.status,
      word: p.word,
      errorCode: p.error_code,
      reason: p.status ? failureReason({ provider: p.provider, status: p.status, errorCode: p.error_code, word: p.word }) : null,
      reportedAt: p.reported_at ? iso(p.reported_at) : null,
    })),
    transcript: transcript.slice(-TRANSCRIPT_MAX).map((t) => ({ id: t.id, direction: t.direction, status: t.status, body: t.body, agentName: t.agent_name, at: iso(t.created_at) })),
    transcriptTruncated: transcript.length > TRANSCRIPT_MAX,
  };
}

/** A message older than the history table: its recorded times say what they can. */
function fallbackHistory(status: MessageStatus, t: { created: Date; submitted: Date | null; sent: Date | null; delivered: Date | null; updated: Date }): StatusChangeView[] {
  const out: StatusChangeView[] = [{ status: status === 'received' ? 'received' : 'queued', errorCode: null, at: iso(t.created) }];
  if (t.sent) out.push({ status: 'sent', errorCode: null, at: iso(t.sent) });
  if (t.delivered) out.push({ status: 'delivered', errorCode: null, at: iso(t.delivered) });
  else if (status !== 'received' && status !== 'sent' && status !== 'queued') out.push({ status, errorCode: null, at: iso(t.updated) });
  return out;
}
