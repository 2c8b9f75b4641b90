// A third role beside agent and administrator: a supervisor sees the outcomes (log, dashboard)
// and the conversations of the queues they supervise, and may take or close them there, but
// cannot change the account's configuration. Which queues is a list of its own, apart from
// queue_members: supervising a queue is not answering its customers.
import { sql, type Kysely } from 'kysely';

const UP: readonly string[] = [
  // 0001 declared the check inline, so it carries PostgreSQL's default name on both engines.
  `alter table agents drop constraint if exists agents_role_check`,
  `alter table agents add constraint agents_role_check check (role in ('agent', 'admin', 'supervisor'))`,
  `create table queue_supervisors (
    queue_id text not null references queues (id) on delete cascade,
    agent_id text not null references agents (id) on delete cascade,
    primary key (queue_id, agent_id)
  )`,
  // The scope of a supervisor is read by agent at each of their requests.
  `create index queue_supervisors_agent on queue_supervisors (agent_id)`,
];

const DOWN: readonly string[] = [
  'drop table if exists queue_supervisors',
  // Going back: supervisors become agents (the older code knows no third role).
  `update agents set role = 'agent' where role = 'supervisor'`,
  `alter table agents drop constraint if exists agents_role_check`,
  `alter table agents add constraint agents_role_check check (role in ('agent', 'admin'))`,
];

async function run(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export const supervisors = {
  up: (db: Kysely<unknown>) => run(db, UP),
  down: (db: Kysely<unknown>) => run(db, DOWN),
};
