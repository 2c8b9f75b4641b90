// What a conversation's queue says about the messages sent in it: its templates, its sending
// window and its category, in one query.
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { MessageCategory, SendingWindow } from '../domain/compliance/index.js';
import type { Template } from '../domain/templates/index.js';
import type { Db } from './context.js';
import { storedWindow } from './sending-window-facts.js';

export interface QueueRules {
  readonly templates: readonly Template[];
  readonly sendingWindow: SendingWindow | null;
  readonly category: MessageCategory;
}

const NO_QUEUE: QueueRules = { templates: [], sendingWindow: null, category: 'NOTIFICATION' };

export async function loadQueueRules(db: Db, queueId: string | null): Promise<QueueRules> {
  if (!queueId) return NO_QUEUE;
  const row = await db
    .selectFrom('queues')
    .select((eb) => [
      'queues.sending_window',
      'queues.category',
      jsonArrayFrom(
        eb
          .selectFrom('templates')
          .innerJoin('queue_templates', 'queue_templates.template_id', 'templates.id')
          .select(['templates.id', 'templates.name', 'templates.body', 'templates.category'])
          .whereRef('queue_templates.queue_id', '=', 'queues.id')
          .orderBy('templates.name'),
      ).as('templates'),
    ])
    .where('queues.id', '=', queueId)
    .executeTakeFirst();
  if (!row) return NO_QUEUE;
  return { templates: row.templates, sendingWindow: storedWindow(row.sending_window), category: row.category };
}
