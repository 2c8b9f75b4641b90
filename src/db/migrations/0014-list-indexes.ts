// The agent's lists read in their own order, so a page costs its rows whatever the account's
// history (measured with 5 million messages in bench/agent-day.md):
// - an agent's open or closed conversations, newest activity first: before this, the closed list
//   walked interactions_account_updated, which holds every agent's conversations (11,756 rows
//   filtered for one agent's first page), and the open list AND-ed two bitmaps and sorted;
// - the waiting conversations of a queue, newest first: the list takes each of the agent's
//   queues in this order, at most a page from each. It starts with queue_id, so it also serves
//   what interactions_queue_waiting (queue_id) served, which it replaces.
import { sql, type Kysely } from 'kysely';

const UP: readonly string[] = [
  `create index interactions_agent_list on interactions (agent_id, status, updated_at desc, id desc) where kind = 'sms'`,
  `create index interactions_waiting_list on interactions (queue_id, updated_at desc, id desc) where status = 'waiting'`,
  `drop index if exists interactions_queue_waiting`,
];

const DOWN: readonly string[] = [
  `create index if not exists interactions_queue_waiting on interactions (queue_id) where status = 'waiting'`,
  'drop index if exists interactions_waiting_list',
  'drop index if exists interactions_agent_list',
];

async function run(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export const listIndexes = {
  up: (db: Kysely<unknown>) => run(db, UP),
  down: (db: Kysely<unknown>) => run(db, DOWN),
};
