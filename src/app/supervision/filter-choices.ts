// The choices of the log's and the dashboard's filters, narrowed to what the caller may see: an
// administrator gets the account's queues, agents and numbers; a supervisor their queues, the
// members of those queues, and the numbers those queues and members send from (the queues' own
// numbers and the Direct SMS numbers of the members' profiles). The configuration lists
// (/api/admin/queues ...) stay administrators' only.
import type { FilterChoices } from '../../api/filter-choices-views.js';
import type { Actor, AppDeps } from '../context.js';
import type { SupervisionScope } from './scope.js';

export type { FilterChoices };

export async function filterChoices(deps: Pick<AppDeps, 'db'>, actor: Actor, scope: SupervisionScope): Promise<FilterChoices> {
  const db = deps.db;
  const acc = actor.accountId;
  if (scope.all) {
    const [queues, agents, numbers] = await Promise.all([
      db.selectFrom('queues').select(['id', 'name']).where('account_id', '=', acc).orderBy('name').orderBy('id').execute(),
      db.selectFrom('agents').select(['id', 'name']).where('account_id', '=', acc).orderBy('name').orderBy('id').execute(),
      db.selectFrom('sms_numbers').select(['id', 'address', 'label']).where('account_id', '=', acc).orderBy('address').execute(),
    ]);
    return { queues, agents, numbers };
  }
  if (scope.queueIds.length === 0) return { queues: [], agents: [], numbers: [] };
  const ids = [...scope.queueIds];
  const [queues, agents] = await Promise.all([
    db.selectFrom('queues').select(['id', 'name', 'sms_number_id']).where('account_id', '=', acc).where('id', 'in', ids).orderBy('name').orderBy('id').execute(),
    db
      .selectFrom('agents')
      .select(['id', 'name', 'profile_id'])
      .where('account_id', '=', acc)
      .where('id', 'in', (s) => s.selectFrom('queue_members').select('agent_id').where('queue_id', 'in', ids))
      .orderBy('name')
      .orderBy('id')
      .execute(),
  ]);
  const profiles = [...new Set(agents.map((a) => a.profile_id).filter((p): p is string => p !== null))];
  const fromProfiles = profiles.length ? await db.selectFrom('profile_numbers').select('number_id').where('profile_id', 'in', profiles).execute() : [];
  const numberIds = [...new Set([...queues.map((q) => q.sms_number_id), ...fromProfiles.map((p) => p.number_id)].filter((n): n is string => n !== null))];
  const numbers = numberIds.length
    ? await db.selectFrom('sms_numbers').select(['id', 'address', 'label']).where('account_id', '=', acc).where('id', 'in', numberIds).orderBy('address').execute()
    : [];
  return {
    queues: queues.map((q) => ({ id: q.id, name: q.name })),
    agents: agents.map((a) => ({ id: a.id, name: a.name })),
    numbers,
  };
}
