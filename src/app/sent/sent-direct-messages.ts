// The agent's own Direct SMS, newest first (the Banner's Sent view). One query, served by the
// partial index messages_direct_by_agent (agent_id, created_at desc) of migration 0013: a page
// reads `limit` index entries after the cursor, whatever the account holds. Per row, primary-key
// lookups only: the contact's name, the sender's label, the first failed part's word (only for a
// failure), and the resend that followed it (partial index messages_resend_of).
import { sql } from 'kysely';
import type { MessageStatus } from '../../domain/messages/status.js';
import type { Actor, Db } from '../context.js';

export interface SentDirectRow {
  readonly id: string;
  readonly to: string;
  readonly customerName: string | null;
  readonly from: string;
  readonly senderLabel: string | null;
  readonly body: string | null;
  readonly status: MessageStatus;
  readonly segments: number;
  readonly credits: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly errorCode: string | null;
  /** The provider that sent it, else the account's (a message refused at submission records none). */
  readonly provider: string | null;
  /** The provider's word of a failed part's report (SMPP `stat:`, Vonage DLR `status`). */
  readonly word: string | null;
  readonly resendOf: string | null;
  /** The message that sent this one again, if any. */
  readonly resentAs: string | null;
}

/**
 * A page of the agent's Direct SMS, newest first. `before` is the id of the last row of the
 * previous page: rows strictly older (same time: smaller id) follow. An id that is not one of
 * the agent's Direct SMS gives an empty page.
 */
export async function sentDirectMessages(db: Db, actor: Actor, limit: number, before?: string): Promise<SentDirectRow[]> {
  // Both as scalar subqueries, evaluated once. The account is checked on the agent, so the rows
  // are scoped by the agent alone and the planner keeps the agent's index (an account condition
  // on messages drew it to the account's index, which also holds every conversation's messages).
  // The cursor's time then bounds that index scan (a join with the cursor row did not).
  const agent = sql`(select g.id from agents g where g.id = ${actor.agentId} and g.account_id = ${actor.accountId})`;
  const at = sql`(select c.created_at from messages c where c.id = ${before ?? null} and c.agent_id = ${agent}
    and c.interaction_id is null and c.direction = 'out')`;
  const cursor = before ? sql`and m.created_at <= ${at} and (m.created_at < ${at} or m.id < ${before})` : sql``;
  const { rows } = await sql<SentDirectRow>`
    select m.id, m.to_address as "to", c.name as "customerName", m.from_address as "from", n.label as "senderLabel",
      m.body, m.status, m.segments, m.credits, m.created_at as "createdAt", m.updated_at as "updatedAt",
      m.error_code as "errorCode", coalesce(m.provider, a.provider_type) as provider,
      case when m.status in ('failed', 'undelivered') then
        (select p.word from message_parts p where p.message_id = m.id and p.word is not null
          and p.status in ('failed', 'undelivered') order by p.part_index limit 1)
      end as word,
      m.resend_of as "resendOf",
      (select r.id from messages r where r.resend_of = m.id order by r.created_at desc limit 1) as "resentAs"
    from messages m
    join accounts a on a.id = m.account_id
    left join contacts c on c.account_id = m.account_id and c.number = m.to_address
    left join sms_numbers n on n.id = m.sms_number_id
    where m.agent_id = ${agent} and m.interaction_id is null and m.direction = 'out' ${cursor}
    order by m.created_at desc, m.id desc
    limit ${limit}`.execute(db);
  return rows;
}
