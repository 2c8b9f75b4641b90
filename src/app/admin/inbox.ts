// What only administrators look at: inbound messages no queue owns, and the opt-out list.
import type { InboxPage, OptOut } from '../../api/admin-views.js';
import type { Actor, AppDeps } from '../context.js';

/** Newest first; `before` is the `seq` of the last message of the previous page. */
export async function unassignedInbox(deps: Pick<AppDeps, 'db'>, actor: Actor, page: { limit: number; before?: string | undefined }): Promise<InboxPage> {
  let q = deps.db
    .selectFrom('messages')
    .select(['id', 'seq', 'from_address', 'to_address', 'sms_number_id', 'body', 'created_at', 'media'])
    .where('account_id', '=', actor.accountId)
    .where('direction', '=', 'in')
    .where('interaction_id', 'is', null)
    .orderBy('seq', 'desc')
    .limit(page.limit);
  if (page.before !== undefined) q = q.where('seq', '<', page.before);
  const rows = await q.execute();
  const messages = rows.map((r) => ({ id: r.id, seq: String(r.seq), from: r.from_address, to: r.to_address, smsNumberId: r.sms_number_id, body: r.body, receivedAt: new Date(r.created_at).toISOString(), mediaCount: Array.isArray(r.media) ? r.media.length : 0 }));
  return { messages, nextBefore: rows.length === page.limit ? (messages[messages.length - 1]?.seq ?? null) : null };
}

export async function optOuts(deps: Pick<AppDeps, 'db'>, actor: Actor, page: { limit: number; offset: number }): Promise<{ optOuts: OptOut[] }> {
  const rows = await deps.db
    .selectFrom('opt_outs')
    .select(['number', 'keyword', 'opted_out_at', 'source', 'by_customer'])
    .where('account_id', '=', actor.accountId)
    .orderBy('opted_out_at', 'desc')
    .orderBy('number')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { optOuts: rows.map((r) => ({ number: r.number, keyword: r.keyword, at: new Date(r.opted_out_at).toISOString(), source: r.source, byCustomer: r.by_customer })) };
}
