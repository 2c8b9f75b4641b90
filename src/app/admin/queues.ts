// Distribution queues: their SMS number, the templates offered in them and their members.
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { QueueCreateBody, QueueUpdateBody } from '../../api/admin-schemas.js';
import type { QueueView } from '../../api/admin-views.js';
import type { Actor, AppDeps, Db } from '../context.js';
import { checkedWindow, storedWindow } from '../sending-window-facts.js';
import { audit } from './audit.js';
import { replaceQueueMembers, replaceQueueTemplates } from './links.js';
import { requireOwned } from './owned.js';
import { notFound } from './refusals.js';

function query(db: Db, accountId: string) {
  return db
    .selectFrom('queues')
    .select((eb) => [
      'queues.id',
      'queues.name',
      'queues.sms_number_id',
      'queues.sending_window',
      'queues.category',
      jsonArrayFrom(eb.selectFrom('queue_templates').select('queue_templates.template_id as id').whereRef('queue_templates.queue_id', '=', 'queues.id').orderBy('queue_templates.template_id')).as('templates'),
      jsonArrayFrom(eb.selectFrom('queue_members').select('queue_members.agent_id as id').whereRef('queue_members.queue_id', '=', 'queues.id').orderBy('queue_members.agent_id')).as('members'),
    ])
    .where('queues.account_id', '=', accountId);
}

type Row = Awaited<ReturnType<ReturnType<typeof query>['executeTakeFirstOrThrow']>>;

const view = (r: Row): QueueView => ({
  id: r.id,
  name: r.name,
  smsNumberId: r.sms_number_id,
  templateIds: r.templates.map((t) => t.id),
  memberIds: r.members.map((m) => m.id),
  sendingWindow: storedWindow(r.sending_window),
  category: r.category,
});

export async function listQueues(deps: Pick<AppDeps, 'db'>, actor: Actor): Promise<QueueView[]> {
  return (await query(deps.db, actor.accountId).orderBy('queues.name').orderBy('queues.id').execute()).map(view);
}

async function getQueue(db: Db, actor: Actor, id: string): Promise<QueueView> {
  const row = await query(db, actor.accountId).where('queues.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('id');
  return view(row);
}

async function checkLinks(db: Db, actor: Actor, input: QueueUpdateBody): Promise<void> {
  if (input.smsNumberId) await requireOwned(db, 'sms_numbers', actor.accountId, [input.smsNumberId], 'smsNumberId');
  await requireOwned(db, 'templates', actor.accountId, input.templateIds ?? [], 'templateIds');
  await requireOwned(db, 'agents', actor.accountId, input.memberIds ?? [], 'memberIds');
}

export async function createQueue(deps: Pick<AppDeps, 'db' | 'ids' | 'wake'>, actor: Actor, input: QueueCreateBody): Promise<QueueView> {
  const id = `q_${deps.ids.next()}`;
  const window = checkedWindow('sendingWindow', input.sendingWindow ?? null);
  const after = await deps.db.transaction().execute(async (trx) => {
    await checkLinks(trx, actor, input);
    await trx
      .insertInto('queues')
      .values({ id, account_id: actor.accountId, name: input.name, sms_number_id: input.smsNumberId ?? null, sending_window: window, category: input.category ?? 'NOTIFICATION' })
      .execute();
    await replaceQueueTemplates(trx, id, input.templateIds ?? []);
    await replaceQueueMembers(trx, id, input.memberIds ?? []);
    const created = await getQueue(trx, actor, id);
    await audit(trx, actor, { what: 'queue.created', targetId: id, after: created });
    return created;
  });
  deps.wake();
  return after;
}

export async function updateQueue(deps: Pick<AppDeps, 'db' | 'wake'>, actor: Actor, id: string, input: QueueUpdateBody): Promise<QueueView> {
  const window = input.sendingWindow === undefined ? undefined : checkedWindow('sendingWindow', input.sendingWindow);
  const after = await deps.db.transaction().execute(async (trx) => {
    const locked = await trx.selectFrom('queues').select('id').where('id', '=', id).where('account_id', '=', actor.accountId).forUpdate().executeTakeFirst();
    if (!locked) throw notFound('id');
    const before = await getQueue(trx, actor, id);
    await checkLinks(trx, actor, input);
    await trx
      .updateTable('queues')
      .set({
        name: input.name ?? before.name,
        sms_number_id: input.smsNumberId === undefined ? before.smsNumberId : input.smsNumberId,
        category: input.category ?? before.category,
        ...(window === undefined ? {} : { sending_window: window }),
      })
      .where('id', '=', id)
      .execute();
    if (input.templateIds !== undefined) await replaceQueueTemplates(trx, id, input.templateIds);
    if (input.memberIds !== undefined) await replaceQueueMembers(trx, id, input.memberIds);
    const updated = await getQueue(trx, actor, id);
    await audit(trx, actor, { what: 'queue.updated', targetId: id, before, after: updated });
    return updated;
  });
  deps.wake();
  return after;
}
