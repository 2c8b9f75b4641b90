// Every state change of a message appends a 'message.status' event in the same statement,
// so the live stream can never show a status the table does not hold (or miss one it does).
import { sql, type RawBuilder } from 'kysely';

export const MESSAGE_STATUS_EVENT = 'message.status';

/**
 * An INSERT into events from the rows of the CTE `cte` (which returns updated message rows).
 * The queue comes from the message's interaction: queue members watching it see the change.
 */
export function statusEventsFrom(cte: string): RawBuilder<unknown> {
  const t = sql.id(cte);
  return sql`
    insert into events (account_id, agent_id, queue_id, type, payload)
    select ${t}.account_id, ${t}.agent_id, i.queue_id, ${MESSAGE_STATUS_EVENT},
      jsonb_strip_nulls(jsonb_build_object(
        'messageId', ${t}.id,
        'status', ${t}.status,
        'interactionId', ${t}.interaction_id,
        'attempts', ${t}.attempts,
        'providerMessageId', ${t}.provider_message_id,
        'errorCode', ${t}.error_code,
        'error', ${t}.last_error,
        'needsReview', ${t}.needs_review,
        'retryAt', case when ${t}.status = 'queued' and ${t}.attempts > 0 then ${t}.run_at end,
        'at', ${t}.updated_at))
    from ${t} left join interactions i on i.id = ${t}.interaction_id`;
}
