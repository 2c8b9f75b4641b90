// Agents and administrators of the account. A new agent gets a one-time password, returned
// once and stored only as its hash. An administrator cannot disable or demote themselves, so
// an account always keeps the administrator who is making the change. A supervisor's queues
// (queue_supervisors) are chosen here too; another role supervises nothing.
import { randomBytes } from 'node:crypto';
import type { AgentCreateBody, AgentUpdateBody } from '../../api/admin-schemas.js';
import type { AgentView, CreatedAgent } from '../../api/admin-views.js';
import { hashPassword } from '../../platform/password.js';
import type { AgentRole } from '../../db/schema.js';
import type { Actor, AppDeps, Db } from '../context.js';
import { isUniqueViolation } from '../retry-on-conflict.js';
import { appendEvent } from '../record.js';
import { audit } from './audit.js';
import { requireOwned } from './owned.js';
import { invalid, notFound } from './refusals.js';

const COLUMNS = ['id', 'email', 'name', 'role', 'profile_id', 'disabled', 'lang'] as const;

interface Row {
  id: string;
  email: string;
  name: string;
  role: AgentRole;
  profile_id: string | null;
  disabled: boolean;
  lang: 'en' | 'fr';
  supervised: readonly string[];
}

const view = (r: Row): AgentView => ({ id: r.id, email: r.email, name: r.name, role: r.role, profileId: r.profile_id, disabled: r.disabled, lang: r.lang, supervisedQueueIds: r.supervised });

async function supervisedBy(db: Db, agentIds: readonly string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (agentIds.length === 0) return map;
  const rows = await db.selectFrom('queue_supervisors').select(['agent_id', 'queue_id']).where('agent_id', 'in', agentIds).orderBy('queue_id').execute();
  for (const r of rows) map.set(r.agent_id, [...(map.get(r.agent_id) ?? []), r.queue_id]);
  return map;
}

export async function listAgents(deps: Pick<AppDeps, 'db'>, actor: Actor): Promise<AgentView[]> {
  const rows = await deps.db.selectFrom('agents').select(COLUMNS).where('account_id', '=', actor.accountId).orderBy('name').orderBy('id').execute();
  const supervised = await supervisedBy(deps.db, rows.map((r) => r.id));
  return rows.map((r) => view({ ...r, supervised: supervised.get(r.id) ?? [] }));
}

/** Only a supervisor supervises: a list for another role is refused, a role change away empties it. */
function supervisedFor(role: AgentRole, given: readonly string[] | undefined, before: readonly string[]): readonly string[] {
  if (role !== 'supervisor') {
    if (given && given.length > 0) throw invalid('supervisedQueueIds', 'NOT_SUPERVISOR');
    return [];
  }
  return given ? [...new Set(given)].sort() : before;
}

async function writeSupervised(trx: Db, agentId: string, before: readonly string[], next: readonly string[]): Promise<void> {
  if (before.join() === next.join()) return;
  await trx.deleteFrom('queue_supervisors').where('agent_id', '=', agentId).execute();
  if (next.length > 0) await trx.insertInto('queue_supervisors').values(next.map((q) => ({ queue_id: q, agent_id: agentId }))).execute();
}

/** 128 bits, URL-safe: typed once by the agent, then changed. */
function oneTimePassword(): string {
  return randomBytes(16).toString('base64url');
}

