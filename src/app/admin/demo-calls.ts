// Voice calls started by hand, for trying "SMS from a voice call" without a telephony
// integration: the same registration a PBX makes (D7), with a call id of our own.
import type { DemoCallView } from '../../api/simulator-schemas.js';
import { toE164 } from '../../domain/phone/index.js';
import type { Actor, AppDeps } from '../context.js';
import { endCall, registerCall } from '../voice-calls.js';
import { audit } from './audit.js';
import { invalid, notFound } from './refusals.js';

/** The caller of the command line is no agent: `agentId` null in the audit trail. */
export type DemoActor = Pick<Actor, 'accountId'> & { readonly agentId: string | null };

export async function activeCalls(deps: Pick<AppDeps, 'db'>, accountId: string): Promise<DemoCallView[]> {
  const rows = await deps.db
    .selectFrom('interactions')
    .innerJoin('agents', 'agents.id', 'interactions.agent_id')
    .select(['interactions.id', 'interactions.agent_id', 'agents.name', 'interactions.customer_number', 'interactions.created_at'])
    .where('interactions.account_id', '=', accountId)
    .where('interactions.kind', '=', 'voice')
    .where('interactions.status', '=', 'active')
    .orderBy('interactions.created_at', 'desc')
    .limit(100)
    .execute();
  return rows.map((r) => ({ id: r.id, agentId: r.agent_id!, agentName: r.name, customerNumber: r.customer_number, startedAt: new Date(r.created_at).toISOString() }));
}

export async function startDemoCall(deps: AppDeps, actor: DemoActor, input: { readonly agentId: string; readonly customerNumber: string }): Promise<DemoCallView> {
  const customer = toE164(input.customerNumber);
  if (!customer) throw invalid('customerNumber', 'NOT_E164');
  const agent = await deps.db.selectFrom('agents').select(['id', 'name']).where('id', '=', input.agentId).where('account_id', '=', actor.accountId).where('disabled', '=', false).executeTakeFirst();
  if (!agent) throw notFound('agentId');
  const { interactionId } = await registerCall(deps, { accountId: actor.accountId, agentId: agent.id, externalCallId: `demo-${deps.ids.next()}`, customerNumber: customer });
  await audit(deps.db, actor, { what: 'demo_call.started', targetId: interactionId, after: { agentId: agent.id, customerNumber: customer } });
  return { id: interactionId, agentId: agent.id, agentName: agent.name, customerNumber: customer, startedAt: deps.clock.now().toISOString() };
}

export async function endDemoCall(deps: AppDeps, actor: DemoActor, interactionId: string): Promise<{ readonly id: string; readonly alreadyEnded: boolean }> {
  const call = await deps.db.selectFrom('interactions').select('external_id').where('id', '=', interactionId).where('account_id', '=', actor.accountId).where('kind', '=', 'voice').executeTakeFirst();
  if (!call?.external_id) throw notFound('id');
  const r = await endCall(deps, { accountId: actor.accountId, externalCallId: call.external_id });
  if (!r.alreadyEnded) await audit(deps.db, actor, { what: 'demo_call.ended', targetId: interactionId });
  return { id: interactionId, alreadyEnded: r.alreadyEnded };
}
