// Agents and administrators of the account. A new agent gets a one-time password, returned
// once and stored only as its hash. An administrator cannot disable or demote themselves, so
// an account always keeps the administrator who is making the change.
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
}

const view = (r: Row): AgentView => ({ id: r.id, email: r.email, name: r.name, role: r.role, profileId: r.profile_id, disabled: r.disabled, lang: r.lang });

export async function listAgents(deps: Pick<AppDeps, 'db'>, actor: Actor): Promise<AgentView[]> {
  return (await deps.db.selectFrom('agents').select(COLUMNS).where('account_id', '=', actor.accountId).orderBy('name').orderBy('id').execute()).map(view);
}

/** 128 bits, URL-safe: typed once by the agent, then changed. */
function oneTimePassword(): string {
  return randomBytes(16).toString('base64url');
}

export async function createAgent(deps: Pick<AppDeps, 'db' | 'ids' | 'wake'>, actor: Actor, input: AgentCreateBody): Promise<CreatedAgent> {
  const password = oneTimePassword();
  const row: Row = { id: `agt_${deps.ids.next()}`, email: input.email, name: input.name, role: input.role ?? 'agent', profile_id: input.profileId ?? null, disabled: false, lang: input.lang ?? 'en' };
  const hash = await hashPassword(password);
  await deps.db
    .transaction()
    .execute(async (trx) => {
      if (row.profile_id) await requireOwned(trx, 'profiles', actor.accountId, [row.profile_id], 'profileId');
      await trx.insertInto('agents').values({ ...row, account_id: actor.accountId, password_hash: hash }).execute();
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
  return row;
}

export async function updateAgent(deps: Pick<AppDeps, 'db' | 'wake'>, actor: Actor, id: string, input: AgentUpdateBody): Promise<AgentView> {
  if (id === actor.agentId && input.disabled === true) throw invalid('disabled', 'SELF');
  // Neither to agent nor to supervisor: the one making the change keeps the configuration.
  if (id === actor.agentId && input.role !== undefined && input.role !== 'admin') throw invalid('role', 'SELF');
  const after = await deps.db.transaction().execute(async (trx) => {
    const before = await lockAgent(trx, actor, id);
    if (input.profileId) await requireOwned(trx, 'profiles', actor.accountId, [input.profileId], 'profileId');
    const next: Row = {
      ...before,
      name: input.name ?? before.name,
      role: input.role ?? before.role,
      profile_id: input.profileId === undefined ? before.profile_id : input.profileId,
      disabled: input.disabled ?? before.disabled,
      lang: input.lang ?? before.lang,
    };
    await trx.updateTable('agents').set({ name: next.name, role: next.role, profile_id: next.profile_id, disabled: next.disabled, lang: next.lang }).where('id', '=', id).execute();
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
