// An inbound SMS (D6) is never dropped: it joins the open conversation between the customer
// and the number, or opens a waiting one in the queue that owns the number, or lands in the
// account's unassigned inbox. Opt-out keywords are applied and shown in the thread.
import { optKeyword } from '../domain/messages/index.js';
import { toE164 } from '../domain/phone/index.js';
import { analyzeSms } from '../domain/sms/index.js';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { AppDeps } from './context.js';
import { eventRow, type EventInput } from './record.js';
import { retryOnConflict } from './retry-on-conflict.js';

export interface InboundInput {
  readonly accountId: string;
  readonly provider: string;
  readonly providerMessageId: string;
  readonly from: string;
  readonly to: string;
  readonly body: string;
  readonly receivedAt: Date;
  /** Set when the provider itself matched an opt-out keyword (e.g. Twilio Advanced Opt-Out). */
  readonly optOut?: 'STOP' | 'START' | null;
}

export type InboundRoute = 'interaction' | 'waiting' | 'unassigned';

export interface InboundResult {
  readonly messageId: string;
  readonly duplicate: boolean;
  readonly route: InboundRoute;
  readonly interactionId: string | null;
  readonly optOut: 'stop' | 'start' | null;
}

/** Providers send digits without `+`, short codes, alphanumeric ids: keep what cannot be normalised. */
function normalise(raw: string): string {
  return toE164(raw) ?? raw.trim();
}

export async function receiveInbound(deps: AppDeps, input: InboundInput): Promise<InboundResult> {
  // Two messages from one customer, or one message delivered twice, may race: the loser hits
  // a unique index and, on retry, sees the winner's conversation or row.
  const result = await retryOnConflict(() => receiveOnce(deps, input));
  if (!result.duplicate) deps.wake();
  return result;
}

interface Lookup {
  dup_id: string | null;
  dup_interaction: string | null;
  number_id: string | null;
  number_address: string | null;
  open_id: string | null;
  open_agent: string | null;
  open_queue: string | null;
  open_status: string | null;
  owner_queue: string | null;
}

/**
 * Everything routing needs in one round trip: at 500 inbound messages a second, each query
 * saved is 500 fewer a second. The open conversation is not locked: a message racing with a
 * close joins the conversation being closed, and nothing is lost.
 */
async function lookup(trx: Transaction<Database>, input: InboundInput, customer: string, toCandidates: readonly string[]): Promise<Lookup> {
  const { rows } = await sql<Lookup>`
    with n as (
      select id, address from sms_numbers
      where account_id = ${input.accountId} and address in (${sql.join(toCandidates)})
      order by id limit 1
    )
    select
      d.id as dup_id, d.interaction_id as dup_interaction,
      n.id as number_id, n.address as number_address,
      o.id as open_id, o.agent_id as open_agent, o.queue_id as open_queue, o.status as open_status,
      (select q.id from queues q where q.account_id = ${input.accountId} and q.sms_number_id = n.id order by q.name, q.id limit 1) as owner_queue
    from (select 1) as one
    left join messages d on d.account_id = ${input.accountId} and d.provider = ${input.provider} and d.provider_message_id = ${input.providerMessageId}
    left join n on true
    left join interactions o on o.account_id = ${input.accountId} and o.kind = 'sms' and o.customer_number = ${customer}
      and o.sms_number_id = n.id and o.status in ('waiting', 'progressing')`.execute(trx);
  return rows[0]!;
}

async function receiveOnce(deps: AppDeps, input: InboundInput): Promise<InboundResult> {
  const customer = normalise(input.from);
  const toNorm = normalise(input.to);
  const candidates = [...new Set([input.to.trim(), toNorm, toNorm.replace(/^\+/, '')])];
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const found = await lookup(trx, input, customer, candidates);
    if (found.dup_id) return { messageId: found.dup_id, duplicate: true, route: found.dup_interaction ? 'interaction' : 'unassigned', interactionId: found.dup_interaction, optOut: null };

    let route: InboundRoute = 'unassigned';
    let interactionId: string | null = null;
    let agentId: string | null = null;
    let queueId: string | null = null;
    if (found.open_id) {
      route = 'interaction';
      interactionId = found.open_id;
      agentId = found.open_status === 'progressing' ? found.open_agent : null;
      queueId = found.open_queue;
    } else if (found.number_id && found.owner_queue) {
      route = 'waiting';
      queueId = found.owner_queue;
      interactionId = deps.ids.next();
      await trx
        .insertInto('interactions')
        .values({
          id: interactionId,
          account_id: input.accountId,
          kind: 'sms',
          status: 'waiting',
          agent_id: null,
          queue_id: queueId,
          customer_number: customer,
          sms_number_id: found.number_id,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }

    const keyword = optKeyword(input.body);
    const kind = input.optOut === 'STOP' ? 'stop' : input.optOut === 'START' ? 'start' : (keyword?.kind ?? null);
    if (kind === 'stop') {
      await trx
        .insertInto('opt_outs')
        .values({ account_id: input.accountId, number: customer, keyword: keyword?.keyword ?? 'STOP', opted_out_at: input.receivedAt })
        .onConflict((oc) => oc.columns(['account_id', 'number']).doUpdateSet({ keyword: keyword?.keyword ?? 'STOP', opted_out_at: input.receivedAt }))
        .execute();
    } else if (kind === 'start') {
      await trx.deleteFrom('opt_outs').where('account_id', '=', input.accountId).where('number', '=', customer).execute();
    }

    const messageId = deps.ids.next();
    const a = analyzeSms(input.body);
    const to = found.number_address ?? input.to;
    const view = { id: messageId, interactionId, direction: 'in', status: 'received', from: customer, to, body: input.body, createdAt: input.receivedAt.toISOString(), optOut: kind };
    const type = route === 'interaction' ? 'message.received' : route === 'waiting' ? 'interaction.waiting' : 'inbox.message';
    const events: EventInput[] = [{ accountId: input.accountId, agentId, queueId, type, payload: { message: view, interactionId, queueId } }];
    if (kind) {
      events.push({ accountId: input.accountId, agentId, queueId, type: 'optout.changed', payload: { number: customer, optedOut: kind === 'stop', keyword: keyword?.keyword ?? input.optOut ?? null, interactionId } });
    }
    // The message, its events and the conversation's last activity in one statement.
    await trx
      .with('m', (db) =>
        db.insertInto('messages').values({
          id: messageId,
          account_id: input.accountId,
          interaction_id: interactionId,
          direction: 'in',
          status: 'received',
          agent_id: agentId,
          sms_number_id: found.number_id,
          from_address: customer,
          to_address: to,
          body: input.body,
          encoding: a.encoding,
          units: a.units,
          segments: a.segments,
          credits: 0,
          provider: input.provider,
          provider_message_id: input.providerMessageId,
          run_at: now,
          created_at: input.receivedAt,
          updated_at: now,
        }),
      )
      .with('touch', (db) => db.updateTable('interactions').set({ updated_at: now }).where('id', '=', route === 'interaction' ? interactionId : null))
      .insertInto('events')
      .values(events.map(eventRow))
      .execute();
    return { messageId, duplicate: false, route, interactionId, optOut: kind };
  });
}
