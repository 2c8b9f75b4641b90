// Writes shared by the use cases: the message row and the event that tells the agent.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { SendPlan } from '../domain/messages/index.js';

type Tx = Transaction<Database> | Kysely<Database>;

export interface EventInput {
  readonly accountId: string;
  /** The agent who must see it; null for queue-wide or administrator events. */
  readonly agentId: string | null;
  readonly queueId?: string | null;
  readonly type: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

export function eventRow(e: EventInput) {
  return { account_id: e.accountId, agent_id: e.agentId, queue_id: e.queueId ?? null, type: e.type, payload: JSON.stringify(e.payload) };
}

export async function appendEvent(tx: Tx, e: EventInput): Promise<void> {
  await tx.insertInto('events').values(eventRow(e)).execute();
}

export interface OutboundRow {
  readonly id: string;
  readonly accountId: string;
  readonly agentId: string;
  readonly interactionId: string | null;
  readonly originCallId: string | null;
  readonly plan: SendPlan;
  readonly now: Date;
  /** A Direct SMS sent again: the failed message it repeats. */
  readonly resendOf?: string | null;
}

/**
 * The message and the event that announces it, in one statement: a data-modifying CTE runs
 * whether or not the outer statement reads it, and a round trip less is a send faster.
 */
export async function insertOutbound(tx: Tx, m: OutboundRow, event: EventInput): Promise<void> {
  const p = m.plan;
  await tx
    .with('m', (db) =>
      db.insertInto('messages').values({
      id: m.id,
      account_id: m.accountId,
      interaction_id: m.interactionId,
      direction: 'out',
      status: 'queued',
      agent_id: m.agentId,
      sms_number_id: p.sender.id,
      from_address: p.sender.address,
      to_address: p.recipient.e164,
      body: p.body,
      encoding: p.analysis.encoding,
      units: p.analysis.units,
      segments: p.analysis.segments,
      credits: p.credits,
      national_language: p.analysis.nationalLanguage ?? null,
      category: p.category,
      template_id: p.templateId,
      origin_call_id: m.originCallId,
      run_at: m.now,
      created_at: m.now,
      updated_at: m.now,
    }),
    )
    .insertInto('events')
    .values(eventRow(event))
    .execute();
}

/** The message as the agent's thread shows it. */
export function messageView(m: OutboundRow): Record<string, unknown> {
  return {
    id: m.id,
    interactionId: m.interactionId,
    direction: 'out',
    status: 'queued',
    from: m.plan.sender.address,
    to: m.plan.recipient.e164,
    body: m.plan.body,
    encoding: m.plan.analysis.encoding,
    segments: m.plan.analysis.segments,
    credits: m.plan.credits,
    createdAt: m.now.toISOString(),
    ...(m.resendOf ? { resendOf: m.resendOf } : {}),
  };
}
