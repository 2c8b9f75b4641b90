// Compares a checked file with what the account holds and lists the changes, in the order their
// writes must run (rows before the links that refer to them). Nothing is written here.
import { ensureCreditBuckets } from '../db/credits.js';
import type { IdGenerator } from '../domain/ports.js';
import type { ProviderRegistry } from '../providers/registry.js';
import type { SecretKey } from '../providers/secrets.js';
import type { Change } from './change.js';
import type { ConfigFileIssue } from './issues.js';
import { groupBy, Lookup } from './lookup.js';
import { planAgent, type NewLogin, type PreparedLogin } from './plan-agents.js';
import { planSupervision } from './plan-supervision.js';
import { planNumber, planTemplate } from './plan-catalog.js';
import { idFor, type PlanContext } from './plan-context.js';
import { planProfile } from './plan-profiles.js';
import { planProvider } from './plan-provider.js';
import { checkNationalTables } from './plan-national.js';
import { planContacts } from './plan-contacts.js';
import { planOptOuts } from './plan-opt-outs.js';
import { planQueue } from './plan-queues.js';
import type { ConfigFile } from './schema.js';
import type { AccountState } from './state.js';

export interface PlanInput {
  readonly accountId: string;
  readonly file: ConfigFile;
  readonly state: AccountState;
  /** Emails of the file held by agents of other accounts. */
  readonly emailsElsewhere: ReadonlySet<string>;
  readonly ids: IdGenerator;
  readonly registry: ProviderRegistry;
  readonly secretKey: SecretKey | null;
  /** Passwords already hashed for agents expected to be new; others are hashed when written. */
  readonly preparedLogins?: ReadonlyMap<string, PreparedLogin>;
}

export interface Plan {
  readonly changes: readonly Change[];
  readonly issues: readonly ConfigFileIssue[];
  /** Filled as agent creations run: the passwords to show once. */
  readonly logins: NewLogin[];
}

export function planChanges(input: PlanInput): Plan {
  const { accountId, file, state } = input;
  const newId = () => input.ids.next();
  const ctx: PlanContext = {
    accountId,
    issues: [],
    numbers: new Lookup('number'),
    templates: new Lookup('template'),
    profiles: new Lookup('profile'),
    agents: new Lookup('agent'),
  };
  const logins: NewLogin[] = [];
  const changes: (Change | null)[] = [];

  const numberRows = groupBy(state.numbers, (n) => n.address);
  const templateRows = groupBy(state.templates, (t) => t.name);
  const profileRows = groupBy(state.profiles, (p) => p.name);
  const queueRows = groupBy(state.queues, (q) => q.name);
  const agentRows = groupBy(state.agents, (a) => a.email);
  for (const n of state.numbers) ctx.numbers.add(n.address, n.id);
  for (const t of state.templates) ctx.templates.add(t.name, t.id);
  for (const p of state.profiles) ctx.profiles.add(p.name, p.id);
  for (const a of state.agents) ctx.agents.add(a.email, a.id);

  // Ids first, so that every section can refer to items created by another.
  const numbers = file.numbers.map((item) => ({ item, ...idFor(numberRows.get(item.address), newId) }));
  const templates = file.templates.map((item) => ({ item, ...idFor(templateRows.get(item.name), newId) }));
  const profiles = file.profiles.map((item) => ({ item, ...idFor(profileRows.get(item.name), newId) }));
  const agents = file.agents.map((item) => ({ item, ...idFor(agentRows.get(item.email), newId) }));
  const queues = file.queues.map((item) => ({ item, ...idFor(queueRows.get(item.name), newId) }));
  for (const n of numbers) ctx.numbers.add(n.item.address, n.id);
  for (const t of templates) ctx.templates.add(t.item.name, t.id);
  for (const p of profiles) ctx.profiles.add(p.item.name, p.id);
  for (const a of agents) ctx.agents.add(a.item.email, a.id);
  ambiguous('templates', file.templates, templateRows, ctx.issues);
  ambiguous('profiles', file.profiles, profileRows, ctx.issues);
  ambiguous('queues', file.queues, queueRows, ctx.issues);
  file.agents.forEach((a, i) => {
    if (input.emailsElsewhere.has(a.email)) ctx.issues.push({ path: `agents[${i}].email`, message: `"${a.email}" belongs to an agent of another account` });
  });

  changes.push(planAccount(accountId, file, state));
  checkNationalTables(file, state, ctx.issues);
  if (file.provider) changes.push(planProvider({ accountId, item: file.provider, current: state.account, registry: input.registry, secretKey: input.secretKey }, ctx.issues));
  numbers.forEach((n, i) => changes.push(planNumber(ctx, n.item, i, n.id, n.row)));
  for (const t of templates) changes.push(planTemplate(ctx, t.item, t.id, t.row));
  profiles.forEach((p, i) => changes.push(planProfile(ctx, p.item, i, p.id, p.row)));
  agents.forEach((a, i) => changes.push(planAgent(ctx, a.item, i, a.id, a.row, logins, input.preparedLogins?.get(a.item.email))));
  queues.forEach((q, i) => changes.push(planQueue(ctx, q.item, i, q.id, q.row)));
  // After the queues: a supervisor may supervise a queue this file creates.
  const queueLookup = new Lookup('queue');
  for (const q of state.queues) queueLookup.add(q.name, q.id);
  for (const q of queues) queueLookup.add(q.item.name, q.id);
  agents.forEach((a, i) => changes.push(planSupervision(ctx, queueLookup, a.item, i, a.id, a.row)));
  changes.push(...planContacts(accountId, file.contacts, state.contacts, ctx.issues));
  changes.push(...planOptOuts(accountId, file.optOuts, state.optOuts.all, ctx.issues));
  return { changes: changes.filter((c): c is Change => c !== null), issues: ctx.issues, logins };
}

function planAccount(accountId: string, file: ConfigFile, state: AccountState): Change | null {
  const name = file.account?.name;
  if (state.account === null) {
    return {
      section: 'account',
      action: 'create',
      key: accountId,
      fields: [],
      run: async (trx) => {
        await trx.insertInto('accounts').values({ id: accountId, name: name ?? accountId }).execute();
        await ensureCreditBuckets(trx, accountId);
      },
    };
  }
  if (name === undefined || name === state.account.name) return null;
  return {
    section: 'account',
    action: 'update',
    key: accountId,
    fields: ['name'],
    run: async (trx) => {
      await trx.updateTable('accounts').set({ name }).where('id', '=', accountId).execute();
    },
  };
}

function ambiguous(section: string, items: readonly { readonly name: string }[], rows: ReadonlyMap<string, readonly unknown[]>, issues: ConfigFileIssue[]): void {
  items.forEach((item, i) => {
    const count = rows.get(item.name)?.length ?? 0;
    if (count > 1) issues.push({ path: `${section}[${i}].name`, message: `${count} ${section} are named "${item.name}" in the account; rename one first` });
  });
}
