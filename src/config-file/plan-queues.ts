// Queues: their sender number, the templates they offer and their members.
import { sameSet, type Change } from './change.js';
import { replaceLinks } from './links.js';
import type { PlanContext } from './plan-context.js';
import type { QueueItem } from './schema.js';
import type { QueueRow } from './state.js';
import { plannedWindow, sameWindow } from './plan-window.js';

export function planQueue(ctx: PlanContext, item: QueueItem, index: number, id: string, row: QueueRow | null): Change | null {
  const path = `queues[${index}]`;
  const numberId = item.number === undefined ? undefined : item.number === null ? null : ctx.numbers.resolve(item.number, `${path}.number`, ctx.issues);
  const templateIds = ctx.templates.resolveAll(item.templates, `${path}.templates`, ctx.issues);
  const memberIds = ctx.agents.resolveAll(item.members, `${path}.members`, ctx.issues);
  const smsNumberId = numberId === undefined ? (row?.numberId ?? null) : numberId;
  const window = plannedWindow(ctx, item.sendingWindow, row?.sendingWindow ?? null, `${path}.sendingWindow`);
  const category = item.category ?? row?.category ?? 'NOTIFICATION';
  const writeLinks = async (trx: Parameters<Change['run']>[0], force: boolean) => {
    if (templateIds && (force || !sameSet(templateIds, row?.templateIds ?? []))) await replaceLinks(trx, 'queue_templates', id, templateIds);
    if (memberIds && (force || !sameSet(memberIds, row?.memberIds ?? []))) await replaceLinks(trx, 'queue_members', id, memberIds);
  };
  if (row === null) {
    return {
      section: 'queues',
      action: 'create',
      key: item.name,
      fields: [],
      run: async (trx) => {
        await trx
          .insertInto('queues')
          .values({ id, account_id: ctx.accountId, name: item.name, sms_number_id: smsNumberId, sending_window: window && JSON.stringify(window), category })
          .execute();
        await writeLinks(trx, true);
      },
    };
  }
  const fields: string[] = [];
  if (smsNumberId !== row.numberId) fields.push('number');
  if (!sameWindow(window, row.sendingWindow)) fields.push('sendingWindow');
  if (category !== row.category) fields.push('category');
  const rowChanged = fields.length > 0;
  if (templateIds && !sameSet(templateIds, row.templateIds)) fields.push('templates');
  if (memberIds && !sameSet(memberIds, row.memberIds)) fields.push('members');
  if (fields.length === 0) return null;
  return {
    section: 'queues',
    action: 'update',
    key: item.name,
    fields,
    run: async (trx) => {
      if (rowChanged) await trx.updateTable('queues').set({ sms_number_id: smsNumberId, sending_window: window && JSON.stringify(window), category }).where('id', '=', id).execute();
      await writeLinks(trx, false);
    },
  };
}
