// `smsdesk demo-call`: a voice call started (and ended) from a terminal, as a telephony
// integration would report it, so that "SMS from a voice call" can be tried without one.
import { parseArgs } from 'node:util';
import type { AppDeps } from '../app/context.js';
import { activeCalls, endDemoCall, startDemoCall } from '../app/admin/demo-calls.js';
import { chooseAccount, UsageError } from '../config-file/account-choice.js';
import type { SmsdeskDatabase } from '../db/open-database.js';
import { DomainError } from '../domain/errors.js';
import { systemClock, uuidV7Generator } from '../platform/system.js';

export const DEMO_CALL_USAGE = `demo-call --agent EMAIL --number +33612345678 [--account ID]
                   start a voice call for an agent (their Banner offers "SMS" on it)
  demo-call --end ID [--account ID]
                   end it; demo-call --list shows the calls in progress`;

export async function runDemoCallCommand(database: SmsdeskDatabase, args: readonly string[], out: (line: string) => void): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({ args: [...args], options: { agent: { type: 'string' }, number: { type: 'string' }, end: { type: 'string' }, list: { type: 'boolean' }, account: { type: 'string' } }, strict: true }));
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  // The server (another process) sees the new call at its next look at the event log, within a second.
  const deps: AppDeps = { db: database.db, clock: systemClock, ids: uuidV7Generator(), wake: () => undefined };
  const actor = { accountId: await chooseAccount(database.db, values.account, null), agentId: null };
  try {
    if (values.list) {
      const calls = await activeCalls(deps, actor.accountId);
      if (calls.length === 0) return out('No voice call in progress.');
      for (const c of calls) out(`${c.id}  ${c.agentName}  ${c.customerNumber}  since ${c.startedAt}`);
      return;
    }
    if (values.end !== undefined) {
      const r = await endDemoCall(deps, actor, values.end);
      out(r.alreadyEnded ? `Call ${r.id} had already ended.` : `Call ${r.id} ended.`);
      return;
    }
    if (!values.agent || !values.number) throw new UsageError(`usage: ${DEMO_CALL_USAGE}`);
    const agent = await database.db.selectFrom('agents').select('id').where('account_id', '=', actor.accountId).where('email', '=', values.agent.trim().toLowerCase()).executeTakeFirst();
    if (!agent) throw new UsageError(`no agent with the email ${values.agent} in this account`);
    const call = await startDemoCall(deps, actor, { agentId: agent.id, customerNumber: values.number });
    out(`Call ${call.id} started for ${call.agentName} with ${call.customerNumber}: their Banner lists it under voice calls, with "SMS".`);
    out(`End it with: smsdesk demo-call --end ${call.id}`);
  } catch (e) {
    if (e instanceof DomainError && e.code === 'NOT_FOUND') throw new UsageError(`no such ${String(e.details?.field ?? 'item')} in this account`);
    if (e instanceof DomainError && e.code === 'VALIDATION_FAILED') throw new UsageError('the customer number must be in international format, e.g. +33612345678');
    throw e;
  }
}
