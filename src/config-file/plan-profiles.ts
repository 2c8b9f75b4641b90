// Profiles: permissions, limits, countries, and the numbers and templates they offer.
import { sameSet, type Change } from './change.js';
import { replaceLinks } from './links.js';
import type { PlanContext } from './plan-context.js';
import type { ProfileItem } from './schema.js';
import type { ProfileRow } from './state.js';
import { plannedWindow, sameWindow } from './plan-window.js';

export function planProfile(ctx: PlanContext, item: ProfileItem, index: number, id: string, row: ProfileRow | null): Change | null {
  const path = `profiles[${index}]`;
  const numberIds = ctx.numbers.resolveAll(item.numbers, `${path}.numbers`, ctx.issues);
  const templateIds = ctx.templates.resolveAll(item.templates, `${path}.templates`, ctx.issues);
  const values = {
    messaging: item.permissions?.messaging ?? row?.messaging ?? false,
    direct: item.permissions?.direct ?? row?.direct ?? false,
    smart: item.permissions?.smart ?? row?.smart ?? false,
    max_interactions: item.maxInteractions ?? row?.maxInteractions ?? 1,
    authorized_countries: item.authorizedCountries ?? [...(row?.authorizedCountries ?? [])],
    undo_seconds: item.undoSeconds ?? row?.undoSeconds ?? 0,
  };
  const window = plannedWindow(ctx, item.sendingWindow, row?.sendingWindow ?? null, `${path}.sendingWindow`);
  const writeLinks = async (trx: Parameters<Change['run']>[0], force: boolean) => {
    if (numberIds && (force || !sameSet(numberIds, row?.numberIds ?? []))) await replaceLinks(trx, 'profile_numbers', id, numberIds);
    if (templateIds && (force || !sameSet(templateIds, row?.templateIds ?? []))) await replaceLinks(trx, 'profile_templates', id, templateIds);
  };
  if (row === null) {
    return {
      section: 'profiles',
      action: 'create',
      key: item.name,
      fields: [],
      run: async (trx) => {
        await trx.insertInto('profiles').values({ id, account_id: ctx.accountId, name: item.name, ...values, sending_window: window && JSON.stringify(window) }).execute();
        await writeLinks(trx, true);
      },
    };
  }
  const fields: string[] = [];
  for (const p of ['messaging', 'direct', 'smart'] as const) if (values[p] !== row[p]) fields.push(`permissions.${p}`);
  if (values.max_interactions !== row.maxInteractions) fields.push('maxInteractions');
  if (!sameSet(values.authorized_countries, row.authorizedCountries)) fields.push('authorizedCountries');
  if (values.undo_seconds !== row.undoSeconds) fields.push('undoSeconds');
  if (!sameWindow(window, row.sendingWindow)) fields.push('sendingWindow');
  const rowChanged = fields.length > 0;
  if (numberIds && !sameSet(numberIds, row.numberIds)) fields.push('numbers');
  if (templateIds && !sameSet(templateIds, row.templateIds)) fields.push('templates');
  if (fields.length === 0) return null;
  return {
    section: 'profiles',
    action: 'update',
    key: item.name,
    fields,
    run: async (trx) => {
      if (rowChanged) await trx.updateTable('profiles').set({ ...values, sending_window: window && JSON.stringify(window) }).where('id', '=', id).execute();
      await writeLinks(trx, false);
    },
  };
}
