// Agents, keyed by email. A new agent gets a generated password, shown once by the command;
// an existing agent's password is never touched by a file.
import { randomBytes } from 'node:crypto';
import { hashPassword } from '../platform/password.js';
import type { Change } from './change.js';
import type { PlanContext } from './plan-context.js';
import type { AgentItem } from './schema.js';
import type { AgentRow } from './state.js';

export interface NewLogin {
  readonly email: string;
  readonly password: string;
}

export function generatePassword(): string {
  // 96 random bits: beyond guessing, and short enough to read out once.
  return randomBytes(12).toString('base64url');
}

/** A password and its hash, made before the transaction: hashing costs ~100 ms and needs no lock. */
export interface PreparedLogin extends NewLogin {
  readonly hash: string;
}

export async function prepareLogins(emails: readonly string[]): Promise<ReadonlyMap<string, PreparedLogin>> {
  const made = await Promise.all(
    emails.map(async (email) => {
      const password = generatePassword();
      return { email, password, hash: await hashPassword(password) };
    }),
  );
  return new Map(made.map((l) => [l.email, l]));
}

export function planAgent(ctx: PlanContext, item: AgentItem, index: number, id: string, row: AgentRow | null, logins: NewLogin[], prepared?: PreparedLogin): Change | null {
  const profileId = item.profile === undefined ? undefined : item.profile === null ? null : ctx.profiles.resolve(item.profile, `agents[${index}].profile`, ctx.issues);
  const values = {
    name: item.name,
    role: item.role ?? row?.role ?? 'agent',
    profile_id: profileId === undefined ? (row?.profileId ?? null) : profileId,
    disabled: item.disabled ?? row?.disabled ?? false,
    lang: item.lang ?? row?.lang ?? 'en',
  };
  if (row === null) {
    const password = prepared?.password ?? generatePassword();
    return {
      section: 'agents',
      action: 'create',
      key: item.email,
      fields: [],
      run: async (trx) => {
        const hash = prepared?.hash ?? (await hashPassword(password));
        await trx.insertInto('agents').values({ id, account_id: ctx.accountId, email: item.email, password_hash: hash, ...values }).execute();
        logins.push({ email: item.email, password });
      },
    };
  }
  const fields: string[] = [];
  if (values.name !== row.name) fields.push('name');
  if (values.role !== row.role) fields.push('role');
  if (values.profile_id !== row.profileId) fields.push('profile');
  if (values.disabled !== row.disabled) fields.push('disabled');
  if (values.lang !== row.lang) fields.push('lang');
  if (fields.length === 0) return null;
  return {
    section: 'agents',
    action: 'update',
    key: item.email,
    fields,
    run: async (trx) => {
      await trx.updateTable('agents').set(values).where('id', '=', id).execute();
    },
  };
}
