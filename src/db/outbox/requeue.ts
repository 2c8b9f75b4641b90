// A transient failure (provider down, throttled): the message goes back to the queue with a
// later run_at. Going from sending back to queued is the outbox's own bookkeeping, not a
// reported status, which is why it does not go through transition(): the message never
// reached the provider, and the agent sees "queued, retrying at ..." in the event.
import { sql } from 'kysely';
import type { Executor } from '../executor.js';
import type { FailureInfo } from './reject.js';
import { statusEventsFrom } from './status-events.js';

export async function requeueMessage(db: Executor, workerId: string, messageId: string, retryInMs: number, failure: FailureInfo): Promise<boolean> {
  const { rows } = await sql`
    with upd as (
      update messages set status = 'queued', run_at = now() + ${retryInMs}::float8 * interval '1 millisecond',
        last_error = ${failure.error}, error_code = ${failure.code ?? null}::text,
        locked_by = null, locked_until = null, updated_at = now()
      where id = ${messageId} and locked_by = ${workerId} and status = 'sending'
      returning *
    ), ev as (${statusEventsFrom('upd')})
    select id from upd`.execute(db);
  return rows.length > 0;
}
