// The voice call an SMS is sent from (D7) must be one of the agent's own calls, still in
// progress: an SMS "from" a call that has ended would tie the message to a conversation that
// is over.
import { DomainError } from '../domain/errors.js';
import type { Actor, AppDeps } from './context.js';

export async function ownCall(deps: AppDeps, actor: Actor, callId: string): Promise<string> {
  const call = await deps.db
    .selectFrom('interactions')
    .select(['id', 'status'])
    .where('id', '=', callId)
    .where('account_id', '=', actor.accountId)
    .where('agent_id', '=', actor.agentId)
    .where('kind', '=', 'voice')
    .executeTakeFirst();
  if (!call) throw new DomainError('NOT_FOUND', { field: 'originCallId' });
  if (call.status === 'ended') throw new DomainError('CALL_ENDED', { callId: call.id });
  return call.id;
}
