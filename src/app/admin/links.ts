// Replacing a link table's rows for one owner (a profile's numbers, a queue's members...):
// the list given is the whole list.
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';

type Trx = Transaction<Database>;

export async function replaceProfileNumbers(trx: Trx, profileId: string, ids: readonly string[]): Promise<void> {
  await trx.deleteFrom('profile_numbers').where('profile_id', '=', profileId).execute();
  const distinct = [...new Set(ids)];
  if (distinct.length > 0) await trx.insertInto('profile_numbers').values(distinct.map((number_id) => ({ profile_id: profileId, number_id }))).execute();
}

export async function replaceProfileTemplates(trx: Trx, profileId: string, ids: readonly string[]): Promise<void> {
  await trx.deleteFrom('profile_templates').where('profile_id', '=', profileId).execute();
  const distinct = [...new Set(ids)];
  if (distinct.length > 0) await trx.insertInto('profile_templates').values(distinct.map((template_id) => ({ profile_id: profileId, template_id }))).execute();
}

export async function replaceQueueTemplates(trx: Trx, queueId: string, ids: readonly string[]): Promise<void> {
  await trx.deleteFrom('queue_templates').where('queue_id', '=', queueId).execute();
  const distinct = [...new Set(ids)];
  if (distinct.length > 0) await trx.insertInto('queue_templates').values(distinct.map((template_id) => ({ queue_id: queueId, template_id }))).execute();
}

export async function replaceQueueMembers(trx: Trx, queueId: string, ids: readonly string[]): Promise<void> {
  await trx.deleteFrom('queue_members').where('queue_id', '=', queueId).execute();
  const distinct = [...new Set(ids)];
  if (distinct.length > 0) await trx.insertInto('queue_members').values(distinct.map((agent_id) => ({ queue_id: queueId, agent_id }))).execute();
}
