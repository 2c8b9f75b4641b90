// `create-admin`: the first administrator of an account, so an installation without the demo
// can be logged into. Creates the account (without a provider) when it does not exist.
import type { Kysely } from 'kysely';
import { ensureCreditBuckets } from '../db/credits.js';
import type { Database } from '../db/schema.js';
import { hashPassword } from '../platform/password.js';
import { uuidV7Generator } from '../platform/system.js';
import { UsageError } from './account-choice.js';
import { generatePassword } from './plan-agents.js';

export interface CreateAdminInput {
  readonly accountId: string;
  readonly email: string;
  readonly name: string;
}

export interface CreatedAdmin {
  readonly accountCreated: boolean;
  readonly password: string;
}

export async function createAdmin(db: Kysely<Database>, input: CreateAdminInput): Promise<CreatedAdmin> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new UsageError(`"${input.email}" is not an email address`);
  if (input.name.trim() === '') throw new UsageError('--name must not be empty');
  const password = generatePassword();
  const hash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('agents').select('account_id').where('email', '=', email).executeTakeFirst();
    if (taken) throw new Error(`an agent with the email ${email} already exists (account "${taken.account_id}")`);
    const inserted = await trx.insertInto('accounts').values({ id: input.accountId, name: input.accountId }).onConflict((oc) => oc.column('id').doNothing()).returning('id').executeTakeFirst();
    await ensureCreditBuckets(trx, input.accountId);
    await trx
      .insertInto('agents')
      .values({ id: uuidV7Generator().next(), account_id: input.accountId, email, name: input.name.trim(), role: 'admin', password_hash: hash })
      .execute();
    return { accountCreated: inserted !== undefined, password };
  });
}