export async function createAgent(deps: Pick<AppDeps, 'db' | 'ids' | 'wake'>, actor: Actor, input: AgentCreateBody): Promise<CreatedAgent> {
  const password = oneTimePassword();
  const role = input.role ?? 'agent';
  const row: Row = { id: `agt_${deps.ids.next()}`, email: input.email, name: input.name, role, profile_id: input.profileId ?? null, disabled: false, lang: input.lang ?? 'en', supervised: supervisedFor(role, input.supervisedQueueIds, []) };
  const hash = await hashPassword(password);
  await deps.db
    .transaction()
    .execute(async (trx) => {
      if (row.profile_id) await requireOwned(trx, 'profiles', actor.accountId, [row.profile_id], 'profileId');
      await requireOwned(trx, 'queues', actor.accountId, row.supervised, 'supervisedQueueIds');
      const { supervised, ...agent } = row;
      await trx.insertInto('agents').values({ ...agent, account_id: actor.accountId, password_hash: hash }).execute();
      await writeSupervised(trx, row.id, [], supervised);
      await audit(trx, actor, { what: 'agent.created', targetId: row.id, after: view(row) });
    })
    .catch((e: unknown) => {
      // Emails sign in, so they are unique across all accounts.
      if (isUniqueViolation(e)) throw invalid('email', 'ALREADY_EXISTS');
      throw e;
    });
  deps.wake();
  return { agent: view(row), oneTimePassword: password };
}

async function lockAgent(db: Db, actor: Actor, id: string): Promise<Row> {
  const row = await db.selectFrom('agents').select(COLUMNS).where('id', '=', id).where('account_id', '=', actor.accountId).forUpdate().executeTakeFirst();
  if (!row) throw notFound('id');
  return { ...row, supervised: (await supervisedBy(db, [id])).get(id) ?? [] };
}

export async function updateAgent(deps: Pick<AppDeps, 'db' | 'wake'>, actor: Actor, id: string, input: AgentUpdateBody): Promise<AgentView> {
  if (id === actor.agentId && input.disabled === true) throw invalid('disabled', 'SELF');
  // Neither to agent nor to supervisor: the one making the change keeps the configuration.
  if (id === actor.agentId && input.role !== undefined && input.role !== 'admin') throw invalid('role', 'SELF');
  const after = await deps.db.transaction().execute(async (trx) => {
    const before = await lockAgent(trx, actor, id);
    if (input.profileId) await requireOwned(trx, 'profiles', actor.accountId, [input.profileId], 'profileId');
    const role = input.role ?? before.role;
    const next: Row = {
      ...before,
      name: input.name ?? before.name,
      role,
      profile_id: input.profileId === undefined ? before.profile_id : input.profileId,
      disabled: input.disabled ?? before.disabled,
      lang: input.lang ?? before.lang,
      supervised: supervisedFor(role, input.supervisedQueueIds, before.supervised),
    };
    await requireOwned(trx, 'queues', actor.accountId, next.supervised, 'supervisedQueueIds');
    await trx.updateTable('agents').set({ name: next.name, role: next.role, profile_id: next.profile_id, disabled: next.disabled, lang: next.lang }).where('id', '=', id).execute();
    await writeSupervised(trx, id, before.supervised, next.supervised);
    // A disabled agent or a changed role must sign in again: their open sessions end now.
    if ((next.disabled && !before.disabled) || next.role !== before.role) await trx.deleteFrom('sessions').where('agent_id', '=', id).execute();
    await audit(trx, actor, { what: 'agent.updated', targetId: id, before: view(before), after: view(next) });
    // Another profile is another set of rights: the agent's open Banner re-reads them at once.
    if (next.profile_id !== before.profile_id) await appendEvent(trx, { accountId: actor.accountId, agentId: id, type: 'profile.changed', payload: { profileId: next.profile_id } });
    return next;
  });
  deps.wake();
  return view(after);
}

export async function resetAgentPassword(deps: Pick<AppDeps, 'db' | 'wake'>, actor: Actor, id: string): Promise<{ oneTimePassword: string }> {
  const password = oneTimePassword();
  const hash = await hashPassword(password);
  await deps.db.transaction().execute(async (trx) => {
    await lockAgent(trx, actor, id);
    await trx.updateTable('agents').set({ password_hash: hash }).where('id', '=', id).execute();
    await trx.deleteFrom('sessions').where('agent_id', '=', id).execute();
    await audit(trx, actor, { what: 'agent.password_reset', targetId: id });
  });
  deps.wake();
  return { oneTimePassword: password };
}
