// A Direct send is one statement: the debit, the message and its event together. A single
// statement is atomic on its own, so no BEGIN/COMMIT; with the facts query that makes two
// round trips a send instead of five (on this machine a round trip costs more than the work).
// The debit function's result gates both inserts: no credits, nothing written.
import { sql } from 'kysely';
import type { Db } from './context.js';
import type { EventInput, OutboundRow } from './record.js';

export async function debitAndQueue(db: Db, m: OutboundRow, event: EventInput, actor: string): Promise<boolean> {
  const p = m.plan;
  const { rows } = await sql<{ ok: boolean }>`
    with d as (
      select smsdesk_debit_credits(${m.accountId}, ${p.credits}::int8, 'send', ${m.id}::text, ${actor}::text) as ok
    ), msg as (
      insert into messages (id, account_id, interaction_id, direction, status, agent_id, sms_number_id, from_address,
        to_address, body, encoding, units, segments, credits, template_id, origin_call_id, run_at, created_at, updated_at)
      select ${m.id}, ${m.accountId}, ${m.interactionId}, 'out', 'queued', ${m.agentId}, ${p.sender.id}, ${p.sender.address},
        ${p.recipient.e164}, ${p.body}, ${p.analysis.encoding}, ${p.analysis.units}, ${p.analysis.segments}, ${p.credits},
        ${p.templateId}, ${m.originCallId}, ${m.now}, ${m.now}, ${m.now}
      from d where d.ok
    ), ev as (
      insert into events (account_id, agent_id, queue_id, type, payload)
      select ${event.accountId}, ${event.agentId}, ${event.queueId ?? null}, ${event.type}, ${JSON.stringify(event.payload)}::jsonb
      from d where d.ok
    )
    select ok from d`.execute(db);
  return rows[0]?.ok === true;
}
