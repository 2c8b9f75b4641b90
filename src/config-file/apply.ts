// `config apply`: check the file, then read, compare and write in one transaction, so a
// failure at any step leaves the account as it was and two applies never interleave.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { IdGenerator } from '../domain/ports.js';
import { uuidV7Generator } from '../platform/system.js';
import { defaultProviderRegistry } from '../providers/registry-entries.js';
import type { ProviderRegistry } from '../providers/registry.js';
import type { SecretKey } from '../providers/secrets.js';
import { describeChange } from './change.js';
import { ConfigFileError } from './issues.js';
import { parseConfigFile } from './parse.js';
import { prepareLogins, type NewLogin, type PreparedLogin } from './plan-agents.js';
import { planChanges } from './plan.js';
import { emailsTakenElsewhere, readAccountState } from './state.js';

export interface ApplyOptions {
  readonly accountId: string;
  /** The file's YAML text. */
  readonly text: string;
  readonly dryRun?: boolean;
  readonly secretKey: SecretKey | null;
  readonly registry?: ProviderRegistry;
  readonly ids?: IdGenerator;
}

export interface ApplyResult {
  /** One line per change, in the order they are written. */
  readonly changes: readonly string[];
  readonly written: boolean;
  /** Agents created by this apply and their one-time passwords. */
  readonly logins: readonly NewLogin[];
}

export async function applyConfigFile(db: Kysely<Database>, o: ApplyOptions): Promise<ApplyResult> {
  const file = parseConfigFile(o.text);
  const preparedLogins = o.dryRun ? undefined : await loginsForNewAgents(db, file.agents.map((a) => a.email));
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`smsdesk:config:${o.accountId}`}))`.execute(trx);
    const state = await readAccountState(trx, o.accountId);
    const emailsElsewhere = await emailsTakenElsewhere(trx, o.accountId, file.agents.map((a) => a.email));
    const plan = planChanges({
      accountId: o.accountId,
      file,
      state,
      emailsElsewhere,
      ids: o.ids ?? uuidV7Generator(),
      registry: o.registry ?? defaultProviderRegistry,
      secretKey: o.secretKey,
      ...(preparedLogins ? { preparedLogins } : {}),
    });
    if (plan.issues.length > 0) throw new ConfigFileError(plan.issues);
    const changes = plan.changes.map(describeChange);
    if (o.dryRun) return { changes, written: false, logins: [] };
    for (const change of plan.changes) await change.run(trx);
    return { changes, written: plan.changes.length > 0, logins: plan.logins };
  });
}

async function loginsForNewAgents(db: Kysely<Database>, emails: readonly string[]): Promise<ReadonlyMap<string, PreparedLogin>> {
  if (emails.length === 0) return new Map();
  const existing = new Set((await db.selectFrom('agents').select('email').where('email', 'in', emails).execute()).map((r) => r.email));
  return prepareLogins(emails.filter((e) => !existing.has(e)));
}
