// Voice interactions come from the telephony integration (D7): a call starts, a call ends.
// The integration's own call id makes both calls idempotent (it retries on timeouts).
import { DomainError } from '../domain/errors.js';
import { toE164 } from '../domain/phone/index.js';
import type { AppDeps } from './context.js';
import { appendEvent } from './record.js';
import { retryOnConflict } from './retry-on-conflict.js';

export interface CallStarted {
  readonly accountId: string;
  readonly agentId: string;
  readonly externalCallId: string;
  readonly customerNumber: string;
}

export async function registerCall(deps: AppDeps, input: CallStarted): Promise<{ readonly interactionId: string; readonly created: boolean }> {
  const agent = await deps.db.selectFrom('agents').select('id').where('id', '=', input.agentId).where('account_id', '=', input.accountId).executeTakeFirst();
  if (!agent) throw new DomainError('NOT_FOUND', { field: 'agentId' });
  const customer = toE164(input.customerNumber) ?? input.customerNumber.trim();
  const result = await retryOnConflict(() =>
    deps.db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('interactions')
        .select('id')
        .where('account_id', '=', input.accountId)
        .where('kind', '=', 'voice')
        .where('external_id', '=', input.externalCallId)
        .executeTakeFirst();
      if (existing) return { interactionId: existing.id, created: false };
      const id = deps.ids.next();
      const now = deps.clock.now();
      await trx
        .insertInto('interactions')
        .values({ id, account_id: input.accountId, kind: 'voice', status: 'active', agent_id: input.agentId, customer_number: customer, external_id: input.externalCallId, created_at: now, updated_at: now })
        .execute();
      await appendEvent(trx, { accountId: input.accountId, agentId: input.agentId, type: 'call.started', payload: { interactionId: id, customerNumber: customer, status: 'active' } });
      return { interactionId: id, created: true };
    }),
  );
  if (result.created) deps.wake();
  return result;
}

export async function endCall(deps: AppDeps, input: { readonly accountId: string; readonly externalCallId: string }): Promise<{ readonly interactionId: string; readonly alreadyEnded: boolean }> {
  const now = deps.clock.now();
  const result = await deps.db.transaction().execute(async (trx) => {
    const call = await trx
      .selectFrom('interactions')
      .select(['id', 'status', 'agent_id'])
      .where('account_id', '=', input.accountId)
      .where('kind', '=', 'voice')
      .where('external_id', '=', input.externalCallId)
      .forUpdate()
      .executeTakeFirst();
    if (!call) throw new DomainError('NOT_FOUND', { field: 'callId' });
    if (call.status === 'ended') return { interactionId: call.id, alreadyEnded: true };
    await trx.updateTable('interactions').set({ status: 'ended', closed_at: now, updated_at: now }).where('id', '=', call.id).execute();
    await appendEvent(trx, { accountId: input.accountId, agentId: call.agent_id, type: 'call.ended', payload: { interactionId: call.id, status: 'ended' } });
    return { interactionId: call.id, alreadyEnded: false };
  });
  if (!result.alreadyEnded) deps.wake();
  return result;
}
