// An inbound SMS (D6) is never dropped: it joins the open conversation between the customer
// and the number, or opens a waiting one in the queue that owns the number, or lands in the
// account's unassigned inbox. Opt-out keywords are applied and shown in the thread.
import { optKeyword } from '../domain/messages/index.js';
import { toE164 } from '../domain/phone/index.js';
import { analyzeSms } from '../domain/sms/index.js';
import type { AppDeps } from './context.js';
import { appendEvent } from './record.js';
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

async function receiveOnce(deps: AppDeps, input: InboundInput): Promise<InboundResult> {
  const customer = normalise(input.from);
  const toNorm = normalise(input.to);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const dup = await trx
      .selectFrom('messages')
      .select(['id', 'interaction_id'])
      .where('account_id', '=', input.accountId)
      .where('provider', '=', input.provider)
      .where('provider_message_id', '=', input.providerMessageId)
      .executeTakeFirst();
    if (dup) return { messageId: dup.id, duplicate: true, route: dup.interaction_id ? 'interaction' : 'unassigned', interactionId: dup.interaction_id, optOut: null };

    const number = await trx
      .selectFrom('sms_numbers')
      .select(['id', 'address'])
      .where('account_id', '=', input.accountId)
      .where('address', 'in', [...new Set([input.to.trim(), toNorm, toNorm.replace(/^\+/, '')])])
      .executeTakeFirst();

    let route: InboundRoute = 'unassigned';
    let interactionId: string | null = null;
    let agentId: string | null = null;
    let queueId: string | null = null;
    if (number) {
      const open = await trx
        .selectFrom('interactions')
        .select(['id', 'agent_id', 'queue_id', 'status'])
        .where('account_id', '=', input.accountId)
        .where('kind', '=', 'sms')
        .where('customer_number', '=', customer)
        .where('sms_number_id', '=', number.id)
        .where('status', 'in', ['waiting', 'progressing'])
        .forUpdate()
        .executeTakeFirst();
      if (open) {
        route = 'interaction';
        interactionId = open.id;
        agentId = open.status === 'progressing' ? open.agent_id : null;
        queueId = open.queue_id;
        await trx.updateTable('interactions').set({ updated_at: now }).where('id', '=', open.id).execute();
      } else {
        const queue = await trx
          .selectFrom('queues')
          .select('id')
          .where('account_id', '=', input.accountId)
          .where('sms_number_id', '=', number.id)
          .orderBy('name')
          .orderBy('id')
          .executeTakeFirst();
        if (queue) {
          route = 'waiting';
          queueId = queue.id;
          interactionId = deps.ids.next();
          await trx
            .insertInto('interactions')
            .values({
              id: interactionId,
              account_id: input.accountId,
              kind: 'sms',
              status: 'waiting',
              agent_id: null,
              queue_id: queue.id,
              customer_number: customer,
              sms_number_id: number.id,
              created_at: now,
              updated_at: now,
            })
            .execute();
        }
      }
    }

    const messageId = deps.ids.next();
    const a = analyzeSms(input.body);
    await trx
      .insertInto('messages')
      .values({
        id: messageId,
        account_id: input.accountId,
        interaction_id: interactionId,
        direction: 'in',
        status: 'received',
        agent_id: agentId,
        sms_number_id: number?.id ?? null,
        from_address: customer,
        to_address: number?.address ?? input.to,
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
      })
      .execute();

    const keyword = optKeyword(input.body);
    const kind = input.optOut === 'STOP' ? 'stop' : input.optOut === 'START' ? 'start' : keyword?.kind ?? null;
    if (kind === 'stop') {
      await trx
        .insertInto('opt_outs')
        .values({ account_id: input.accountId, number: customer, keyword: keyword?.keyword ?? 'STOP', opted_out_at: input.receivedAt })
        .onConflict((oc) => oc.columns(['account_id', 'number']).doUpdateSet({ keyword: keyword?.keyword ?? 'STOP', opted_out_at: input.receivedAt }))
        .execute();
    } else if (kind === 'start') {
      await trx.deleteFrom('opt_outs').where('account_id', '=', input.accountId).where('number', '=', customer).execute();
    }

    const view = {
      id: messageId,
      interactionId,
      direction: 'in',
      status: 'received',
      from: customer,
      to: number?.address ?? input.to,
      body: input.body,
      createdAt: input.receivedAt.toISOString(),
      optOut: kind,
    };
    const type = route === 'interaction' ? 'message.received' : route === 'waiting' ? 'interaction.waiting' : 'inbox.message';
    await appendEvent(trx, { accountId: input.accountId, agentId, queueId, type, payload: { message: view, interactionId, queueId } });
    if (kind) {
      await appendEvent(trx, { accountId: input.accountId, agentId, queueId, type: 'optout.changed', payload: { number: customer, optedOut: kind === 'stop', keyword: keyword?.keyword ?? input.optOut ?? null, interactionId } });
    }
    return { messageId, duplicate: false, route, interactionId, optOut: kind };
  });
}
