// The queues a supervisor supervises (`supervises:` of an agent, queue names). Written after the
// queues, so a file may create a queue and its supervisor together. Only a supervisor
// supervises: a list for another role is an issue, and becoming another role empties it.
import { sameSet, type Change } from './change.js';
import type { Lookup } from './lookup.js';
import type { PlanContext } from './plan-context.js';
import type { AgentItem } from './schema.js';
import type { AgentRow } from './state.js';

export function planSupervision(ctx: PlanContext, queues: Lookup, item: AgentItem, index: number, id: string, row: AgentRow | null): Change | null {
  const role = item.role ?? row?.role ?? 'agent';
  const before = row?.supervisedQueueIds ?? [];
  let next: readonly string[];
  if (role !== 'supervisor') {
    if (item.supervises && item.supervises.length > 0) ctx.issues.push({ path: `agents[${index}].supervises`, message: `only a supervisor supervises queues (role is "${role}")` });
    next = [];
  } else {
    next = queues.resolveAll(item.supervises, `agents[${index}].supervises`, ctx.issues) ?? before;
  }
  if (sameSet(next, before)) return null;
  return {
    section: 'agents',
    action: 'update',
    key: item.email,
    fields: ['supervises'],
    run: async (trx) => {
      await trx.deleteFrom('queue_supervisors').where('agent_id', '=', id).execute();
      const rows = [...new Set(next)].map((q) => ({ queue_id: q, agent_id: id }));
      if (rows.length > 0) await trx.insertInto('queue_supervisors').values(rows).execute();
    },
  };
}
