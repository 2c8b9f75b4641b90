// `config export`: the account as a configuration file, in the order and shape apply reads, so
// exporting then applying changes nothing. Provider secrets are redacted; apply keeps the
// stored value of a redacted secret.
import type { Kysely } from 'kysely';
import { stringify } from 'yaml';
import type { Database } from '../db/schema.js';
import { redactConfig } from '../providers/secrets.js';
import { ConfigFileError, type ConfigFileIssue } from './issues.js';
import { groupBy } from './lookup.js';
import { keywordsForFile } from './plan-keywords.js';
import type { ConfigFile } from './schema.js';
import { hideWebhookToken } from './webhook-token.js';
import { readAccountState, type AccountState } from './state.js';

export async function exportConfigFile(db: Kysely<Database>, accountId: string): Promise<string> {
  const state = await readAccountState(db, accountId);
  const file = toConfigFile(state, accountId);
  return `# smsdesk configuration of account "${accountId}". Provider secrets are redacted: applying\n# this file keeps the stored ones. Credits are not configuration (see docs/operations.md).\n# {webhookToken} stands for the account's webhook address token, which is never exported.\n${stringify(file, { lineWidth: 0 })}`;
}

export function toConfigFile(state: AccountState, accountId: string): ConfigFile {
  if (state.account === null) throw new ConfigFileError([{ path: '', message: `there is no account "${accountId}"` }]);
  const issues: ConfigFileIssue[] = [];
  for (const [section, rows] of [
    ['templates', state.templates],
    ['profiles', state.profiles],
    ['queues', state.queues],
  ] as const) {
    for (const [name, same] of groupBy<{ readonly name: string }>(rows, (r) => r.name)) {
      if (same.length > 1) issues.push({ path: section, message: `${same.length} ${section} are named "${name}"; names are the file's keys, rename one first` });
    }
  }
  if (issues.length > 0) throw new ConfigFileError(issues);
  const address = new Map(state.numbers.map((n) => [n.id, n.address]));
  const template = new Map(state.templates.map((t) => [t.id, t.name]));
  const profile = new Map(state.profiles.map((p) => [p.id, p.name]));
  const agent = new Map(state.agents.map((a) => [a.id, a.email]));
  const queue = new Map(state.queues.map((q) => [q.id, q.name]));
  const names = (ids: readonly string[], by: ReadonlyMap<string, string>) => ids.flatMap((id) => by.get(id) ?? []).sort();
  const { account } = state;
  return {
    account: { name: account.name },
    ...(account.providerType ? { provider: { type: account.providerType, settings: hideWebhookToken(redactConfig(account.providerConfig), account.webhookToken) } } : {}),
    numbers: state.numbers.map((n) => {
      const keywords = keywordsForFile(n.keywords);
      return { address: n.address, nationalLanguage: n.nationalLanguage, sendRatePerSecond: n.sendRatePerSecond, ...(n.label !== null ? { label: n.label } : {}), ...(keywords ? { keywords } : {}) };
    }),
    templates: state.templates.map((t) => ({ name: t.name, body: t.body, ...(t.category === 'MARKETING' ? { category: t.category } : {}) })),
    profiles: state.profiles.map((p) => ({
      name: p.name,
      permissions: { messaging: p.messaging, direct: p.direct, smart: p.smart },
      maxInteractions: p.maxInteractions,
      authorizedCountries: [...p.authorizedCountries],
      numbers: names(p.numberIds, address),
      templates: names(p.templateIds, template),
      ...(p.sendingWindow ? { sendingWindow: { ...p.sendingWindow, days: [...p.sendingWindow.days] } } : {}),
      ...(p.undoSeconds > 0 ? { undoSeconds: p.undoSeconds } : {}),
    })),
    queues: state.queues.map((q) => ({
      name: q.name,
      number: q.numberId === null ? null : (address.get(q.numberId) ?? null),
      templates: names(q.templateIds, template),
      members: names(q.memberIds, agent),
      ...(q.sendingWindow ? { sendingWindow: { ...q.sendingWindow, days: [...q.sendingWindow.days] } } : {}),
      ...(q.category === 'MARKETING' ? { category: q.category } : {}),
    })),
    agents: state.agents.map((a) => ({
      email: a.email,
      name: a.name,
      role: a.role,
      profile: a.profileId === null ? null : (profile.get(a.profileId) ?? null),
      disabled: a.disabled,
      lang: a.lang,
      ...(a.role === 'supervisor' ? { supervises: names(a.supervisedQueueIds, queue) } : {}),
    })),
    contacts: state.contacts.map((c) => ({ number: c.number, name: c.name })),
    // Only the file's own: a customer's STOP is not configuration, and re-applying it would mislabel it.
    optOuts: state.optOuts.fromFile.map((number) => ({ number })),
  };
}
