// What an account holds today, in the shape the planner and the exporter compare against.
import type { AgentView, NumberView } from '../api/admin-views.js';
import { storedWindow } from '../app/sending-window-facts.js';
import type { MessageCategory, SendingWindow } from '../domain/compliance/index.js';
import { readKeywordSettings, type KeywordSettings } from '../domain/consent/index.js';
import { isErasedNumber } from '../app/opt-out-match.js';
import type { Executor } from '../db/executor.js';
import type { ProviderType } from '../db/schema.js';

export interface AccountRow {
  readonly id: string;
  readonly name: string;
  readonly providerType: ProviderType | null;
  readonly providerConfig: Readonly<Record<string, unknown>>;
  /** Never exported nor set by a file (src/config-file/webhook-token.ts). */
  readonly webhookToken: string;
}
/** A number, and an agent below, hold what the administration API shows of them; a number also its keyword settings. */
export type NumberRow = NumberView & { readonly keywords: KeywordSettings };
export interface TemplateRow {
  readonly id: string;
  readonly name: string;
  readonly body: string;
  readonly category: MessageCategory;
}
export interface ProfileRow {
  readonly id: string;
  readonly name: string;
  readonly messaging: boolean;
  readonly direct: boolean;
  readonly smart: boolean;
  readonly maxInteractions: number;
  readonly authorizedCountries: readonly string[];
  readonly numberIds: readonly string[];
  readonly templateIds: readonly string[];
  readonly sendingWindow: SendingWindow | null;
  readonly undoSeconds: number;
}
export interface QueueRow {
  readonly id: string;
  readonly name: string;
  readonly numberId: string | null;
  readonly templateIds: readonly string[];
  readonly memberIds: readonly string[];
  readonly sendingWindow: SendingWindow | null;
  readonly category: MessageCategory;
}
export type AgentRow = AgentView;
export interface ContactRow {
  readonly number: string;
  readonly name: string;
}

export interface AccountState {
  readonly account: AccountRow | null;
  readonly numbers: readonly NumberRow[];
  readonly templates: readonly TemplateRow[];
  readonly profiles: readonly ProfileRow[];
  readonly queues: readonly QueueRow[];
  readonly agents: readonly AgentRow[];
  readonly contacts: readonly ContactRow[];
  /** Every opted-out number, and those the file itself added (exported back). */
  readonly optOuts: { readonly all: ReadonlySet<string>; readonly fromFile: readonly string[] };
}

export async function readAccountState(db: Executor, accountId: string): Promise<AccountState> {
  const [account, numbers, templates, profiles, profileNumbers, profileTemplates, queues, queueTemplates, queueMembers, agents, contacts, supervised, optOuts] = await Promise.all([
    db.selectFrom('accounts').select(['id', 'name', 'provider_type', 'provider_config', 'webhook_token']).where('id', '=', accountId).executeTakeFirst(),
    db.selectFrom('sms_numbers').selectAll().where('account_id', '=', accountId).orderBy('address').execute(),
    db.selectFrom('templates').selectAll().where('account_id', '=', accountId).orderBy('name').orderBy('id').execute(),
    db.selectFrom('profiles').selectAll().where('account_id', '=', accountId).orderBy('name').orderBy('id').execute(),
    db.selectFrom('profile_numbers').innerJoin('profiles', 'profiles.id', 'profile_numbers.profile_id').select(['profile_id as owner', 'number_id as ref']).where('profiles.account_id', '=', accountId).execute(),
    db.selectFrom('profile_templates').innerJoin('profiles', 'profiles.id', 'profile_templates.profile_id').select(['profile_id as owner', 'template_id as ref']).where('profiles.account_id', '=', accountId).execute(),
    db.selectFrom('queues').selectAll().where('account_id', '=', accountId).orderBy('name').orderBy('id').execute(),
    db.selectFrom('queue_templates').innerJoin('queues', 'queues.id', 'queue_templates.queue_id').select(['queue_id as owner', 'template_id as ref']).where('queues.account_id', '=', accountId).execute(),
    db.selectFrom('queue_members').innerJoin('queues', 'queues.id', 'queue_members.queue_id').select(['queue_id as owner', 'agent_id as ref']).where('queues.account_id', '=', accountId).execute(),
    db.selectFrom('agents').select(['id', 'email', 'name', 'role', 'profile_id', 'disabled', 'lang']).where('account_id', '=', accountId).orderBy('email').execute(),
    db.selectFrom('contacts').select(['number', 'name']).where('account_id', '=', accountId).orderBy('number').execute(),
    db.selectFrom('queue_supervisors').innerJoin('queues', 'queues.id', 'queue_supervisors.queue_id').select(['agent_id as owner', 'queue_id as ref']).where('queues.account_id', '=', accountId).orderBy('queue_id').execute(),
    db.selectFrom('opt_outs').select(['number', 'source']).where('account_id', '=', accountId).orderBy('number').execute(),
  ]);
  const config = account?.provider_config;
  return {
    account: account
      ? { id: account.id, name: account.name, providerType: account.provider_type, providerConfig: config !== null && typeof config === 'object' && !Array.isArray(config) ? (config as Record<string, unknown>) : {}, webhookToken: account.webhook_token }
      : null,
    numbers: numbers.map((n) => ({ id: n.id, address: n.address, nationalLanguage: n.national_language, sendRatePerSecond: n.send_rate_per_second, label: n.label, keywords: readKeywordSettings(n.consent_keywords) })),
    templates: templates.map((t) => ({ id: t.id, name: t.name, body: t.body, category: t.category })),
    profiles: profiles.map((p) => ({
      id: p.id,
      name: p.name,
      messaging: p.messaging,
      direct: p.direct,
      smart: p.smart,
      maxInteractions: p.max_interactions,
      authorizedCountries: p.authorized_countries,
      numberIds: refsOf(profileNumbers, p.id),
      templateIds: refsOf(profileTemplates, p.id),
      sendingWindow: storedWindow(p.sending_window),
      undoSeconds: p.undo_seconds,
    })),
    queues: queues.map((q) => ({
      id: q.id,
      name: q.name,
      numberId: q.sms_number_id,
      templateIds: refsOf(queueTemplates, q.id),
      memberIds: refsOf(queueMembers, q.id),
      sendingWindow: storedWindow(q.sending_window),
      category: q.category,
    })),
    agents: agents.map((a) => ({ id: a.id, email: a.email, name: a.name, role: a.role, profileId: a.profile_id, disabled: a.disabled, lang: a.lang, supervisedQueueIds: refsOf(supervised, a.id) })),
    contacts,
    optOuts: {
      all: new Set(optOuts.map((o) => o.number)),
      // An erased customer's opt-out is a hash, not a number the file could hold (migration 0024).
      fromFile: optOuts.filter((o) => o.source === 'config' && !isErasedNumber(o.number)).map((o) => o.number),
    },
  };
}

function refsOf(links: readonly { owner: string; ref: string }[], owner: string): string[] {
  return links.filter((l) => l.owner === owner).map((l) => l.ref);
}

/** Agents of other accounts holding one of these emails (emails are unique across accounts). */
export async function emailsTakenElsewhere(db: Executor, accountId: string, emails: readonly string[]): Promise<ReadonlySet<string>> {
  if (emails.length === 0) return new Set();
  const rows = await db.selectFrom('agents').select('email').where('email', 'in', emails).where('account_id', '<>', accountId).execute();
  return new Set(rows.map((r) => r.email));
}
