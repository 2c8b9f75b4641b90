// What happened to what the agent sent: their Direct SMS, and sending a failed one again.
import { SentMessageParams, SentQuery } from '../../api/sent-schemas.js';
import type { AppDeps } from '../../app/context.js';
import { sealWith } from '../../app/idempotency-seal.js';
import type { SentMessage } from '../../app/send-direct.js';
import { resendDirect } from '../../app/sent/resend-direct.js';
import { mySentDirect } from '../../app/sent/sent-view.js';
import { agentActor } from '../auth/caller.js';
import { route, type RouteDef } from '../route.js';

// Also what the Idempotency-Key stores, inside the send's own statement.
const resendAnswer = (r: SentMessage & { readonly resendOf?: string }) => ({
  messageId: r.messageId,
  status: r.status,
  credits: r.credits,
  encoding: r.plan.analysis.encoding,
  to: r.plan.recipient.e164,
  resendOf: r.resendOf ?? null,
});

export function sentRoutes(deps: AppDeps, sendsPerMinute = 120): RouteDef[] {
  return [
    route({
      method: 'GET',
      url: '/api/direct/messages',
      access: 'agent',
      summary: 'The agent’s own Direct SMS, newest first (`before`: the previous page’s `nextBefore`), with status, credits and, for a failure, the plain reason beside the provider’s code',
      query: SentQuery,
      handler: async ({ query, caller }) => mySentDirect(deps, agentActor(caller), query.limit, query.before),
    }),
    route({
      method: 'POST',
      url: '/api/direct/messages/:id/resend',
      access: 'agent',
      summary: 'Sends again one of the agent’s own failed, undelivered or rejected Direct SMS: a new message and a new debit, linked to the first',
      params: SentMessageParams,
      idempotent: true,
      rateLimit: { max: sendsPerMinute, timeWindowMs: 60_000 },
      successStatus: 201,
      handler: async ({ params, caller, idempotency }) => {
        const answer = (r: SentMessage) => resendAnswer({ ...r, resendOf: params.id });
        return answer(await resendDirect(deps, agentActor(caller), params.id, sealWith(idempotency, answer)));
      },
    }),
  ];
}
