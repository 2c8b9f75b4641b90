// A Direct send is one statement: the debit, the message and its event together. A single
// statement is atomic on its own, so no BEGIN/COMMIT; with the facts query that makes two
// round trips a send instead of five (on this machine a round trip costs more than the work).
// The debit function's result gates both inserts: no credits, nothing written.
// With an Idempotency-Key the same statement first locks the key's row if this request still
// holds it (the debit is gated on that too) and stores the answer when the debit succeeded,
// so the message and its key's answer commit together (see idempotency-seal.ts).
import { sql } from 'kysely';
import type { Db } from './context.js';
import type { KeyHold } from './idempotency-seal.js';
import type { EventInput, OutboundRow } from './record.js';

/** The key to complete with the send: the hold and the answer to store. */
export interface OneStatementSeal {
  readonly hold: KeyHold;
  readonly answer: string;
}

/** debited: the credits were taken and the message queued; held: false when a retry took the key over (nothing written). */
export async function debitAndQueue(db: Db, m: OutboundRow, event: EventInput, actor: string, seal: OneStatementSeal | null = null): Promise<{ debited: boolean; held: boolean }> {
  const p = m.plan;
  const h = seal?.hold;
  const debit = sql`smsdesk_debit_credits(${m.accountId}, ${p.credits}::int8, 'send', ${m.id}::text, ${actor}::text)`;
  const { rows } = await sql<{ ok: boolean | null; held: boolean }>`
    with k as (
      ${h ? sql`select 1 from idempotency_keys where account_id = ${h.accountId} and agent_id = ${h.owner} and key = ${h.key} and attempt = ${h.attempt} and response is null for update` : sql`select 1`}
    ), d as (
      select ${debit} as ok from k
    ), msg as (
      insert into messages (id, account_id, interaction_id, direction, status, agent_id, sms_number_id, from_address,
        to_address, body, encoding, units, segments, credits, national_language, category, template_id, origin_call_id, resend_of, run_at, created_at, updated_at)
      select ${m.id}, ${m.accountId}, ${m.interactionId}, 'out', 'queued', ${m.agentId}, ${p.sender.id}, ${p.sender.address},
        ${p.recipient.e164}, ${p.body}, ${p.analysis.encoding}, ${p.analysis.units}, ${p.analysis.segments}, ${p.credits},
        ${p.analysis.nationalLanguage ?? null}, ${p.category}, ${p.templateId}, ${m.originCallId}, ${m.resendOf ?? null}, ${m.now}, ${m.now}, ${m.now}
      from d where d.ok
    ), ev as (
      insert into events (account_id, agent_id, queue_id, type, payload)
      select ${event.accountId}, ${event.agentId}, ${event.queueId ?? null}, ${event.type}, ${JSON.stringify(event.payload)}::jsonb
      from d where d.ok
    )${
      h && seal
        ? sql`, done as (
      update idempotency_keys set response = ${seal.answer}::jsonb, lease_until = null
      where account_id = ${h.accountId} and agent_id = ${h.owner} and key = ${h.key} and attempt = ${h.attempt} and exists (select 1 from d where d.ok)
    )`
        : sql``
    }
    select (select ok from d) as ok, exists (select 1 from k) as held`.execute(db);
  const row = rows[0];
  return { debited: row?.ok === true, held: row?.held === true };
}
