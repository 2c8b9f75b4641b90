// The Direct SMS an inbound message answers (messages.in_reply_to, fixed on arrival), as a
// conversation's thread shows it above the reply. Its text is shown to whoever may read the
// reply, whoever sent it: the customer is answering it, and the reply means nothing without it.
import type { Executor } from '../db/executor.js';
import type { MessageStatus } from '../domain/messages/status.js';

export interface RepliedDirectSms {
  readonly id: string;
  readonly body: string | null;
  readonly createdAt: string;
  readonly status: MessageStatus;
  readonly agentName: string | null;
}

/** By the replying message's in_reply_to id; one read for a page of a thread. */
export async function repliedDirectSms(db: Executor, accountId: string, ids: readonly (string | null)[]): Promise<Map<string, RepliedDirectSms>> {
  const wanted = [...new Set(ids.filter((i): i is string => i !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom('messages as m')
    .leftJoin('agents as a', 'a.id', 'm.agent_id')
    .select(['m.id', 'm.body', 'm.created_at', 'm.status', 'a.name as agent_name'])
    .where('m.account_id', '=', accountId)
    .where('m.id', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, body: r.body, createdAt: new Date(r.created_at).toISOString(), status: r.status, agentName: r.agent_name ?? null }]));
}
